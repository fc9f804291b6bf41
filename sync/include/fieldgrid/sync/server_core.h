#pragma once
// The central server's logic, apart from HTTP: accounts and devices, push (merge, dedupe,
// conflicts, scopes), pull by server sequence, break-glass access and the audit log.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "fieldgrid/store/store.h"
#include "fieldgrid/sync/accounts.h"

namespace fieldgrid::sync {

struct HttpResult {
    int status = 200;
    std::string body;  // protobuf (a response message or an ErrorBody)
};

struct ServerOptions {
    int64_t token_ttl_ms = 12LL * 3600 * 1000;
    int64_t clock_ahead_ms = 5LL * 60 * 1000;  // HLCs further ahead than this are flagged
    int64_t break_glass_ms = 2LL * 3600 * 1000;
    uint32_t max_pull = 5000;
    std::function<int64_t()> clock = now_ms;
};

struct DeviceInfo {
    Uuid id;
    std::string username, name;
    bool revoked = false;
    int64_t last_seen_ms = 0;
};

struct ServerCounters {
    std::atomic<int64_t> logins{0}, login_failures{0}, pushes{0}, pulls{0}, changes_applied{0},
        changes_duplicate{0}, changes_rejected{0}, changes_forbidden{0}, conflicts{0}, pulled_changes{0},
        bad_requests{0}, unauthorized{0};
};

class ServerCore {
public:
    explicit ServerCore(const std::string& db_path, ServerOptions options = {});
    ~ServerCore();

    // Administration (also used by `fieldgrid-server user|device ...`).
    void add_user(const Account& account, std::string_view password);
    [[nodiscard]] std::vector<Account> users();
    bool disable_user(const std::string& username);
    [[nodiscard]] std::vector<DeviceInfo> devices();
    bool revoke_device(const Uuid& device);
    [[nodiscard]] std::optional<Account> account(const std::string& username);

    // Endpoints: request body in, status and body out. `token` is the bearer token.
    HttpResult login(std::string_view body, const std::string& peer);
    HttpResult push(const std::string& token, std::string_view body, const std::string& peer);
    HttpResult pull(const std::string& token, std::string_view body, const std::string& peer);
    HttpResult break_glass(const std::string& token, std::string_view body, const std::string& peer);

    // Fills an empty server with the demo town and one account per role (password "demo1234").
    void seed_demo(int64_t persons, uint64_t seed);
    // Starts a new history epoch (after a restore or trim): devices re-snapshot on next pull.
    void new_epoch();
    void trim_history(uint64_t before_seq);

    [[nodiscard]] std::string epoch();
    [[nodiscard]] uint64_t last_seq();
    [[nodiscard]] std::string metrics();
    void audit(const std::string& user, const std::string& role, const Uuid& device, const std::string& action,
               const std::string& record, const std::string& detail);
    [[nodiscard]] ServerCounters& counters() { return counters_; }
    [[nodiscard]] Store& store() { return *store_; }

    struct Session;

private:
    std::optional<Session> authenticate(const std::string& token, HttpResult& error);
    std::set<Uuid> scope_grids(const Account& a);
    std::set<Uuid> grids_of(RecordType t, const Uuid& id);
    uint64_t append(RecordType t, const Uuid& id, const std::string& payload, const Uuid& device,
                    uint64_t local_seq, const std::string& user, const std::set<Uuid>& grids);
    void spread(RecordType t, const Uuid& id);
    template <typename Req>
    std::optional<Session> open_request(const std::string& token, std::string_view body, Req& req, HttpResult& err);

    std::mutex mu_;  // one writer: SQLite connection and the sequence
    ServerOptions opt_;
    std::unique_ptr<Store> store_;
    ServerCounters counters_;
};

}  // namespace fieldgrid::sync
