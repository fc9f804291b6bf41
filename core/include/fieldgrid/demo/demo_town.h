#pragma once
// A deterministic, realistic demo town: villages and grids, the address tree, houses of every
// type, people with valid ID numbers, units with valid credit codes and rosters, group rentals,
// and some visits, tasks, flags, tips and meetings. The same seed gives the same town.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "fieldgrid/store/store.h"

namespace fieldgrid {

struct DemoOptions {
    int64_t persons = 2000;
    uint64_t seed = 1;
    Date as_of{2026, 11, 1};  // dates in the town are on or before this day
    size_t batch = 4000;      // changes per apply()
    std::function<void(int64_t persons_done)> progress;
};

struct DemoSummary {
    int64_t villages = 0, grids = 0, addresses = 0, houses = 0, persons = 0, residences = 0,
            units = 0, employments = 0, visits = 0, tasks = 0, flags = 0, tips = 0, meetings = 0;
    std::vector<Uuid> grid_ids;
};

// Fills an empty store. Throws std::runtime_error if a generated change is rejected.
DemoSummary build_demo_town(Store& store, const DemoOptions& options);

// Random valid numbers, for tests and benchmarks.
std::string make_resident_id(std::string_view region6, Date birth, int sequence /*0..999*/);
std::string make_uscc(uint64_t n, std::string_view region6);

}  // namespace fieldgrid
