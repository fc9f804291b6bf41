// The one write path: validation, rows, per-field metadata and outbox in one transaction.
#include "fieldgrid/store/store.h"

#include <gtest/gtest.h>

#include "fieldgrid/v1/change.pb.h"
#include "test_util.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

namespace {

class StoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        StoreOptions o;
        o.clock = [this] { return wall_; };
        o.today = [] { return Date{2026, 12, 4}; };
        store_ = Store::open(dir_.file("device.db"), o);
        tree_ = make_tree(*store_);
    }
    int64_t wall_ = 1'780'000'000'000;
    TempDir dir_;
    std::unique_ptr<Store> store_;
    Tree tree_;
};

}  // namespace

TEST_F(StoreTest, PersonWithResidenceWritesRowsMetadataAndOutbox) {
    int64_t outbox_before = count(*store_, "outbox");
    auto p = person("张三", "360426199101010071");
    p.set("phone", std::string("+86 138-1121-1114"));
    auto r = residence(p.id, tree_.room1);
    auto res = store_->apply(std::vector<Change>{p, r});
    expect_ok(res);
    EXPECT_EQ(res.records_changed, 2u);
    EXPECT_EQ(res.last_seq - res.first_seq, 1);

    auto got = store_->get(RecordType::Person, p.id);
    ASSERT_TRUE(got);
    EXPECT_EQ(got->text("name"), "张三");
    EXPECT_EQ(got->text("phone"), "13811211114");       // normalised
    EXPECT_EQ(got->text("birth_date"), "1991-01-01");   // filled from the ID number
    EXPECT_EQ(got->text("gender"), "male");
    EXPECT_EQ(count(*store_, "outbox"), outbox_before + 2);

    auto meta = store_->meta(RecordType::Person, p.id);
    const auto& def = record_def(RecordType::Person);
    auto name_meta = meta[static_cast<size_t>(def.slot_of("name"))];
    EXPECT_EQ(hlc_ms(name_meta.hlc), wall_);
    EXPECT_NE(name_meta.device, 0u);
    EXPECT_EQ(meta[static_cast<size_t>(def.slot_of("former_name"))].hlc, 0u);  // never set

    // The outbox payload carries exactly the fields that were set, with their HLC.
    auto st = store_->db().prepare("SELECT payload FROM outbox WHERE seq=?1");
    st.bind(1, res.first_seq);
    ASSERT_TRUE(st.step());
    fieldgrid::v1::RecordChange rc;
    auto blob = st.blob(0);
    ASSERT_TRUE(rc.ParseFromArray(blob.data(), static_cast<int>(blob.size())));
    EXPECT_EQ(rc.type(), fieldgrid::v1::RECORD_TYPE_PERSON);
    EXPECT_EQ(rc.id(), std::string(reinterpret_cast<const char*>(p.id.bytes.data()), 16));
    EXPECT_EQ(rc.fields_size(), 6);  // id_type, id_no, name, phone, and birth_date, gender filled in
    for (const auto& f : rc.fields()) EXPECT_EQ(f.hlc(), name_meta.hlc);
}

TEST_F(StoreTest, InvalidChangeAnywhereInTheBatchWritesNothing) {
    int64_t persons = count(*store_, "person"), outbox = count(*store_, "outbox");
    auto hlc_before = store_->db().scalar_int("SELECT value FROM local_state WHERE key='hlc'");
    auto p = person("李四", "11010119491001001X");
    auto r = residence(p.id, tree_.floor);  // a floor is not a place to live
    auto res = store_->apply(std::vector<Change>{p, r});
    EXPECT_FALSE(res.ok);
    EXPECT_TRUE(has_issue(res, "residence.address_id", "residence.address_level")) << format_issues(res.issues);
    EXPECT_EQ(count(*store_, "person"), persons);
    EXPECT_EQ(count(*store_, "outbox"), outbox);
    EXPECT_EQ(store_->db().scalar_int("SELECT value FROM local_state WHERE key='hlc'"), hlc_before);
    EXPECT_FALSE(store_->get(RecordType::Person, p.id));
    // Each issue carries words for the app and for logs.
    for (const auto& i : res.issues) {
        EXPECT_FALSE(i.zh.empty());
        EXPECT_FALSE(i.en.empty());
    }
}

TEST_F(StoreTest, UpdateRecordsOnlyChangedFields) {
    auto p = person("王五", "360426199101010071");
    expect_ok(store_->apply(p));
    auto meta0 = store_->meta(RecordType::Person, p.id);
    wall_ += 60'000;
    Change edit{RecordType::Person, p.id, {}};
    edit.set("phone", std::string("13912345678")).set("name", std::string("王五"));  // name unchanged
    auto res = store_->apply(edit);
    expect_ok(res);
    EXPECT_EQ(res.records_changed, 1u);
    auto meta1 = store_->meta(RecordType::Person, p.id);
    const auto& def = record_def(RecordType::Person);
    EXPECT_EQ(meta1[static_cast<size_t>(def.slot_of("name"))].hlc, meta0[static_cast<size_t>(def.slot_of("name"))].hlc);
    EXPECT_GT(meta1[static_cast<size_t>(def.slot_of("phone"))].hlc, meta0[static_cast<size_t>(def.slot_of("name"))].hlc);
    auto st = store_->db().prepare("SELECT payload FROM outbox WHERE seq=?1");
    st.bind(1, res.first_seq);
    ASSERT_TRUE(st.step());
    fieldgrid::v1::RecordChange rc;
    auto blob = st.blob(0);
    ASSERT_TRUE(rc.ParseFromArray(blob.data(), static_cast<int>(blob.size())));
    ASSERT_EQ(rc.fields_size(), 1);
    EXPECT_EQ(rc.fields(0).field(), def.field("phone")->number);
    EXPECT_EQ(rc.fields(0).value().text(), "13912345678");
}

TEST_F(StoreTest, SettingTheSameValuesIsNotAChange) {
    auto p = person("赵六", "360426199101010071");
    expect_ok(store_->apply(p));
    int64_t outbox = count(*store_, "outbox");
    auto res = store_->apply(p);
    expect_ok(res);
    EXPECT_EQ(res.records_changed, 0u);
    EXPECT_EQ(count(*store_, "outbox"), outbox);
}

TEST_F(StoreTest, ClockIsPersistedAndNeverGoesBackwards) {
    auto p = person("钱七", "360426199101010071");
    expect_ok(store_->apply(p));
    Hlc first = store_->last_hlc();
    std::string path = dir_.file("device.db");
    store_.reset();
    StoreOptions o;
    o.clock = [] { return int64_t{1'000}; };  // the tablet's clock was reset to 1970
    auto again = Store::open(path, o);
    EXPECT_EQ(again->last_hlc(), first);
    Change edit{RecordType::Person, p.id, {}};
    edit.set("occupation", std::string("厨师"));
    expect_ok(again->apply(edit));
    EXPECT_GT(again->last_hlc(), first);
    const auto& def = record_def(RecordType::Person);
    EXPECT_GT(again->meta(RecordType::Person, p.id)[static_cast<size_t>(def.slot_of("occupation"))].hlc, first);
}

TEST_F(StoreTest, SameIdNumberCannotBeRegisteredTwice) {
    expect_ok(store_->apply(person("孙八", "360426199101010071")));
    auto res = store_->apply(person("孙八", "360426199101010071"));
    EXPECT_FALSE(res.ok);
    EXPECT_TRUE(has_issue(res, "person.id_no", "person.duplicate"));
    // The legacy 15-digit form of a registered number is the same person too.
    expect_ok(store_->apply(person("周九", "110101491001001")));
    auto dup = store_->apply(person("周九", "11010119491001001X"));
    EXPECT_TRUE(has_issue(dup, "person.id_no", "person.duplicate"));
}

TEST_F(StoreTest, LegacyNumberIsConvertedAndKept) {
    auto p = person("吴十", "150102880730303");
    expect_ok(store_->apply(p));
    auto got = store_->get(RecordType::Person, p.id);
    EXPECT_EQ(got->text("id_no"), "150102198807303035");
    EXPECT_EQ(got->text("legacy_id_no"), "150102880730303");
    EXPECT_EQ(got->text("gender"), "male");
}

TEST_F(StoreTest, BirthDateAndGenderMustAgreeWithTheIdNumber) {
    auto p = person("郑一", "360426199101010071");
    p.set("birth_date", std::string("1991-01-02")).set("gender", std::string("female"));
    auto res = store_->apply(p);
    EXPECT_TRUE(has_issue(res, "person.birth_date", "id.birth_mismatch"));
    EXPECT_TRUE(has_issue(res, "person.gender", "id.gender_mismatch"));
}

TEST_F(StoreTest, FieldShapeRules) {
    auto p = person("冯二", "360426199101010071");
    p.fields.push_back(FieldSet{999, std::string("x")});
    EXPECT_TRUE(has_issue(store_->apply(p), "person.999", "field.unknown"));

    auto q = person("冯二", "360426199101010071");
    q.set("gender", int64_t{1});
    EXPECT_TRUE(has_issue(store_->apply(q), "person.gender", "field.type"));

    auto e = person("冯二", "360426199101010071");
    e.set("gender", std::string("other"));
    EXPECT_TRUE(has_issue(store_->apply(e), "person.gender", "enum.unknown"));

    auto l = person(std::string(60, 'a'), "360426199101010071");
    EXPECT_TRUE(has_issue(store_->apply(l), "person.name", "text.too_long"));

    auto d = residence(new_uuid(), tree_.room1);
    EXPECT_TRUE(has_issue(store_->apply(d), "residence.person_id", "ref.missing"));
    auto known = person("冯二", "360426199101010071");
    expect_ok(store_->apply(known));
    auto future = residence(known.id, tree_.room1);
    future.set("move_in_date", std::string("2030-01-01"));
    EXPECT_TRUE(has_issue(store_->apply(future), "residence.move_in_date", "date.future"));

    auto bad_date = residence(new_uuid(), tree_.room1);
    bad_date.set("move_in_date", std::string("2024-02-30"));
    EXPECT_TRUE(has_issue(store_->apply(bad_date), "residence.move_in_date", "date.format"));

    auto phone = person("冯三", "11010119491001001X");
    phone.set("phone", std::string("12345"));
    EXPECT_TRUE(has_issue(store_->apply(phone), "person.phone", "mobile.format"));
}

TEST_F(StoreTest, RequiredFieldsCannotBeCleared) {
    auto p = person("陈三", "360426199101010071");
    expect_ok(store_->apply(p));
    Change clear{RecordType::Person, p.id, {}};
    clear.set("name", std::monostate{});
    EXPECT_TRUE(has_issue(store_->apply(clear), "person.name", "required"));
    Change blank{RecordType::Person, p.id, {}};
    blank.set("name", std::string("   "));  // blank text is no text
    EXPECT_TRUE(has_issue(store_->apply(blank), "person.name", "required"));
    EXPECT_EQ(store_->get(RecordType::Person, p.id)->text("name"), "陈三");
}

TEST_F(StoreTest, UnknownRecordTypeAndMissingIdAreRejected) {
    Change bad{static_cast<RecordType>(99), new_uuid(), {}};
    EXPECT_TRUE(has_issue(store_->apply(bad), "record", "record.type"));
    Change nil{RecordType::Person, Uuid{}, {}};
    EXPECT_TRUE(has_issue(store_->apply(nil), "person.id", "required"));
}

TEST_F(StoreTest, ResidenceRules) {
    auto p = person("褚四", "360426199101010071");
    auto r = residence(p.id, tree_.room1, "huji");
    expect_ok(store_->apply(std::vector<Change>{p, r}));
    auto again = residence(p.id, tree_.room1);
    EXPECT_TRUE(has_issue(store_->apply(again), "residence.address_id", "residence.duplicate"));
    auto second_home = residence(p.id, tree_.room2, "huji");
    EXPECT_TRUE(has_issue(store_->apply(second_home), "residence.category", "residence.second_huji"));

    Change moved{RecordType::Residence, r.id, {}};
    moved.set("status", std::string("left"));
    EXPECT_TRUE(has_issue(store_->apply(moved), "residence.leave_date", "residence.leave_date"));
    moved.set("leave_date", std::string("2026-11-30")).set("move_in_date", std::string("2026-12-01"));
    EXPECT_TRUE(has_issue(store_->apply(moved), "residence.leave_date", "date.order"));
    moved.set("move_in_date", std::string("2020-01-01")).set("destination", std::string("安徽合肥"));
    expect_ok(store_->apply(moved));
    EXPECT_EQ(store_->get(RecordType::Residence, r.id)->text("status"), "left");
}
