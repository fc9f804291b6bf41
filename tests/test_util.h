#pragma once
// Helpers shared by the tests: temporary files and a small address tree to hang records on.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>
#include <string>

#include "fieldgrid/records/record.h"
#include "fieldgrid/store/store.h"

namespace fieldgrid::testing {

// A directory removed when the test ends.
class TempDir {
public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("fieldgrid-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

inline Change make(RecordType t) { return Change{t, new_uuid(), {}}; }

inline void expect_ok(const ApplyResult& r) {
    EXPECT_TRUE(r.ok) << format_issues(r.issues);
}

// True when some issue names this field and rule.
inline bool has_issue(const ApplyResult& r, const std::string& field, const std::string& rule) {
    for (const auto& i : r.issues)
        if (i.field == field && i.rule == rule) return true;
    return false;
}

// A village, a grid, a road, a doorplate, a building, a floor and two rooms.
struct Tree {
    Uuid village, grid, road, door, building, floor, room1, room2;
};

inline Tree make_tree(Store& s) {
    Tree t;
    std::vector<Change> cs;
    auto v = make(RecordType::Village);
    v.set("name", std::string("张马村")).set("kind", std::string("village"));
    t.village = v.id;
    auto g = make(RecordType::Grid);
    g.set("name", std::string("张马村第1微网格")).set("village_id", t.village);
    t.grid = g.id;
    auto road = make(RecordType::Address);
    road.set("level", std::string("road")).set("name", std::string("珠溪路")).set("code", std::string("31011810"));
    road.set("village_id", t.village).set("grid_id", t.grid);
    t.road = road.id;
    auto door = make(RecordType::Address);
    door.set("parent_id", t.road).set("level", std::string("doorplate")).set("name", std::string("88弄"));
    t.door = door.id;
    auto b = make(RecordType::Address);
    b.set("parent_id", t.door).set("level", std::string("building")).set("name", std::string("3号"));
    t.building = b.id;
    auto f = make(RecordType::Address);
    f.set("parent_id", t.building).set("level", std::string("floor")).set("name", std::string("3层"));
    t.floor = f.id;
    auto r1 = make(RecordType::Address);
    r1.set("parent_id", t.floor).set("level", std::string("room")).set("name", std::string("301室"));
    t.room1 = r1.id;
    auto r2 = make(RecordType::Address);
    r2.set("parent_id", t.floor).set("level", std::string("room")).set("name", std::string("302室"));
    t.room2 = r2.id;
    auto res = s.apply(std::vector<Change>{v, g, road, door, b, f, r1, r2});
    EXPECT_TRUE(res.ok) << format_issues(res.issues);
    return t;
}

// A valid person change (resident ID) with the given name and ID number.
inline Change person(const std::string& name, const std::string& id_no) {
    auto p = make(RecordType::Person);
    p.set("id_type", std::string("resident_id")).set("id_no", id_no).set("name", name);
    return p;
}

inline Change residence(const Uuid& person, const Uuid& address, const std::string& category = "laihu") {
    auto r = make(RecordType::Residence);
    r.set("person_id", person).set("address_id", address).set("category", category);
    r.set("status", std::string("living")).set("source", std::string("door_visit"));
    return r;
}

inline int64_t count(Store& s, const std::string& table) {
    return s.db().scalar_int("SELECT count(*) FROM " + table);
}

}  // namespace fieldgrid::testing
