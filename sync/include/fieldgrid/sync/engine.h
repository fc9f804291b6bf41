#pragma once
// The device's sync engine: one state machine over login, push and pull, on a worker thread.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fieldgrid/store/store.h"
#include "fieldgrid/sync/transport.h"

namespace fieldgrid::sync {

enum class SyncState { Idle, Pushing, Pulling, Conflict, Error, Offline };
[[nodiscard]] std::string_view sync_state_name(SyncState s);

struct RejectedChange {
    int64_t local_seq = 0;
    std::string record;  // "person 0190..."
    std::string reason;  // English, one line per issue
};

struct SyncStatus {
    SyncState state = SyncState::Idle;
    int64_t pending = 0;        // changes not yet acknowledged
    int64_t rejected = 0;       // changes the server refused (kept, visible, not resent)
    int64_t conflicts = 0;      // open conflicts
    int64_t last_success_ms = 0;
    uint64_t cursor = 0;
    std::string epoch;
    std::string user;
    std::string last_error;     // empty after a clean sync
    std::vector<RejectedChange> rejected_changes;
};

struct SyncReport {
    bool ok = false;
    bool offline = false;      // could not reach the server: try again later
    bool wiped = false;        // the server revoked this device; local data erased
    bool resnapshot = false;   // history reset: local data re-sent and pulled afresh
    int64_t pushed = 0, acknowledged = 0, rejected = 0, pulled = 0, conflicts = 0;
    std::string error;
};

struct LoginResult {
    bool ok = false;
    bool offline = false;
    bool wiped = false;
    std::string error;
};

class SyncEngine {
public:
    SyncEngine(Store& store, Transport& transport);
    ~SyncEngine();
    SyncEngine(const SyncEngine&) = delete;
    SyncEngine& operator=(const SyncEngine&) = delete;

    // Online login; remembers the token and an Argon2id verifier for later offline logins.
    LoginResult login(const std::string& user, const std::string& password, const std::string& device_name);
    // Offline login after one online login on this device.
    [[nodiscard]] bool login_offline(const std::string& user, const std::string& password);

    // Push everything pending, then pull until up to date. Never throws.
    SyncReport sync_once();
    [[nodiscard]] SyncStatus status();

    // Conflicts: keep mine / take theirs / an edited value; becomes a normal edit that wins.
    enum class Choice { Mine, Theirs, Edit };
    bool resolve_conflict(const Uuid& conflict_id, Choice choice, const Value& edited = {});
    // The same on any store of this device (the app resolves on its own connection).
    static bool resolve_conflict(Store& store, const Uuid& conflict_id, Choice choice, const Value& edited);

    // Police: a record outside the area, with a reason (2 hours, audited on the server). The
    // fields are returned for display, not stored on the device.
    struct BreakGlassResult {
        bool ok = false;
        std::string error;             // English
        std::string error_zh;
        RecordType type{};
        std::vector<FieldSet> fields;  // field number and value
        int64_t expires_at_ms = 0;
    };
    BreakGlassResult break_glass(RecordType type, const Uuid& id, const std::string& id_no, const std::string& reason);

    // Background: syncs when asked and every `interval_ms`, with backoff and jitter after failures.
    void start(std::function<void(const SyncStatus&)> on_change, int64_t interval_ms = 60000);
    void request_sync();
    void stop();

    int64_t push_batch_size = 5000;
    uint32_t pull_page_size = 5000;

private:
    SyncReport push_all();
    SyncReport pull_all();
    void requeue_everything();
    void wipe();
    void clear_records();
    bool handle_auth_error(const HttpResponse& r, SyncReport& report);
    void set_state(SyncState s);
    std::string local(const std::string& key);
    void set_local(const std::string& key, const std::string& value);

    Store& store_;
    Transport& transport_;
    std::mutex mu_;  // one sync at a time; the store is not shared across threads
    std::atomic<SyncState> state_{SyncState::Idle};
    std::thread worker_;
    std::mutex wake_mu_;
    std::condition_variable wake_;
    bool wake_flag_ = false;
    bool stopping_ = false;
    std::function<void(const SyncStatus&)> on_change_;
};

}  // namespace fieldgrid::sync
