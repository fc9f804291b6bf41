// The demo town: deterministic, valid and with something of every kind.
#include "fieldgrid/demo/demo_town.h"

#include <gtest/gtest.h>

#include "fieldgrid/validation/id_number.h"
#include "fieldgrid/validation/uscc.h"
#include "test_util.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

namespace {

// A digest of every record's values (not metadata, which holds device clocks).
std::string content_digest(Store& s) {
    std::string all;
    for (const auto& def : all_records()) {
        std::string cols = "hex(id)";
        for (const auto& f : def.fields) cols += ", quote(" + std::string(f.name) + ")";
        auto st = s.db().prepare("SELECT " + cols + " FROM " + std::string(def.name) + " ORDER BY id");
        while (st.step())
            for (int i = 0; i < st.columns(); ++i) all += st.text(i) + "|";
    }
    return std::to_string(std::hash<std::string>{}(all)) + ":" + std::to_string(all.size());
}

}  // namespace

TEST(DemoTown, SameSeedSameTownOtherSeedOtherTown) {
    TempDir dir;
    DemoOptions o;
    o.persons = 1500;
    o.seed = 7;
    auto a = Store::open(dir.file("a.db"));
    auto b = Store::open(dir.file("b.db"));
    auto c = Store::open(dir.file("c.db"));
    build_demo_town(*a, o);
    build_demo_town(*b, o);
    o.seed = 8;
    build_demo_town(*c, o);
    EXPECT_EQ(content_digest(*a), content_digest(*b));
    EXPECT_NE(content_digest(*a), content_digest(*c));
}

TEST(DemoTown, HasEveryKindOfRecordAndValidNumbers) {
    TempDir dir;
    auto s = Store::open(dir.file("d.db"));
    DemoOptions o;
    o.persons = 6000;
    auto sum = build_demo_town(*s, o);
    Stats st = s->stats();
    EXPECT_GE(st.counts[static_cast<int>(RecordType::Person)], 6000);
    for (const auto& def : all_records())
        EXPECT_GT(st.counts[static_cast<int>(def.type)], 0) << def.name;
    EXPECT_GT(st.key_houses, 0);
    EXPECT_GT(st.group_rental_suspected, 0);
    EXPECT_GT(st.concentrated_rental, 0);
    EXPECT_EQ(sum.persons, st.counts[static_cast<int>(RecordType::Person)]);
    // Every house type and both village kinds appear.
    EXPECT_EQ(s->db().scalar_int("SELECT count(DISTINCT type) FROM house"),
              static_cast<int64_t>(record_def(RecordType::House).field("type")->values.size()));
    EXPECT_EQ(s->db().scalar_int("SELECT count(DISTINCT kind) FROM village"), 2);
    EXPECT_EQ(s->db().scalar_int("SELECT count(DISTINCT category) FROM residence"), 4);
    // Numbers are re-checked independently of the write path.
    auto ids = s->db().prepare("SELECT id_type, id_no FROM person");
    int checked = 0;
    while (ids.step()) {
        auto t = id_type_from_code(ids.text(0));
        ASSERT_TRUE(t);
        auto c = check_id(*t, ids.text(1), Date::today_china());
        ASSERT_TRUE(c.ok()) << ids.text(1) << ": " << format_issues(c.issues);
        ++checked;
    }
    EXPECT_EQ(checked, st.counts[static_cast<int>(RecordType::Person)]);
    auto codes = s->db().prepare("SELECT uscc FROM unit");
    while (codes.step()) EXPECT_TRUE(check_uscc(codes.text(0)).ok()) << codes.text(0);
}
