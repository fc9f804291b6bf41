// Start-up and memory of the tablet app: cold start to the home screen with a 100,000-person
// device database, and resident memory with 1,000,000 people. Each run is a fresh app process
// (offscreen), logging in offline as after one online login.
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include "bench_util.h"
#include "fieldgrid/demo/demo_town.h"
#include "fieldgrid/sync/accounts.h"

using namespace fieldgrid;

namespace {

std::string prepare(int64_t persons) {
    std::string path = bench::data_dir() + "/town-" + std::to_string(persons) + ".db";
    bool ready = false;
    if (std::filesystem::exists(path)) {
        try {
            ready = Store::open(path)->stats().counts[static_cast<int>(RecordType::Person)] >= persons;
        } catch (const std::exception&) {
        }
    }
    if (!ready) {
        bench::remove_db(path);
        std::fprintf(stderr, "building a %lld-person device database (once)...\n", static_cast<long long>(persons));
        auto s = Store::open(path);
        DemoOptions o;
        o.persons = persons;
        o.batch = 20000;
        build_demo_town(*s, o);
    }
    // What one online login leaves behind: the user and the offline verifier.
    auto s = Store::open(path);
    auto st = s->db().prepare(
        "INSERT INTO local_state(key, value) VALUES('sync_user', 'coordinator'), ('sync_display', '协管员'),"
        " ('sync_role', '3'), ('sync_offline_hash', ?1) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    std::string hash = sync::hash_password("demo1234");
    st.bind(1, std::string_view(hash));
    st.run();
    s->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return path;
}

std::string run_app(const std::string& db) {
    int fds[2];
    if (pipe(fds) != 0) return "pipe failed";
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        setenv("QT_QPA_PLATFORM", "offscreen", 1);
        setenv("FIELDGRID_DB", db.c_str(), 1);
        setenv("FIELDGRID_USER", "coordinator", 1);
        setenv("FIELDGRID_PASSWORD", "demo1234", 1);
        setenv("FIELDGRID_EXIT_AT_HOME", "1", 1);
        unsetenv("FIELDGRID_SERVER");
        execl(FIELDGRID_APP_BIN, FIELDGRID_APP_BIN, static_cast<char*>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    std::string out;
    char buf[512];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    close(fds[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out;
}

}  // namespace

int main() {
    std::string small = prepare(100'000);
    std::printf("\nTablet app (offscreen, fresh process each run)\n");
    for (int i = 0; i < 3; ++i)
        std::printf("100,000 people, start %d: %s   (goal: home screen <= 1500 ms)\n", i + 1, run_app(small).c_str());
    std::string large = prepare(1'000'000);
    std::printf("1,000,000 people: %s   (goal: memory <= 250 MB)\n", run_app(large).c_str());
    return 0;
}
