// Sync over loopback against the real server process: push and pull throughput, bytes on the
// wire, initial sync of 10,000 people, and 200 concurrent devices. Prints a table with the goals.
#include <signal.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "bench_util.h"
#include "fieldgrid/demo/demo_town.h"
#include "fieldgrid/sync/codec.h"
#include "fieldgrid/sync/engine.h"
#include "fieldgrid/sync/server_core.h"
#include "fieldgrid/sync/transport.h"
#include "fieldgrid/v1/sync.pb.h"

using namespace fieldgrid;
namespace pb = fieldgrid::v1;
using Clock = std::chrono::steady_clock;

namespace {

double secs(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

std::string slurp(const std::string& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Server {
    pid_t pid = -1;
    int port = 0;
    Server(const std::string& db, const std::string& log) {
        std::filesystem::remove(log);
        pid = fork();
        if (pid == 0) {
            // The server goes when its parent goes, and never holds the parent's stdout open.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            FILE* f = std::freopen(log.c_str(), "a", stderr);
            (void)f;
            execl(FIELDGRID_SERVER_BIN, FIELDGRID_SERVER_BIN, "--db", db.c_str(), "--listen", "127.0.0.1:0",
                  "--threads", "16", static_cast<char*>(nullptr));
            _exit(127);
        }
        for (int i = 0; i < 2000 && port == 0; ++i) {
            std::string l = slurp(log);
            auto at = l.find("\"event\":\"listening\"");
            if (at != std::string::npos) port = std::stoi(l.substr(l.find("\"port\":", at) + 7));
            else std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    ~Server() {
        kill(pid, SIGTERM);
        int st;
        waitpid(pid, &st, 0);
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

int64_t rss_pid(pid_t pid) {
    std::ifstream s("/proc/" + std::to_string(pid) + "/status");
    for (std::string l; std::getline(s, l);)
        if (l.rfind("VmRSS:", 0) == 0) return std::atol(l.c_str() + 6) * 1024;
    return 0;
}

// `n` field edits over the people, 2,000 to a transaction; field(i) gives the field and value.
template <typename F>
bool edit_people(Store& store, const std::vector<Uuid>& ids, int n, F field) {
    std::vector<Change> cs;
    for (int i = 0; i < n; ++i) {
        Change c{RecordType::Person, ids[static_cast<size_t>(i) % ids.size()], {}};
        auto [name, value] = field(i);
        c.set(name, value);
        cs.push_back(std::move(c));
        if (cs.size() == 2000 || i == n - 1) {
            if (!store.apply(cs).ok) return false;
            cs.clear();
        }
    }
    return true;
}

struct Row {
    std::string figure, measured, goal;
};

}  // namespace

int main() {
    std::string dir = bench::data_dir() + "/sync";
    std::filesystem::create_directories(dir);
    std::vector<Row> rows;

    // A server holding a 10,000-person town; the admin account sees and may change all of it.
    std::string db = dir + "/server-10k.db";
    if (!std::filesystem::exists(db)) {
        std::fprintf(stderr, "seeding a 10,000-person server (once)...\n");
        sync::ServerCore core(db);
        core.seed_demo(10000, 1);
    }
    std::string work = dir + "/work.db";
    for (auto s : {"", "-wal", "-shm"}) std::filesystem::remove(work + s);
    std::filesystem::copy_file(db, work);
    Server server(work, dir + "/server.log");
    if (server.port == 0) {
        std::fprintf(stderr, "server did not start\n");
        return 1;
    }

    // Initial sync of the town (10,000 people and their addresses, houses, units...).
    bench::remove_db(dir + "/dev-a.db");
    auto a_store = Store::open(dir + "/dev-a.db");
    sync::CurlTransport a_net(server.url());
    sync::SyncEngine a(*a_store, a_net);
    if (!a.login("admin", "demo1234", "bench").ok) return 1;
    auto t0 = Clock::now();
    auto r0 = a.sync_once();
    double initial = secs(t0);
    int64_t people = a_store->stats().counts[static_cast<int>(RecordType::Person)];
    char buf[160];
    std::snprintf(buf, sizeof buf, "%.2f s (%lld people, %lld changes)", initial, (long long)people, (long long)r0.pulled);
    rows.push_back({"initial sync of 10,000 people", buf, "<= 5 s"});

    // Push: 20,000 field edits from one device.
    const int kEdits = 20000;
    std::vector<Uuid> ids;
    {
        auto st = a_store->db().prepare("SELECT id FROM person ORDER BY id");
        while (st.step()) {
            auto b = st.blob(0);
            ids.push_back(Uuid::from_bytes(b.data(), b.size()));
        }
    }
    if (!edit_people(*a_store, ids, kEdits, [](int i) {
            return std::make_pair(i % 2 ? "occupation" : "education", std::string("职业") + std::to_string(i));
        }))
        return 1;
    // (Each apply merges edits of the same record, so count what is actually queued.)
    int64_t queued = a_store->db().scalar_int("SELECT count(*) FROM outbox WHERE state='pending'");
    auto t1 = Clock::now();
    auto rp = a.sync_once();
    double push_s = secs(t1);
    std::snprintf(buf, sizeof buf, "%.0f changes/s (%lld in %.2f s)", static_cast<double>(rp.acknowledged) / push_s,
                  (long long)rp.acknowledged, push_s);
    rows.push_back({"push throughput, loopback", buf, ">= 20,000 changes/s"});
    (void)queued;

    // Pull: a second device catches up on those changes.
    bench::remove_db(dir + "/dev-b.db");
    auto b_store = Store::open(dir + "/dev-b.db");
    sync::CurlTransport b_net(server.url());
    sync::SyncEngine b(*b_store, b_net);
    if (!b.login("admin", "demo1234", "bench-b").ok) return 1;
    b.sync_once();
    // Make more edits on a and measure b pulling them.
    if (!edit_people(*a_store, ids, kEdits,
                     [](int i) { return std::make_pair("former_name", std::string("曾用") + std::to_string(i)); }))
        return 1;
    a.sync_once();
    auto t2 = Clock::now();
    auto rb = b.sync_once();
    double pull_s = secs(t2);
    std::snprintf(buf, sizeof buf, "%.0f changes/s (%lld in %.2f s)", static_cast<double>(rb.pulled) / pull_s,
                  (long long)rb.pulled, pull_s);
    rows.push_back({"pull throughput, loopback", buf, ">= 20,000 changes/s"});

    // Ceiling: plain SQLite inserts of the same number of change rows.
    {
        std::string p = dir + "/plain.db";
        bench::remove_db(p);
        Database d(p, Database::Mode::ReadWriteCreate);
        d.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
               "CREATE TABLE t(id BLOB, field INTEGER, value TEXT, hlc INTEGER, PRIMARY KEY(id, field)) WITHOUT ROWID");
        auto ins = d.prepare("INSERT OR REPLACE INTO t VALUES(?1, ?2, ?3, ?4)");
        auto t3 = Clock::now();
        Transaction tx(d);
        for (int i = 0; i < kEdits; ++i) {
            ins.reset();
            ins.bind_blob(1, ids[static_cast<size_t>(i) % ids.size()].bytes.data(), 16).bind(2, int64_t{i % 3});
            std::string v = "职业" + std::to_string(i);
            ins.bind(3, std::string_view(v)).bind(4, int64_t{i});
            ins.run();
        }
        tx.commit();
        double s = secs(t3);
        std::snprintf(buf, sizeof buf, "%.0f rows/s", kEdits / s);
        rows.push_back({"ceiling: plain SQLite apply of the same rows", buf, "reported"});
    }

    // Bytes on the wire.
    {
        pb::PushRequest one;
        Uuid dev = new_uuid();
        one.set_device_id(dev.bytes.data(), 16);
        auto* c = one.add_changes();
        c->set_type(pb::RECORD_TYPE_PERSON);
        c->set_id(ids[0].bytes.data(), 16);
        c->set_origin_device(dev.bytes.data(), 16);
        c->set_local_seq(123456);
        c->set_base_seq(987654);
        auto* f = c->add_fields();
        f->set_field(15);
        f->set_hlc(make_hlc(now_ms(), 3));
        f->mutable_value()->set_text("快递员");
        std::snprintf(buf, sizeof buf, "%zu bytes", one.ByteSizeLong());
        rows.push_back({"request body, one edited field", buf, "<= 200 bytes"});
        pb::PushRequest many;
        many.set_device_id(dev.bytes.data(), 16);
        for (int i = 0; i < 10000; ++i) {
            auto* m = many.add_changes();
            m->set_type(pb::RECORD_TYPE_PERSON);
            m->set_id(ids[static_cast<size_t>(i) % ids.size()].bytes.data(), 16);
            m->set_origin_device(dev.bytes.data(), 16);
            m->set_local_seq(static_cast<uint64_t>(1000 + i));
            m->set_base_seq(5000);
            auto* mf = m->add_fields();
            mf->set_field(15);
            mf->set_hlc(make_hlc(now_ms(), static_cast<uint16_t>(i)));
            mf->mutable_value()->set_text(i % 2 ? "快递员" : "厨师");
        }
        std::string raw = many.SerializeAsString();
        std::string gz = sync::gzip(raw);
        std::snprintf(buf, sizeof buf, "%.1f bytes (raw %.1f)", static_cast<double>(gz.size()) / 10000.0,
                      static_cast<double>(raw.size()) / 10000.0);
        rows.push_back({"per change in a 10,000-change batch, gzip", buf, "<= 60 bytes"});
    }

    // 200 devices at once, each pushing 10 batches of 50 new tips.
    {
        const int kDevices = 200, kBatches = 10, kPer = 50;
        int64_t rss_before = rss_pid(server.pid);
        std::vector<std::string> tokens(kDevices);
        std::vector<Uuid> devs(kDevices);
        for (int i = 0; i < kDevices; ++i) {
            devs[static_cast<size_t>(i)] = new_uuid();
            pb::LoginRequest lr;
            lr.set_username("admin");
            lr.set_password("demo1234");
            lr.set_device_id(devs[static_cast<size_t>(i)].bytes.data(), 16);
            sync::CurlTransport t(server.url());
            auto r = t.post({"/v1/auth/login", lr.SerializeAsString(), ""});
            pb::LoginResponse resp;
            resp.ParseFromString(r.body);
            tokens[static_cast<size_t>(i)] = resp.token();
        }
        std::atomic<int> errors{0};
        std::vector<std::vector<double>> lat(kDevices);
        auto t4 = Clock::now();
        std::vector<std::thread> threads;
        for (int i = 0; i < kDevices; ++i) {
            threads.emplace_back([&, i] {
                sync::CurlTransport t(server.url());
                uint64_t seq = 1;
                for (int bn = 0; bn < kBatches; ++bn) {
                    pb::PushRequest req;
                    req.set_device_id(devs[static_cast<size_t>(i)].bytes.data(), 16);
                    for (int k = 0; k < kPer; ++k) {
                        auto* c = req.add_changes();
                        c->set_type(pb::RECORD_TYPE_TIP);
                        Uuid id = new_uuid();
                        c->set_id(id.bytes.data(), 16);
                        c->set_local_seq(seq++);
                        Hlc h = make_hlc(now_ms(), 0);
                        auto add = [&](uint32_t f, const std::string& v) {
                            auto* fc = c->add_fields();
                            fc->set_field(f);
                            fc->set_hlc(h);
                            fc->mutable_value()->set_text(v);
                        };
                        add(1, "设备" + std::to_string(i));
                        add(3, "suspicious_person");
                        add(4, "压测线索");
                        add(8, "new");
                    }
                    auto s0 = Clock::now();
                    auto r = t.post({"/v1/sync/push", req.SerializeAsString(), tokens[static_cast<size_t>(i)]});
                    lat[static_cast<size_t>(i)].push_back(secs(s0) * 1000);
                    pb::PushResponse pr;
                    if (r.status != 200 || !pr.ParseFromString(r.body)) {
                        ++errors;
                        continue;
                    }
                    for (const auto& s : pr.statuses())
                        if (s.state() != pb::CHANGE_STATE_APPLIED) ++errors;
                }
            });
        }
        for (auto& th : threads) th.join();
        double total = secs(t4);
        std::vector<double> all;
        for (auto& l : lat) all.insert(all.end(), l.begin(), l.end());
        std::sort(all.begin(), all.end());
        auto pct = [&](double p) { return all[std::min(all.size() - 1, static_cast<size_t>(p * static_cast<double>(all.size())))]; };
        int64_t rss_after = rss_pid(server.pid);
        std::snprintf(buf, sizeof buf, "%d errors, p50 %.0f ms, p99 %.0f ms, %.0f changes/s", errors.load(), pct(0.5),
                      pct(0.99), kDevices * kBatches * kPer / total);
        rows.push_back({"200 devices x 10 batches x 50 changes", buf, "no errors, p99 printed"});
        std::snprintf(buf, sizeof buf, "%.0f MB before, %.0f MB after", static_cast<double>(rss_before) / 1e6,
                      static_cast<double>(rss_after) / 1e6);
        rows.push_back({"server memory (RSS)", buf, "printed"});
    }

    size_t w = 0;
    for (const auto& r : rows) w = std::max(w, r.figure.size());
    std::printf("\nSync benchmarks (loopback, this machine)\n");
    for (const auto& r : rows) std::printf("%-*s  %-52s  %s\n", static_cast<int>(w), r.figure.c_str(), r.measured.c_str(), r.goal.c_str());
    return 0;
}
