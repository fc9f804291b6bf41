// House labels derived from data: key house, suspected group rental, concentrated rental.
#include <gtest/gtest.h>

#include "fieldgrid/demo/demo_town.h"
#include "test_util.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

namespace {

class LabelsTest : public ::testing::Test {
protected:
    void SetUp() override {
        store_ = Store::open(dir_.file("l.db"));
        tree_ = make_tree(*store_);
    }
    bool has(const Uuid& house, std::string_view label) {
        auto l = store_->house_labels(house);
        return std::find(l.begin(), l.end(), label) != l.end();
    }
    Uuid add_house(const Uuid& address, std::string use, int64_t rooms, double area) {
        auto h = make(RecordType::House);
        h.set("address_id", address).set("type", std::string("residential")).set("use", use);
        h.set("rooms", rooms).set("area_m2", area);
        expect_ok(store_->apply(h));
        return h.id;
    }
    // n people living at an address; returns their residence ids.
    std::vector<Uuid> people_at(const Uuid& address, int n) {
        std::vector<Change> cs;
        std::vector<Uuid> rs;
        for (int i = 0; i < n; ++i) {
            auto p = person("租客" + std::to_string(seq_), make_resident_id("340102", Date{1990, 1, 1}, seq_));
            ++seq_;
            auto r = residence(p.id, address);
            rs.push_back(r.id);
            cs.push_back(p);
            cs.push_back(r);
        }
        expect_ok(store_->apply(cs));
        return rs;
    }
    int seq_ = 1;
    TempDir dir_;
    std::unique_ptr<Store> store_;
    Tree tree_;
};

}  // namespace

TEST_F(LabelsTest, TenResidentsMakeAKeyHouseAndMovingOutClearsIt) {
    Uuid h = add_house(tree_.door, "self_occupied", 20, 2000);
    auto rs = people_at(tree_.room1, 9);
    EXPECT_EQ(store_->house_occupants(h), 9);
    EXPECT_FALSE(has(h, kLabelKeyHouse));
    auto more = people_at(tree_.room2, 1);
    EXPECT_EQ(store_->house_occupants(h), 10);
    EXPECT_TRUE(has(h, kLabelKeyHouse));
    Change out{RecordType::Residence, more[0], {}};
    out.set("status", std::string("left")).set("leave_date", std::string("2026-11-01"));
    expect_ok(store_->apply(out));
    EXPECT_EQ(store_->house_occupants(h), 9);
    EXPECT_FALSE(has(h, kLabelKeyHouse));
}

TEST_F(LabelsTest, MoreThanTwoInARoomIsSuspectedGroupRental) {
    Uuid h = add_house(tree_.building, "rented", 2, 500);
    people_at(tree_.room1, 2);
    EXPECT_FALSE(has(h, kLabelGroupRental));
    people_at(tree_.room1, 1);
    EXPECT_TRUE(has(h, kLabelGroupRental));
}

TEST_F(LabelsTest, UnderFiveSquareMetresEachIsSuspectedGroupRental) {
    // A flat with no room addresses: 5 people, 2 rooms (2.5 each) would trip the room rule too,
    // so give it 3 rooms and 22 m² of living area: 4.4 m² each.
    Uuid h = add_house(tree_.room1, "rented", 3, 40);
    Change area{RecordType::House, h, {}};
    area.set("living_area_m2", 22.0);
    expect_ok(store_->apply(area));
    people_at(tree_.room1, 4);
    EXPECT_FALSE(has(h, kLabelGroupRental));  // 5.5 m² each
    people_at(tree_.room1, 1);
    EXPECT_TRUE(has(h, kLabelGroupRental));  // 4.4 m² each
}

TEST_F(LabelsTest, TenRoomsLetOrFifteenOccupantsIsConcentratedRental) {
    Uuid h = add_house(tree_.door, "rented", 9, 2000);
    EXPECT_FALSE(has(h, kLabelConcentratedRental));
    Change rooms{RecordType::House, h, {}};
    rooms.set("rooms", int64_t{10});
    expect_ok(store_->apply(rooms));
    EXPECT_TRUE(has(h, kLabelConcentratedRental));
    // Not let: no concentrated-rental label, however many rooms.
    Change own{RecordType::House, h, {}};
    own.set("use", std::string("self_occupied"));
    expect_ok(store_->apply(own));
    EXPECT_FALSE(has(h, kLabelConcentratedRental));
    Uuid h2 = add_house(tree_.building, "rented", 2, 3000);
    people_at(tree_.room1, 2);
    people_at(tree_.room2, 2);
    auto floor_people = [&] {
        // Eleven more in rooms of their own on a new floor.
        std::vector<Change> cs;
        auto f = make(RecordType::Address);
        f.set("parent_id", tree_.building).set("level", std::string("floor")).set("name", std::string("4层"));
        cs.push_back(f);
        std::vector<Uuid> rooms_ids;
        for (int i = 0; i < 11; ++i) {
            auto r = make(RecordType::Address);
            r.set("parent_id", f.id).set("level", std::string("room")).set("name", std::to_string(401 + i) + "室");
            cs.push_back(r);
            rooms_ids.push_back(r.id);
        }
        expect_ok(store_->apply(cs));
        return rooms_ids;
    }();
    for (int i = 0; i < 10; ++i) people_at(floor_people[static_cast<size_t>(i)], 1);
    EXPECT_EQ(store_->house_occupants(h2), 14);
    EXPECT_FALSE(has(h2, kLabelConcentratedRental));
    people_at(floor_people[10], 1);
    EXPECT_EQ(store_->house_occupants(h2), 15);
    EXPECT_TRUE(has(h2, kLabelConcentratedRental));
    EXPECT_TRUE(has(h2, kLabelKeyHouse));
}

TEST_F(LabelsTest, AFamilyAtHomeIsNotAGroupRental) {
    Uuid h = add_house(tree_.room1, "self_occupied", 1, 30);
    people_at(tree_.room1, 5);  // five in one room, 4.2 m² each: crowded, but not let
    EXPECT_FALSE(has(h, kLabelGroupRental));
    Change let{RecordType::House, h, {}};
    let.set("use", std::string("rented"));
    expect_ok(store_->apply(let));
    EXPECT_TRUE(has(h, kLabelGroupRental));
}
