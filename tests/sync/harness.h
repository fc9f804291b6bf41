#pragma once
// Sync tests run the real fieldgrid-server process on loopback and real libcurl on the device side.
#include <gtest/gtest.h>
#include <signal.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "fieldgrid/store/store.h"
#include "fieldgrid/demo/demo_town.h"
#include "fieldgrid/sync/engine.h"
#include "fieldgrid/sync/server_core.h"
#include "fieldgrid/sync/transport.h"
#include "test_util.h"

namespace fieldgrid::testing {

inline std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// The server as a child process; it prints the port it bound to in its log.
class ServerProcess {
public:
    ServerProcess(std::string db, std::string log, std::vector<std::string> extra = {})
        : db_(std::move(db)), log_(std::move(log)), extra_(std::move(extra)) {
        start();
    }
    ~ServerProcess() { stop(); }

    void start(int port = 0) {
        std::remove(log_.c_str());
        std::vector<std::string> args{FIELDGRID_SERVER_BIN, "--db", db_, "--listen",
                                      "127.0.0.1:" + std::to_string(port ? port : port_)};
        for (const auto& e : extra_) args.push_back(e);
        pid_ = fork();
        if (pid_ == 0) {
            // The server goes when its parent goes, and never holds the parent's stdout open.
            prctl(PR_SET_PDEATHSIG, SIGTERM);
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            FILE* f = std::freopen(log_.c_str(), "a", stderr);
            (void)f;
            std::vector<char*> argv;
            for (auto& s : args) argv.push_back(s.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        // Wait for the "listening" line and read the port from it.
        for (int i = 0; i < 1000; ++i) {
            std::string log = read_file(log_);
            auto at = log.find("\"event\":\"listening\"");
            if (at != std::string::npos) {
                auto p = log.find("\"port\":", at);
                port_ = std::stoi(log.substr(p + 7));
                return;
            }
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                FAIL() << "server exited at start: " << log;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        FAIL() << "server did not start: " << read_file(log_);
    }
    // Graceful: SIGTERM and wait for exit; returns the exit status.
    int stop() {
        if (pid_ <= 0) return -1;
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return status;
    }
    void kill9() {
        if (pid_ <= 0) return;
        kill(pid_, SIGKILL);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    void restart() {
        int port = port_;
        start(port);
    }
    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] bool alive() const { return pid_ > 0 && ::kill(pid_, 0) == 0; }
    [[nodiscard]] std::string log() const { return read_file(log_); }

private:
    std::string db_, log_;
    std::vector<std::string> extra_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// A seeded server database: a small demo town and the demo accounts (password demo1234).
struct SeededServer {
    std::string db;
    Uuid grid, village, other_grid;
    std::string police_area;
};

inline SeededServer seed_server(const TempDir& dir, int64_t persons = 600) {
    SeededServer s;
    s.db = dir.file("server.db");
    sync::ServerCore core(s.db);
    core.seed_demo(persons, 1);
    auto st = core.store().db().prepare("SELECT id, village_id, police_area FROM grid ORDER BY code");
    if (st.step()) {
        auto b = st.blob(0);
        s.grid = Uuid::from_bytes(b.data(), b.size());
        auto v = st.blob(1);
        s.village = Uuid::from_bytes(v.data(), v.size());
        s.police_area = st.text(2);
    }
    while (st.step()) {
        auto b = st.blob(0);
        Uuid g = Uuid::from_bytes(b.data(), b.size());
        if (g != s.grid) {
            s.other_grid = g;
            break;
        }
    }
    return s;
}

// A device: its own store file, real libcurl, the sync engine.
struct Device {
    std::unique_ptr<Store> store;
    std::unique_ptr<sync::Transport> transport;
    std::unique_ptr<sync::SyncEngine> engine;

    Device(const std::string& path, const std::string& url, std::function<int64_t()> clock = now_ms) {
        StoreOptions o;
        o.clock = std::move(clock);
        store = Store::open(path, o);
        transport = std::make_unique<sync::CurlTransport>(url);
        engine = std::make_unique<sync::SyncEngine>(*store, *transport);
    }
    Device(const std::string& path, std::unique_ptr<sync::Transport> t, std::function<int64_t()> clock = now_ms) {
        StoreOptions o;
        o.clock = std::move(clock);
        store = Store::open(path, o);
        transport = std::move(t);
        engine = std::make_unique<sync::SyncEngine>(*store, *transport);
    }
    bool login(const std::string& user) { return engine->login(user, "demo1234", "test").ok; }
    sync::SyncReport sync() { return engine->sync_once(); }
};

// Every record's values (not metadata), for comparing devices with each other and the server.
inline std::string digest(Store& s, std::vector<RecordType> types = {}) {
    std::string all;
    for (const auto& def : all_records()) {
        if (!types.empty() && std::find(types.begin(), types.end(), def.type) == types.end()) continue;
        std::string cols = "hex(id)";
        for (const auto& f : def.fields) cols += ", quote(" + std::string(f.name) + ")";
        auto st = s.db().prepare("SELECT " + cols + " FROM " + std::string(def.name) + " ORDER BY id");
        while (st.step())
            for (int i = 0; i < st.columns(); ++i) all += st.text(i) + "|";
        all += "\n";
    }
    return all;
}

// Values of the given records only (the server holds more than one grid's devices).
inline std::string digest_of(Store& s, RecordType t, const std::vector<Uuid>& ids) {
    std::string all;
    for (const auto& id : ids) {
        auto r = s.get(t, id);
        all += id.str() + ":";
        if (r)
            for (const auto& v : r->values) all += value_text(v) + "|";
        all += "\n";
    }
    return all;
}

// People living in a grid, as seen by a store.
inline std::vector<Uuid> people_in_grid(Store& s, const Uuid& grid, int limit) {
    std::vector<Uuid> out;
    auto st = s.db().prepare(
        "SELECT DISTINCT r.person_id FROM residence r JOIN address a ON a.id = r.address_id WHERE a.grid_id = ?1"
        " ORDER BY r.person_id LIMIT ?2");
    st.bind_blob(1, grid.bytes.data(), 16).bind(2, int64_t{limit});
    while (st.step()) {
        auto b = st.blob(0);
        out.push_back(Uuid::from_bytes(b.data(), b.size()));
    }
    return out;
}

inline ApplyResult edit(Store& s, RecordType t, const Uuid& id, const std::string& field, Value v) {
    Change c{t, id, {}};
    c.set(field, std::move(v));
    return s.apply(c);
}

}  // namespace fieldgrid::testing
