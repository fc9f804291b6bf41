// Faults on the wire, clock skew, kill -9 of the device and of the server: no acknowledged change
// is lost, none is applied twice, and every device ends equal to the server and to a model.
#include <sys/wait.h>

#include <fcntl.h>

#include <map>

#include "fault_transport.h"
#include "harness.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

namespace {

int env_int(const char* name, int fallback) {
    const char* s = std::getenv(name);
    return s && *s ? std::atoi(s) : fallback;
}

// The server never holds two entries for one (device, local sequence).
int64_t double_applied(const std::string& server_db) {
    auto s = Store::open(server_db);
    return s->db().scalar_int(
        "SELECT count(*) FROM (SELECT device, local_seq FROM changes WHERE local_seq > 0"
        " GROUP BY device, local_seq HAVING count(*) > 1)");
}

// The reference model: for each (person, field) the edit with the largest (HLC, device) wins.
struct Model {
    struct Edit {
        Hlc hlc;
        Uuid device;
        std::string value;
    };
    std::map<std::pair<Uuid, std::string>, Edit> winner;
    void record(Store& s, const Uuid& person, const std::string& field, const std::string& value) {
        const auto& def = record_def(RecordType::Person);
        auto meta = s.meta(RecordType::Person, person)[static_cast<size_t>(def.slot_of(field))];
        Edit e{meta.hlc, s.device_id(), value};
        auto key = std::make_pair(person, field);
        auto it = winner.find(key);
        if (it == winner.end() || e.hlc > it->second.hlc || (e.hlc == it->second.hlc && it->second.device < e.device))
            winner[key] = e;
    }
    void check(Store& s, const std::string& who) const {
        for (const auto& [key, e] : winner)
            EXPECT_EQ(s.get(RecordType::Person, key.first)->text(key.second), e.value)
                << who << ": " << key.first.str() << "." << key.second;
    }
};

const char* kFields[] = {"occupation", "education", "former_name", "marital"};

}  // namespace

// N devices, random edits and syncs over a faulty network with clocks off by up to a day,
// compared with the reference model. The seed is printed on failure.
TEST(SyncModel, RandomEditsSyncsFaultsAndClockSkewConverge) {
    int seeds = env_int("FIELDGRID_MODEL_SEEDS", 3);
    for (int seed = 1; seed <= seeds; ++seed) {
        SCOPED_TRACE("model seed " + std::to_string(seed) + " (rerun with FIELDGRID_MODEL_SEEDS)");
        TempDir dir;
        auto seeded = seed_server(dir, 400);
        ServerProcess server(seeded.db, dir.file("server.log"));
        std::mt19937_64 rng(static_cast<uint64_t>(seed));
        const int n = 3;
        std::vector<std::unique_ptr<Device>> devs;
        std::vector<FaultTransport*> nets;
        for (int i = 0; i < n; ++i) {
            int64_t skew = std::uniform_int_distribution<int64_t>(-86'400'000, 86'400'000)(rng);
            auto ft = std::make_unique<FaultTransport>(std::make_unique<sync::CurlTransport>(server.url()),
                                                       static_cast<uint64_t>(seed * 100 + i), 0.0);
            nets.push_back(ft.get());
            devs.push_back(std::make_unique<Device>(dir.file("d" + std::to_string(i) + ".db"), std::move(ft),
                                                    [skew] { return now_ms() + skew; }));
            ASSERT_TRUE(devs.back()->login("coordinator"));
            ASSERT_TRUE(devs.back()->sync().ok);
            devs.back()->engine->push_batch_size = 5;
            devs.back()->engine->pull_page_size = 40;
            nets.back()->set_rate(0.35);
        }
        auto people = people_in_grid(*devs[0]->store, seeded.grid, 12);
        ASSERT_GE(people.size(), 10u);
        Model model;
        int edits = 0;
        for (int step = 0; step < 60; ++step) {
            int d = std::uniform_int_distribution<int>(0, n - 1)(rng);
            if (std::uniform_int_distribution<int>(0, 2)(rng) == 0) {
                devs[static_cast<size_t>(d)]->sync();  // may fail: that is the point
                continue;
            }
            Uuid p = people[std::uniform_int_distribution<size_t>(0, people.size() - 1)(rng)];
            std::string field = kFields[std::uniform_int_distribution<int>(0, 3)(rng)];
            std::string value = "s" + std::to_string(step) + "d" + std::to_string(d);
            auto& store = *devs[static_cast<size_t>(d)]->store;
            ASSERT_TRUE(edit(store, RecordType::Person, p, field, value).ok);
            model.record(store, p, field, value);
            ++edits;
        }
        for (auto* f : nets) f->enabled = false;
        for (int round = 0; round < 2; ++round)
            for (auto& dv : devs) {
                auto r = dv->sync();
                ASSERT_TRUE(r.ok) << r.error;
            }
        EXPECT_EQ(double_applied(seeded.db), 0);
        auto srv = Store::open(seeded.db);
        model.check(*srv, "server");
        std::string want = digest_of(*srv, RecordType::Person, people);
        for (size_t i = 0; i < devs.size(); ++i) {
            EXPECT_EQ(devs[i]->engine->status().pending, 0);
            EXPECT_EQ(devs[i]->engine->status().rejected, 0);
            EXPECT_EQ(digest_of(*devs[i]->store, RecordType::Person, people), want) << "device " << i;
            model.check(*devs[i]->store, "device " + std::to_string(i));
        }
        int total_faults = 0;
        for (auto* f : nets) total_faults += f->faults;
        EXPECT_GT(total_faults, 5);
        EXPECT_GT(edits, 20);
    }
}

// kill -9 of the device (the `fieldgrid sync` process) at random points of a sync.
TEST(SyncKill, DeviceKilledMidSyncLosesNothing) {
    int n = env_int("FIELDGRID_KILL_TRIALS", 100);
    TempDir dir;
    auto seeded = seed_server(dir, 400);
    ServerProcess server(seeded.db, dir.file("server.log"));
    std::string dev_db = dir.file("device.db");
    Model model;
    std::vector<Uuid> people;
    auto run_cli = [&](bool kill_it, int delay_us) {
        pid_t pid = fork();
        if (pid == 0) {
            setenv("FIELDGRID_PASSWORD", "demo1234", 1);
            int null = open("/dev/null", O_WRONLY);
            dup2(null, 1);
            dup2(null, 2);
            execl(FIELDGRID_CLI_BIN, FIELDGRID_CLI_BIN, "sync", "--db", dev_db.c_str(), "--server",
                  server.url().c_str(), "--user", "coordinator", static_cast<char*>(nullptr));
            _exit(127);
        }
        if (kill_it) {
            std::this_thread::sleep_for(std::chrono::microseconds(delay_us));
            kill(pid, SIGKILL);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        return status;
    };
    ASSERT_EQ(run_cli(false, 0), 0);
    {
        auto s = Store::open(dev_db);
        people = people_in_grid(*s, seeded.grid, 20);
    }
    std::mt19937_64 rng(7);
    int killed_mid = 0;
    for (int t = 0; t < n; ++t) {
        SCOPED_TRACE("trial " + std::to_string(t));
        {
            auto s = Store::open(dev_db);
            for (int k = 0; k < 3; ++k) {
                Uuid p = people[std::uniform_int_distribution<size_t>(0, people.size() - 1)(rng)];
                std::string field = kFields[std::uniform_int_distribution<int>(0, 3)(rng)];
                std::string value = "t" + std::to_string(t) + "k" + std::to_string(k);
                ASSERT_TRUE(edit(*s, RecordType::Person, p, field, value).ok);
                model.record(*s, p, field, value);
            }
        }
        int st = run_cli(true, std::uniform_int_distribution<int>(0, 400000)(rng));
        if (WIFSIGNALED(st)) ++killed_mid;
        ASSERT_EQ(run_cli(false, 0), 0);  // and then a sync that finishes
    }
    EXPECT_GT(killed_mid, n / 4) << "the kills should land during syncs";
    EXPECT_EQ(double_applied(seeded.db), 0);
    auto srv = Store::open(seeded.db);
    model.check(*srv, "server");
    auto dev = Store::open(dev_db);
    model.check(*dev, "device");
    EXPECT_EQ(dev->db().scalar_int("SELECT count(*) FROM outbox"), 0);
}

// kill -9 of the server at random points while a device syncs.
TEST(SyncKill, ServerKilledMidSyncLosesNothing) {
    int n = env_int("FIELDGRID_KILL_TRIALS", 100);
    TempDir dir;
    auto seeded = seed_server(dir, 400);
    ServerProcess server(seeded.db, dir.file("server.log"));
    Device dev(dir.file("device.db"), server.url());
    ASSERT_TRUE(dev.login("coordinator"));
    ASSERT_TRUE(dev.sync().ok);
    dev.engine->push_batch_size = 3;
    auto people = people_in_grid(*dev.store, seeded.grid, 20);
    Model model;
    std::mt19937_64 rng(11);
    int failed_syncs = 0;
    for (int t = 0; t < n; ++t) {
        SCOPED_TRACE("trial " + std::to_string(t));
        for (int k = 0; k < 6; ++k) {
            Uuid p = people[std::uniform_int_distribution<size_t>(0, people.size() - 1)(rng)];
            std::string field = kFields[std::uniform_int_distribution<int>(0, 3)(rng)];
            std::string value = "v" + std::to_string(t) + "k" + std::to_string(k);
            ASSERT_TRUE(edit(*dev.store, RecordType::Person, p, field, value).ok);
            model.record(*dev.store, p, field, value);
        }
        std::thread syncer([&] {
            if (!dev.sync().ok) ++failed_syncs;
        });
        std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, 30000)(rng)));
        server.kill9();
        syncer.join();
        server.restart();
        auto r = dev.sync();
        ASSERT_TRUE(r.ok) << r.error;
        ASSERT_EQ(dev.engine->status().pending, 0);
    }
    EXPECT_GT(failed_syncs, 0) << "the kills should land during syncs";
    EXPECT_EQ(double_applied(seeded.db), 0);
    auto srv = Store::open(seeded.db);
    model.check(*srv, "server");
    model.check(*dev.store, "device");
}
