// Every record type can be created through apply(), and each one's own rules are enforced.
#include <gtest/gtest.h>

#include "fieldgrid/demo/demo_town.h"
#include "test_util.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

namespace {

class RecordsTest : public ::testing::Test {
protected:
    void SetUp() override {
        StoreOptions o;
        o.today = [] { return Date{2026, 12, 4}; };
        store_ = Store::open(dir_.file("r.db"), o);
        tree_ = make_tree(*store_);
        auto p = person("张三", "360426199101010071");
        person_ = p.id;
        expect_ok(store_->apply(std::vector<Change>{p, residence(p.id, tree_.room1)}));
    }
    ApplyResult apply(const Change& c) { return store_->apply(c); }
    TempDir dir_;
    std::unique_ptr<Store> store_;
    Tree tree_;
    Uuid person_;
};

}  // namespace

TEST_F(RecordsTest, VillageAndGrid) {
    auto v = make(RecordType::Village);
    v.set("name", std::string("珠溪居委会")).set("kind", std::string("neighbourhood"));
    expect_ok(apply(v));
    auto g = make(RecordType::Grid);
    g.set("name", std::string("珠溪第1微网格"));
    EXPECT_TRUE(has_issue(apply(g), "grid.village_id", "required"));
    g.set("village_id", new_uuid());
    EXPECT_TRUE(has_issue(apply(g), "grid.village_id", "ref.missing"));
    g.set("village_id", v.id);
    expect_ok(apply(g));
}

TEST_F(RecordsTest, AddressTreeRules) {
    // A room straight under a road skips the doorplate.
    auto bad = make(RecordType::Address);
    bad.set("parent_id", tree_.road).set("level", std::string("room")).set("name", std::string("1室"));
    EXPECT_TRUE(has_issue(apply(bad), "address.parent_id", "address.parent_level"));
    // A doorplate needs a road or compound above it.
    auto orphan = make(RecordType::Address);
    orphan.set("level", std::string("doorplate")).set("name", std::string("5号"));
    EXPECT_TRUE(has_issue(apply(orphan), "address.parent_id", "address.parent_level"));
    // Child codes extend the parent's code.
    auto coded = make(RecordType::Address);
    coded.set("parent_id", tree_.road).set("level", std::string("doorplate")).set("name", std::string("9号"));
    coded.set("code", std::string("99990001"));
    EXPECT_TRUE(has_issue(apply(coded), "address.code", "address.code_prefix"));
    coded.set("code", std::string("3101181000009"));
    expect_ok(apply(coded));
    // Children inherit the village and grid.
    auto got = store_->get(RecordType::Address, coded.id);
    EXPECT_EQ(got->ref("village_id"), tree_.village);
    EXPECT_EQ(got->ref("grid_id"), tree_.grid);
    // No cycles.
    Change loop{RecordType::Address, tree_.door, {}};
    loop.set("parent_id", tree_.room1).set("level", std::string("doorplate"));
    auto lr = apply(loop);
    EXPECT_TRUE(has_issue(lr, "address.parent_id", "address.cycle")) << format_issues(lr.issues);
    // Coordinates within China and with their system.
    auto c = make(RecordType::Address);
    c.set("parent_id", tree_.road).set("level", std::string("doorplate")).set("name", std::string("10号"));
    c.set("lon", 121.05).set("lat", 31.11);
    EXPECT_TRUE(has_issue(apply(c), "address.crs", "coords.crs"));
    c.set("crs", std::string("gcj02")).set("lon", 21.05);
    EXPECT_TRUE(has_issue(apply(c), "address.lon", "coords.range"));
    c.set("lon", 121.05);
    expect_ok(apply(c));
    // Retiring a parent first needs its children retired.
    Change retire{RecordType::Address, tree_.floor, {}};
    retire.set("status", std::string("retired"));
    EXPECT_TRUE(has_issue(apply(retire), "address.status", "address.active_children"));
    auto admin = make(RecordType::Address);
    admin.set("level", std::string("road")).set("name", std::string("新路")).set("admin_code", std::string("990101"));
    EXPECT_TRUE(has_issue(apply(admin), "address.admin_code", "region.unknown"));
}

TEST_F(RecordsTest, AddressTextFollowsRenames) {
    EXPECT_EQ(store_->address_text(tree_.room1), "珠溪路88弄3号301室");
    Change rename{RecordType::Address, tree_.road, {}};
    rename.set("name", std::string("课植园路"));
    expect_ok(apply(rename));
    EXPECT_EQ(store_->address_text(tree_.room1), "课植园路88弄3号301室");
}

TEST_F(RecordsTest, HouseRules) {
    auto h = make(RecordType::House);
    h.set("address_id", tree_.road).set("type", std::string("residential"));
    EXPECT_TRUE(has_issue(apply(h), "house.address_id", "house.address_level"));
    h.set("address_id", tree_.room1).set("area_m2", 50.0).set("living_area_m2", 60.0);
    EXPECT_TRUE(has_issue(apply(h), "house.living_area_m2", "house.living_area"));
    h.set("living_area_m2", 30.0).set("labels", std::string("day_rent, underground,day_rent"));
    h.set("owner_phone", std::string("021-59231234"));
    expect_ok(apply(h));
    EXPECT_EQ(store_->get(RecordType::House, h.id)->text("labels"), "day_rent,underground");
    auto second = make(RecordType::House);
    second.set("address_id", tree_.room1).set("type", std::string("residential"));
    EXPECT_TRUE(has_issue(apply(second), "house.address_id", "house.duplicate"));
    Change bad_label{RecordType::House, h.id, {}};
    bad_label.set("labels", std::string("castle"));
    EXPECT_TRUE(has_issue(apply(bad_label), "house.labels", "enum.unknown"));
    Change rooms{RecordType::House, h.id, {}};
    rooms.set("rooms", int64_t{-1});
    EXPECT_TRUE(has_issue(apply(rooms), "house.rooms", "range"));
}

TEST_F(RecordsTest, UnitAndEmployment) {
    auto u = make(RecordType::Unit);
    u.set("name", std::string("上海珠溪便利店")).set("type", std::string("shop")).set("address_id", tree_.door);
    u.set("uscc", std::string("91110000600037341N"));
    EXPECT_TRUE(has_issue(apply(u), "unit.uscc", "uscc.checksum"));
    u.set("uscc", std::string("91310115ma1k3btp2b")).set("phone", std::string("021-5923 1234"));
    expect_ok(apply(u));
    EXPECT_EQ(store_->get(RecordType::Unit, u.id)->text("uscc"), "91310115MA1K3BTP2B");
    auto twin = make(RecordType::Unit);
    twin.set("name", std::string("另一家")).set("type", std::string("shop")).set("address_id", tree_.door);
    twin.set("uscc", std::string("91310115MA1K3BTP2B"));
    EXPECT_TRUE(has_issue(apply(twin), "unit.uscc", "unit.duplicate"));
    twin.set("uscc", make_uscc(77, "310118")).set("phone", std::string("12"));
    EXPECT_TRUE(has_issue(apply(twin), "unit.phone", "phone.format"));

    auto e = make(RecordType::Employment);
    e.set("unit_id", u.id).set("person_id", person_).set("hire_date", std::string("2025-05-01"));
    e.set("leave_date", std::string("2025-04-01"));
    EXPECT_TRUE(has_issue(apply(e), "employment.leave_date", "date.order"));
    e.set("leave_date", std::monostate{}).set("lives_on_site", true);
    expect_ok(apply(e));
}

TEST_F(RecordsTest, VisitTaskTipFlagMeetingReward) {
    int64_t now = now_ms();
    auto v = make(RecordType::Visit);
    v.set("address_id", tree_.room1).set("visitor", std::string("协管员甲")).set("outcome", std::string("done"));
    v.set("visited_at", now + 86'400'000);
    EXPECT_TRUE(has_issue(apply(v), "visit.visited_at", "time.future"));
    v.set("visited_at", now);
    expect_ok(apply(v));

    auto t = make(RecordType::Task);
    t.set("title", std::string("核查人员")).set("kind", std::string("verify_person")).set("status", std::string("issued"));
    t.set("target_id", person_);
    EXPECT_TRUE(has_issue(apply(t), "task.target_type", "target.pair"));
    t.set("target_type", std::string("house"));
    EXPECT_TRUE(has_issue(apply(t), "task.target_id", "ref.missing"));  // not a house
    t.set("target_type", std::string("person")).set("grid_id", tree_.grid);
    expect_ok(apply(t));

    auto tip = make(RecordType::Tip);
    tip.set("submitted_by", std::string("物业")).set("category", std::string("suspicious_house"));
    tip.set("status", std::string("new"));
    EXPECT_TRUE(has_issue(apply(tip), "tip.content", "required"));
    tip.set("content", std::string("疑似群租"));
    expect_ok(apply(tip));

    auto f = make(RecordType::Flag);
    f.set("subject_type", std::string("person")).set("subject_id", new_uuid());
    f.set("kind", std::string("refused_registration")).set("status", std::string("open"));
    EXPECT_TRUE(has_issue(apply(f), "flag.subject_id", "ref.missing"));
    f.set("subject_id", person_);
    expect_ok(apply(f));

    auto m = make(RecordType::Meeting);
    m.set("village_id", tree_.village).set("kind", std::string("weekly_review")).set("held_at", now);
    expect_ok(apply(m));
    m.set("kind", std::string("party"));
    EXPECT_TRUE(has_issue(apply(m), "meeting.kind", "enum.unknown"));

    auto rc = make(RecordType::RewardClaim);
    rc.set("claimant", std::string("保安乙")).set("month", std::string("2026-13")).set("status", std::string("pending"));
    rc.set("tip_id", tip.id).set("amount", int64_t{50});  // an integer amount is taken as a number
    EXPECT_TRUE(has_issue(apply(rc), "reward_claim.month", "date.format"));
    rc.set("month", std::string("2026-11"));
    expect_ok(apply(rc));
    EXPECT_EQ(store_->get(RecordType::RewardClaim, rc.id)->real("amount"), 50.0);
}
