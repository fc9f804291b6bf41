// Search latency over a 1,000,000-person demo town: p50/p95/p99 per kind of query.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "bench_util.h"
#include "fieldgrid/demo/demo_town.h"
#include "fieldgrid/search/search.h"
#include "fieldgrid/store/store.h"

using namespace fieldgrid;

namespace {

int64_t town_size() {
    const char* s = std::getenv("FIELDGRID_BENCH_PERSONS");
    return s && *s ? std::atoll(s) : 1'000'000;
}

struct Town {
    std::unique_ptr<Store> store;
    std::vector<std::string> ids, names, pinyin, initials;
    int64_t persons = 0, file_bytes = 0;
};

// Built once and kept in the bench data folder; later runs reuse it.
Town& town() {
    static Town built = [] {
        Town t;
        std::string path = bench::data_dir() + "/town-" + std::to_string(town_size()) + ".db";
        bool ready = false;
        if (std::filesystem::exists(path)) {
            try {
                t.store = Store::open(path);
                ready = t.store->stats().counts[static_cast<int>(RecordType::Person)] >= town_size();
            } catch (const std::exception&) {
            }
        }
        if (!ready) {
            t.store.reset();
            bench::remove_db(path);
            t.store = Store::open(path);
            std::fprintf(stderr, "building a %lld-person demo town in %s (once)...\n",
                         static_cast<long long>(town_size()), path.c_str());
            auto start = std::chrono::steady_clock::now();
            DemoOptions o;
            o.persons = town_size();
            o.batch = 20000;
            build_demo_town(*t.store, o);
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            std::fprintf(stderr, "built in %.1f s (%.0f people/s including addresses, houses and units)\n", s,
                         static_cast<double>(town_size()) / s);
        }
        auto st = t.store->stats();
        t.persons = st.counts[static_cast<int>(RecordType::Person)];
        t.file_bytes = st.file_bytes;
        // Every k-th person, by id: a fixed sample of people to look for.
        auto q = t.store->db().prepare("SELECT id_no, name, _py, _ini FROM person WHERE id_type='resident_id'");
        int64_t n = 0, step = std::max<int64_t>(1, t.persons / 500);
        while (q.step())
            if (n++ % step == 0) {
                t.ids.push_back(q.text(0));
                t.names.push_back(q.text(1));
                t.pinyin.push_back(q.text(2));
                t.initials.push_back(q.text(3));
            }
        return t;
    }();
    return built;
}

void run(benchmark::State& state, const std::vector<std::string>& queries) {
    Town& t = town();
    std::vector<double> ms;
    size_t i = 0;
    size_t hits = 0;
    for (auto _ : state) {
        SearchQuery q;
        q.text = queries[i++ % queries.size()];
        auto t0 = std::chrono::steady_clock::now();
        auto page = search(t.store->db(), q);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        hits += page.hits.empty() ? 0 : 1;
        benchmark::DoNotOptimize(page);
    }
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * static_cast<double>(ms.size())))]; };
    state.counters["p50_ms"] = pct(0.50);
    state.counters["p95_ms"] = pct(0.95);
    state.counters["p99_ms"] = pct(0.99);
    state.counters["found_pct"] = 100.0 * static_cast<double>(hits) / static_cast<double>(ms.size());
    state.counters["persons"] = static_cast<double>(t.persons);
    state.counters["bytes_per_person"] = static_cast<double>(t.file_bytes) / static_cast<double>(t.persons);
}

void by_id(benchmark::State& s) { run(s, town().ids); }
void by_name(benchmark::State& s) { run(s, town().names); }
void by_pinyin(benchmark::State& s) { run(s, town().pinyin); }
void by_initials(benchmark::State& s) { run(s, town().initials); }

}  // namespace

BENCHMARK(by_id)->Name("search_1m/id_number")->Iterations(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(by_name)->Name("search_1m/name")->Iterations(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(by_pinyin)->Name("search_1m/pinyin")->Iterations(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(by_initials)->Name("search_1m/initials")->Iterations(1000)->Unit(benchmark::kMicrosecond);
