// The write path against plain SQLite inserts of the same rows, and bulk loading.
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <filesystem>

#include "bench_util.h"
#include "fieldgrid/demo/demo_town.h"
#include "fieldgrid/search/pinyin.h"
#include "fieldgrid/store/store.h"

using namespace fieldgrid;

namespace {

struct Fixture {
    std::unique_ptr<Store> store;
    std::vector<Uuid> rooms;
};

// A store with a few hundred room addresses to put people in.
Fixture make_fixture(const std::string& path) {
    bench::remove_db(path);
    Fixture f;
    f.store = Store::open(path);
    std::vector<Change> cs;
    Change road{RecordType::Address, new_uuid(), {}};
    road.set("level", std::string("road")).set("name", std::string("珠溪路"));
    cs.push_back(road);
    for (int d = 0; d < 20; ++d) {
        Change door{RecordType::Address, new_uuid(), {}};
        door.set("parent_id", road.id).set("level", std::string("doorplate")).set("name", std::to_string(d + 1) + "号");
        cs.push_back(door);
        for (int r = 0; r < 20; ++r) {
            Change room{RecordType::Address, new_uuid(), {}};
            room.set("parent_id", door.id).set("level", std::string("room")).set("name", std::to_string(r + 101) + "室");
            cs.push_back(room);
            f.rooms.push_back(room.id);
        }
    }
    if (!f.store->apply(cs).ok) std::abort();
    return f;
}

struct PersonRows {
    Uuid person, residence;
    std::string id_no, name, phone, birth;
    Uuid room;
};

PersonRows rows(int64_t i, const std::vector<Uuid>& rooms) {
    static const char* kSur[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"};
    static const char* kGiven[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳"};
    PersonRows p;
    p.person = new_uuid();
    p.residence = new_uuid();
    // Unique numbers: day of birth, then sequence, then region vary with i.
    static const char* kRegions[] = {"340102", "320102", "410102", "510104", "360102", "420102"};
    Date birth = Date::from_days(Date{1960, 1, 1}.days_since_epoch() + i % 16000);
    p.birth = birth.str();
    p.id_no = make_resident_id(kRegions[(i / 16'000'000) % 6], birth, static_cast<int>((i / 16000) % 1000));
    p.name = std::string(kSur[i % 10]) + kGiven[(i / 10) % 12] + kGiven[(i / 120) % 12];
    p.phone = "139" + std::to_string(10000000 + i % 89999999);
    p.room = rooms[static_cast<size_t>(i) % rooms.size()];
    return p;
}

std::vector<Change> changes(const PersonRows& r) {
    Change p{RecordType::Person, r.person, {}};
    p.set("id_type", std::string("resident_id")).set("id_no", r.id_no).set("name", r.name);
    p.set("phone", r.phone).set("nationality", std::string("CHN"));
    Change res{RecordType::Residence, r.residence, {}};
    res.set("person_id", r.person).set("address_id", r.room).set("category", std::string("laihu"));
    res.set("status", std::string("living")).set("source", std::string("door_visit"));
    res.set("move_in_date", std::string("2024-03-01"));
    return {p, res};
}

// IDs must be unique: each benchmark run takes numbers from its own range.
int64_t next_block() {
    static int64_t block = 0;
    return (block++) * 20'000'000;
}

void tracked(benchmark::State& state) {
    const int64_t batch = state.range(0);
    auto f = make_fixture(bench::data_dir() + "/tracked.db");
    int64_t i = next_block();
    for (auto _ : state) {
        state.PauseTiming();  // the input is the caller's; the write path is what is timed
        std::vector<Change> cs;
        cs.reserve(static_cast<size_t>(batch) * 2);
        for (int64_t k = 0; k < batch; ++k) {
            auto c = changes(rows(i++, f.rooms));
            cs.insert(cs.end(), c.begin(), c.end());
        }
        state.ResumeTiming();
        auto res = f.store->apply(cs);
        if (!res.ok) {
            state.SkipWithError(format_issues(res.issues).c_str());
            break;
        }
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["us_per_person"] = benchmark::Counter(static_cast<double>(state.iterations() * batch),
                                                          benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// The same two rows per person, into the same tables with the same indexes, as plain inserts:
// no validation, no per-field metadata, no outbox. Search keys are computed before timing.
void plain(benchmark::State& state) {
    const int64_t batch = state.range(0);
    auto f = make_fixture(bench::data_dir() + "/plain.db");
    Database& db = f.store->db();
    auto ip = db.prepare(
        "INSERT INTO person(id, id_type, id_no, name, phone, nationality, gender, birth_date, _meta, _py, _ini)"
        " VALUES(?1, 'resident_id', ?2, ?3, ?4, 'CHN', 'male', ?5, x'', ?6, ?7)");
    auto ir = db.prepare(
        "INSERT INTO residence(id, person_id, address_id, category, status, source, move_in_date, _meta)"
        " VALUES(?1, ?2, ?3, 'laihu', 'living', 'door_visit', '2024-03-01', x'')");
    int64_t i = next_block();
    for (auto _ : state) {
        state.PauseTiming();
        std::vector<PersonRows> input;
        std::vector<NamePinyin> keys;
        for (int64_t k = 0; k < batch; ++k) {
            input.push_back(rows(i++, f.rooms));
            keys.push_back(name_pinyin(input.back().name));
        }
        state.ResumeTiming();
        Transaction tx(db);
        for (size_t k = 0; k < input.size(); ++k) {
            const PersonRows& r = input[k];
            ip.reset();
            ip.bind_blob(1, r.person.bytes.data(), 16).bind(2, std::string_view(r.id_no));
            ip.bind(3, std::string_view(r.name)).bind(4, std::string_view(r.phone)).bind(5, std::string_view(r.birth));
            ip.bind(6, std::string_view(keys[k].full)).bind(7, std::string_view(keys[k].initials));
            ip.run();
            ir.reset();
            ir.bind_blob(1, r.residence.bytes.data(), 16).bind_blob(2, r.person.bytes.data(), 16);
            ir.bind_blob(3, r.room.bytes.data(), 16);
            ir.run();
        }
        tx.commit();
    }
    state.SetItemsProcessed(state.iterations() * batch);
    state.counters["us_per_person"] = benchmark::Counter(static_cast<double>(state.iterations() * batch),
                                                          benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

// Bulk load: 50,000 people with residences and search keys, 5,000 per transaction.
void bulk_load(benchmark::State& state) {
    constexpr int64_t kPeople = 50'000, kBatch = 5'000;
    for (auto _ : state) {
        state.PauseTiming();
        std::string path = bench::data_dir() + "/bulk.db";
        auto f = make_fixture(path);
        int64_t i = next_block();
        std::vector<std::vector<Change>> batches;
        for (int64_t b = 0; b < kPeople / kBatch; ++b) {
            std::vector<Change> cs;
            for (int64_t k = 0; k < kBatch; ++k) {
                auto c = changes(rows(i++, f.rooms));
                cs.insert(cs.end(), c.begin(), c.end());
            }
            batches.push_back(std::move(cs));
        }
        state.ResumeTiming();
        for (const auto& cs : batches)
            if (!f.store->apply(cs).ok) std::abort();
        state.PauseTiming();
        auto st = f.store->stats();
        state.counters["bytes_per_person"] =
            static_cast<double>(st.file_bytes) / static_cast<double>(st.counts[static_cast<int>(RecordType::Person)]);
        state.ResumeTiming();
    }
    state.SetItemsProcessed(state.iterations() * kPeople);
    state.counters["people_per_s"] =
        benchmark::Counter(static_cast<double>(state.iterations() * kPeople), benchmark::Counter::kIsRate);
}

}  // namespace

BENCHMARK(tracked)->Name("write/tracked_person_with_residence")->Arg(1)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(plain)->Name("write/plain_sqlite_same_rows")->Arg(1)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(bulk_load)->Name("load/bulk_people_with_search_keys")->Iterations(2)->Unit(benchmark::kMillisecond);
