#include "fieldgrid/sync/server_core.h"

#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "fieldgrid/demo/demo_town.h"
#include "fieldgrid/records/value_proto.h"
#include "fieldgrid/v1/sync.pb.h"

namespace fieldgrid::sync {

namespace pb = fieldgrid::v1;

struct ServerCore::Session {
    Account account;
    Uuid device;
};

namespace {

const Uuid kGlobal{};  // records every scoped user sees (villages and grids)

std::string blob_hex(const Uuid& u) { return "x'" + [&] { std::string s = u.str(); s.erase(std::remove(s.begin(), s.end(), '-'), s.end()); return s; }() + "'"; }

template <typename S>
Uuid col_uuid(const S& st, int i) {
    auto b = st.blob(i);
    return Uuid::from_bytes(b.data(), b.size());
}

std::string join_ids(const std::vector<Uuid>& ids) {
    std::string out;
    for (const auto& u : ids) out += (out.empty() ? "" : ",") + u.str();
    return out;
}

std::vector<Uuid> split_ids(const std::string& s) {
    std::vector<Uuid> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t comma = s.find(',', start);
        auto u = Uuid::parse(s.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (u) out.push_back(*u);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

HttpResult error(int status, const std::string& code, const std::string& en, const std::string& zh, bool wipe = false) {
    pb::ErrorBody e;
    e.set_code(code);
    e.set_message(en);
    e.set_zh(zh);
    e.set_wipe(wipe);
    return HttpResult{status, e.SerializeAsString()};
}

pb::Role to_pb(Role r) { return static_cast<pb::Role>(static_cast<int>(r)); }

bool scoped(Role r) { return r == Role::Coordinator || r == Role::GridLeader || r == Role::Police; }

// What each role may write.
bool may_write(Role r, RecordType t) {
    switch (r) {
        case Role::Admin: return true;
        case Role::Office:
            return t == RecordType::Task || t == RecordType::Meeting || t == RecordType::RewardClaim ||
                   t == RecordType::Flag || t == RecordType::Village || t == RecordType::Grid;
        case Role::Informant:
            return t == RecordType::Tip || t == RecordType::Employment || t == RecordType::Person ||
                   t == RecordType::Residence;
        case Role::Police:
        case Role::GridLeader:
        case Role::Coordinator:
            return t != RecordType::Village && t != RecordType::Grid && t != RecordType::RewardClaim;
    }
    return false;
}

bool intersects(const std::set<Uuid>& a, const std::set<Uuid>& b) {
    for (const auto& x : a)
        if (b.count(x)) return true;
    return false;
}

}  // namespace

ServerCore::ServerCore(const std::string& db_path, ServerOptions options) : opt_(std::move(options)) {
    StoreOptions so;
    so.clock = opt_.clock;
    store_ = Store::open(db_path, so);
    Database& db = store_->db();
    Transaction tx(db);
    db.exec(
        "CREATE TABLE IF NOT EXISTS srv_meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS accounts(username TEXT PRIMARY KEY, display_name TEXT, role TEXT NOT NULL,"
        " pw_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, grids TEXT, villages TEXT,"
        " police_area TEXT, created_ms INTEGER);"
        "CREATE TABLE IF NOT EXISTS srv_devices(device BLOB PRIMARY KEY, username TEXT, name TEXT,"
        " revoked INTEGER NOT NULL DEFAULT 0, first_seen_ms INTEGER, last_seen_ms INTEGER) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS tokens(digest TEXT PRIMARY KEY, username TEXT NOT NULL, device BLOB NOT NULL,"
        " expires_ms INTEGER NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS changes(seq INTEGER PRIMARY KEY AUTOINCREMENT, rtype INTEGER NOT NULL,"
        " rid BLOB NOT NULL, device BLOB, local_seq INTEGER, username TEXT, received_ms INTEGER,"
        " payload BLOB NOT NULL);"
        "CREATE INDEX IF NOT EXISTS changes_user ON changes(username, seq);"
        "CREATE TABLE IF NOT EXISTS change_grid(grid BLOB NOT NULL, seq INTEGER NOT NULL,"
        " PRIMARY KEY(grid, seq)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS record_grid(rid BLOB NOT NULL, grid BLOB NOT NULL,"
        " PRIMARY KEY(rid, grid)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS field_versions(rid BLOB NOT NULL, field INTEGER NOT NULL,"
        " seq INTEGER NOT NULL, device BLOB, PRIMARY KEY(rid, field)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS receipts(device BLOB NOT NULL, local_seq INTEGER NOT NULL,"
        " status BLOB NOT NULL, PRIMARY KEY(device, local_seq)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS conflicts(id BLOB PRIMARY KEY, seq INTEGER, rtype INTEGER, rid BLOB,"
        " field INTEGER, winner BLOB, loser BLOB, winner_device BLOB, loser_device BLOB, winner_hlc INTEGER,"
        " loser_hlc INTEGER, resolved INTEGER NOT NULL DEFAULT 0, resolved_by TEXT) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS break_glass(username TEXT NOT NULL, rid BLOB NOT NULL, reason TEXT,"
        " expires_ms INTEGER NOT NULL);"
        "CREATE TABLE IF NOT EXISTS audit(id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ms INTEGER NOT NULL,"
        " username TEXT, role TEXT, device BLOB, action TEXT NOT NULL, record TEXT, detail TEXT);"
        // The audit log only grows.
        "CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit"
        " BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;"
        "CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit"
        " BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
    if (!db.scalar_text("SELECT value FROM srv_meta WHERE key='epoch'")) {
        auto st = db.prepare("INSERT INTO srv_meta(key, value) VALUES('epoch', ?1), ('min_seq', 0)");
        st.bind(1, std::string_view(new_uuid().str()));
        st.run();
    }
    tx.commit();
}

ServerCore::~ServerCore() = default;

std::string ServerCore::epoch() {
    std::lock_guard lock(mu_);
    return *store_->db().scalar_text("SELECT value FROM srv_meta WHERE key='epoch'");
}

uint64_t ServerCore::last_seq() {
    std::lock_guard lock(mu_);
    return static_cast<uint64_t>(store_->db().scalar_int("SELECT coalesce(max(seq), 0) FROM changes"));
}

void ServerCore::new_epoch() {
    std::lock_guard lock(mu_);
    auto st = store_->db().prepare("UPDATE srv_meta SET value=?1 WHERE key='epoch'");
    st.bind(1, std::string_view(new_uuid().str()));
    st.run();
}

void ServerCore::trim_history(uint64_t before_seq) {
    std::lock_guard lock(mu_);
    Database& db = store_->db();
    Transaction tx(db);
    auto del = db.prepare("DELETE FROM changes WHERE seq < ?1");
    del.bind(1, static_cast<int64_t>(before_seq));
    del.run();
    auto dg = db.prepare("DELETE FROM change_grid WHERE seq < ?1");
    dg.bind(1, static_cast<int64_t>(before_seq));
    dg.run();
    auto m = db.prepare("UPDATE srv_meta SET value=?1 WHERE key='min_seq'");
    m.bind(1, static_cast<int64_t>(before_seq));
    m.run();
    tx.commit();
}

void ServerCore::audit(const std::string& user, const std::string& role, const Uuid& device,
                       const std::string& action, const std::string& record, const std::string& detail) {
    auto st = store_->db().cached(
        "INSERT INTO audit(ts_ms, username, role, device, action, record, detail) VALUES(?1,?2,?3,?4,?5,?6,?7)");
    st.bind(1, opt_.clock()).bind(2, std::string_view(user)).bind(3, std::string_view(role));
    if (device.is_nil()) st.bind_null(4);
    else st.bind_blob(4, device.bytes.data(), 16);
    st.bind(5, std::string_view(action)).bind(6, std::string_view(record)).bind(7, std::string_view(detail));
    st.run();
}

void ServerCore::add_user(const Account& a, std::string_view password) {
    std::string hash = hash_password(password);
    std::lock_guard lock(mu_);
    Database& db = store_->db();
    Transaction tx(db);
    auto st = db.prepare(
        "INSERT INTO accounts(username, display_name, role, pw_hash, grids, villages, police_area, created_ms)"
        " VALUES(?1,?2,?3,?4,?5,?6,?7,?8) ON CONFLICT(username) DO UPDATE SET display_name=excluded.display_name,"
        " role=excluded.role, pw_hash=excluded.pw_hash, grids=excluded.grids, villages=excluded.villages,"
        " police_area=excluded.police_area, disabled=0");
    st.bind(1, std::string_view(a.username)).bind(2, std::string_view(a.display_name));
    st.bind(3, role_code(a.role)).bind(4, std::string_view(hash));
    st.bind(5, std::string_view(join_ids(a.grids))).bind(6, std::string_view(join_ids(a.villages)));
    st.bind(7, std::string_view(a.police_area)).bind(8, opt_.clock());
    st.run();
    audit("admin", "admin", Uuid{}, "user.add", a.username, std::string(role_code(a.role)));
    tx.commit();
}

std::optional<Account> ServerCore::account(const std::string& username) {
    auto st = store_->db().cached(
        "SELECT username, display_name, role, grids, villages, police_area, disabled FROM accounts WHERE username=?1");
    st.bind(1, std::string_view(username));
    if (!st.step()) return std::nullopt;
    Account a;
    a.username = st.text(0);
    a.display_name = st.text(1);
    a.role = role_from_code(st.text(2)).value_or(Role::Informant);
    a.grids = split_ids(st.text(3));
    a.villages = split_ids(st.text(4));
    a.police_area = st.text(5);
    a.disabled = st.int64(6) != 0;
    return a;
}

std::vector<Account> ServerCore::users() {
    std::lock_guard lock(mu_);
    std::vector<std::string> names;
    auto st = store_->db().prepare("SELECT username FROM accounts ORDER BY username");
    while (st.step()) names.push_back(st.text(0));
    std::vector<Account> out;
    for (const auto& n : names)
        if (auto a = account(n)) out.push_back(*a);
    return out;
}

bool ServerCore::disable_user(const std::string& username) {
    std::lock_guard lock(mu_);
    Database& db = store_->db();
    Transaction tx(db);
    auto st = db.prepare("UPDATE accounts SET disabled=1 WHERE username=?1");
    st.bind(1, std::string_view(username));
    st.run();
    bool changed = db.changes() > 0;
    auto del = db.prepare("DELETE FROM tokens WHERE username=?1");
    del.bind(1, std::string_view(username));
    del.run();
    audit("admin", "admin", Uuid{}, "user.disable", username, changed ? "" : "no such user");
    tx.commit();
    return changed;
}

std::vector<DeviceInfo> ServerCore::devices() {
    std::lock_guard lock(mu_);
    std::vector<DeviceInfo> out;
    auto st = store_->db().prepare(
        "SELECT device, username, name, revoked, last_seen_ms FROM srv_devices ORDER BY last_seen_ms DESC");
    while (st.step())
        out.push_back(DeviceInfo{col_uuid(st, 0), st.text(1), st.text(2), st.int64(3) != 0, st.int64(4)});
    return out;
}

bool ServerCore::revoke_device(const Uuid& device) {
    std::lock_guard lock(mu_);
    Database& db = store_->db();
    Transaction tx(db);
    auto st = db.prepare("UPDATE srv_devices SET revoked=1 WHERE device=?1");
    st.bind_blob(1, device.bytes.data(), 16);
    st.run();
    bool changed = db.changes() > 0;
    audit("admin", "admin", device, "device.revoke", device.str(), changed ? "" : "no such device");
    tx.commit();
    return changed;
}

std::optional<ServerCore::Session> ServerCore::authenticate(const std::string& token, HttpResult& err) {
    if (token.empty()) {
        ++counters_.unauthorized;
        err = error(401, "unauthorized", "missing bearer token", "未登录");
        return std::nullopt;
    }
    auto st = store_->db().cached(
        "SELECT t.username, t.device, t.expires_ms, coalesce(d.revoked, 0) FROM tokens t"
        " LEFT JOIN srv_devices d ON d.device = t.device WHERE t.digest=?1");
    std::string digest = token_digest(token);
    st.bind(1, std::string_view(digest));
    if (!st.step()) {
        ++counters_.unauthorized;
        err = error(401, "unauthorized", "unknown or expired token", "登录已失效，请重新登录");
        return std::nullopt;
    }
    Session s;
    std::string user = st.text(0);
    s.device = col_uuid(st, 1);
    int64_t expires = st.int64(2);
    bool revoked = st.int64(3) != 0;
    if (revoked) {
        ++counters_.unauthorized;
        err = error(401, "device_revoked", "this device was revoked; local data must be erased",
                    "此设备已被停用，本机数据将被清除", true);
        return std::nullopt;
    }
    if (expires < opt_.clock()) {
        ++counters_.unauthorized;
        err = error(401, "token_expired", "token expired", "登录已过期，请重新登录");
        return std::nullopt;
    }
    auto a = account(user);
    if (!a || a->disabled) {
        ++counters_.unauthorized;
        err = error(401, "account_disabled", "account disabled", "账号已停用");
        return std::nullopt;
    }
    s.account = *a;
    return s;
}

HttpResult ServerCore::login(std::string_view body, const std::string& peer) {
    pb::LoginRequest req;
    if (!req.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
        ++counters_.bad_requests;
        return error(400, "bad_request", "body is not a LoginRequest", "请求格式错误");
    }
    Uuid device = Uuid::from_bytes(req.device_id().data(), req.device_id().size());
    if (req.username().empty() || device.is_nil()) {
        ++counters_.bad_requests;
        return error(422, "invalid", "username and a 16-byte device_id are required", "缺少用户名或设备编号");
    }
    std::string hash;
    {
        std::lock_guard lock(mu_);
        auto st = store_->db().prepare("SELECT pw_hash, disabled FROM accounts WHERE username=?1");
        st.bind(1, std::string_view(req.username()));
        if (st.step() && st.int64(1) == 0) hash = st.text(0);
    }
    // Verify outside the lock: Argon2id takes a while on purpose.
    bool ok = !hash.empty() && verify_password(hash, req.password());
    std::lock_guard lock(mu_);
    Database& db = store_->db();
    Transaction tx(db);
    if (!ok) {
        ++counters_.login_failures;
        audit(req.username(), "", device, "login.failed", "", peer);
        tx.commit();
        return error(401, "bad_credentials", "wrong username or password", "用户名或密码错误");
    }
    {
        auto st = db.prepare("SELECT revoked, username FROM srv_devices WHERE device=?1");
        st.bind_blob(1, device.bytes.data(), 16);
        if (st.step() && st.int64(0) != 0) {
            audit(req.username(), "", device, "login.revoked_device", "", peer);
            tx.commit();
            return error(401, "device_revoked", "this device was revoked; local data must be erased",
                         "此设备已被停用，本机数据将被清除", true);
        }
    }
    auto a = account(req.username());
    int64_t now = opt_.clock();
    auto dev = db.prepare(
        "INSERT INTO srv_devices(device, username, name, first_seen_ms, last_seen_ms) VALUES(?1,?2,?3,?4,?4)"
        " ON CONFLICT(device) DO UPDATE SET username=excluded.username, name=excluded.name,"
        " last_seen_ms=excluded.last_seen_ms");
    dev.bind_blob(1, device.bytes.data(), 16).bind(2, std::string_view(req.username()));
    dev.bind(3, std::string_view(req.device_name())).bind(4, now);
    dev.run();
    std::string token = random_token();
    auto tk = db.prepare("INSERT INTO tokens(digest, username, device, expires_ms) VALUES(?1,?2,?3,?4)");
    std::string digest = token_digest(token);
    tk.bind(1, std::string_view(digest)).bind(2, std::string_view(req.username()));
    tk.bind_blob(3, device.bytes.data(), 16).bind(4, now + opt_.token_ttl_ms);
    tk.run();
    audit(a->username, std::string(role_code(a->role)), device, "login", "", peer);
    tx.commit();
    ++counters_.logins;

    pb::LoginResponse resp;
    resp.set_token(token);
    resp.set_expires_at_ms(now + opt_.token_ttl_ms);
    resp.set_username(a->username);
    resp.set_display_name(a->display_name);
    resp.set_role(to_pb(a->role));
    for (const auto& g : a->grids) resp.mutable_scope()->add_grid_ids(g.bytes.data(), 16);
    for (const auto& v : a->villages) resp.mutable_scope()->add_village_ids(v.bytes.data(), 16);
    resp.mutable_scope()->set_police_area(a->police_area);
    resp.mutable_scope()->set_town(a->role == Role::Office || a->role == Role::Admin);
    resp.set_epoch(*db.scalar_text("SELECT value FROM srv_meta WHERE key='epoch'"));
    resp.set_server_time_ms(now);
    return HttpResult{200, resp.SerializeAsString()};
}

std::set<Uuid> ServerCore::scope_grids(const Account& a) {
    std::set<Uuid> out{kGlobal};
    Database& db = store_->db();
    for (const auto& g : a.grids) out.insert(g);
    for (const auto& v : a.villages) {
        auto st = db.cached("SELECT id FROM grid WHERE village_id=?1");
        st.bind_blob(1, v.bytes.data(), 16);
        while (st.step()) out.insert(col_uuid(st, 0));
    }
    if (a.role == Role::Police && !a.police_area.empty()) {
        auto st = db.cached("SELECT id FROM grid WHERE police_area >= ?1 AND police_area < ?2");
        st.bind(1, std::string_view(a.police_area));
        std::string hi = a.police_area + "\xff";
        st.bind(2, std::string_view(hi));
        while (st.step()) out.insert(col_uuid(st, 0));
    }
    return out;
}

std::set<Uuid> ServerCore::grids_of(RecordType t, const Uuid& id) {
    std::set<Uuid> out;
    Database& db = store_->db();
    auto collect = [&](const char* sql, const Uuid& key) {
        auto st = db.cached(sql);
        st.bind_blob(1, key.bytes.data(), 16);
        while (st.step())
            if (!st.is_null(0)) out.insert(col_uuid(st, 0));
    };
    if (t == RecordType::Person) {
        // Where a person lives or works decides where they are seen.
        collect("SELECT a.grid_id FROM residence r JOIN address a ON a.id = r.address_id WHERE r.person_id=?1", id);
        collect("SELECT a.grid_id FROM employment e JOIN unit u ON u.id = e.unit_id"
                " JOIN address a ON a.id = u.address_id WHERE e.person_id=?1", id);
        return out;
    }
    auto rec = store_->get(t, id);
    if (!rec) return out;
    auto grids_of_ref = [&](RecordType rt, const char* field) {
        if (auto r = rec->ref(field)) {
            auto g = grids_of(rt, *r);
            out.insert(g.begin(), g.end());
        }
    };
    switch (t) {
        case RecordType::Village:
        case RecordType::Grid: out.insert(kGlobal); break;
        case RecordType::Address:
            if (auto g = rec->ref("grid_id")) out.insert(*g);
            break;
        case RecordType::Person: break;  // handled above
        case RecordType::Residence:
        case RecordType::House:
        case RecordType::Unit: grids_of_ref(RecordType::Address, "address_id"); break;
        case RecordType::Visit:
            if (auto g = rec->ref("grid_id")) out.insert(*g);
            grids_of_ref(RecordType::Address, "address_id");
            break;
        case RecordType::Employment: grids_of_ref(RecordType::Unit, "unit_id"); break;
        case RecordType::Task:
            if (auto g = rec->ref("grid_id")) out.insert(*g);
            break;
        case RecordType::Tip:
            grids_of_ref(RecordType::Address, "address_id");
            grids_of_ref(RecordType::House, "house_id");
            grids_of_ref(RecordType::Person, "person_id");
            break;
        case RecordType::Flag: {
            std::string st = rec->text("subject_type");
            auto sid = rec->ref("subject_id");
            if (sid) {
                RecordType rt = st == "house" ? RecordType::House : st == "unit" ? RecordType::Unit
                                : st == "address" ? RecordType::Address : RecordType::Person;
                auto g = grids_of(rt, *sid);
                out.insert(g.begin(), g.end());
            }
            break;
        }
        case RecordType::Meeting:
            if (auto g = rec->ref("grid_id")) out.insert(*g);
            else if (auto v = rec->ref("village_id")) collect("SELECT id FROM grid WHERE village_id=?1", *v);
            break;
        case RecordType::RewardClaim:
            grids_of_ref(RecordType::Tip, "tip_id");
            grids_of_ref(RecordType::Task, "task_id");
            break;
    }
    return out;
}

uint64_t ServerCore::append(RecordType t, const Uuid& id, const std::string& payload, const Uuid& device,
                            uint64_t local_seq, const std::string& user, const std::set<Uuid>& grids) {
    Database& db = store_->db();
    auto st = db.cached(
        "INSERT INTO changes(rtype, rid, device, local_seq, username, received_ms, payload) VALUES(?1,?2,?3,?4,?5,?6,?7)");
    st.bind(1, static_cast<int64_t>(t)).bind_blob(2, id.bytes.data(), 16);
    if (device.is_nil()) st.bind_null(3);
    else st.bind_blob(3, device.bytes.data(), 16);
    st.bind(4, static_cast<int64_t>(local_seq)).bind(5, std::string_view(user)).bind(6, opt_.clock());
    st.bind_blob(7, payload.data(), payload.size());
    st.run();
    auto seq = static_cast<uint64_t>(sqlite3_last_insert_rowid(db.handle()));
    for (const auto& g : grids) {
        auto cg = db.cached("INSERT OR IGNORE INTO change_grid(grid, seq) VALUES(?1, ?2)");
        cg.bind_blob(1, g.bytes.data(), 16).bind(2, static_cast<int64_t>(seq));
        cg.run();
        auto rg = db.cached("INSERT OR IGNORE INTO record_grid(rid, grid) VALUES(?1, ?2)");
        rg.bind_blob(1, id.bytes.data(), 16).bind_blob(2, g.bytes.data(), 16);
        rg.run();
    }
    return seq;
}

// A record that newly falls in a grid is sent there whole, so devices there get all of it.
void ServerCore::spread(RecordType t, const Uuid& id) {
    Database& db = store_->db();
    auto now_grids = grids_of(t, id);
    std::set<Uuid> known;
    auto st = db.cached("SELECT grid FROM record_grid WHERE rid=?1");
    st.bind_blob(1, id.bytes.data(), 16);
    while (st.step()) known.insert(col_uuid(st, 0));
    std::set<Uuid> fresh;
    for (const auto& g : now_grids)
        if (!known.count(g)) fresh.insert(g);
    if (fresh.empty()) return;
    for (const auto& c : store_->snapshot(t, id)) append(t, id, c.SerializeAsString(), Uuid{}, 0, "", fresh);
}

// Parses a device request and checks its token, which must belong to the device named in it.
template <typename Req>
std::optional<ServerCore::Session> ServerCore::open_request(const std::string& token, std::string_view body, Req& req,
                                                            HttpResult& err) {
    if (!req.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
        ++counters_.bad_requests;
        err = error(400, "bad_request", "body is not a " + req.GetTypeName(), "请求格式错误");
        return std::nullopt;
    }
    auto session = authenticate(token, err);
    if (!session) return std::nullopt;
    Uuid device = Uuid::from_bytes(req.device_id().data(), req.device_id().size());
    if (device != session->device) {
        err = error(403, "forbidden", "the token belongs to another device", "登录凭据与设备不符");
        return std::nullopt;
    }
    return session;
}

HttpResult ServerCore::push(const std::string& token, std::string_view body, const std::string& peer) {
    pb::PushRequest req;
    std::lock_guard lock(mu_);
    HttpResult err;
    auto session = open_request(token, body, req, err);
    if (!session) return err;
    const Uuid device = session->device;
    ++counters_.pushes;
    const Account& acct = session->account;
    const std::string role(role_code(acct.role));
    std::set<Uuid> scope = scoped(acct.role) ? scope_grids(acct) : std::set<Uuid>{};
    Database& db = store_->db();
    pb::PushResponse resp;
    int64_t now = opt_.clock();
    size_t stored = 0;
    Transaction tx(db);
    for (const auto& change : req.changes()) {
        pb::ChangeStatus* status = resp.add_statuses();
        status->set_local_seq(change.local_seq());
        {
            auto dup = db.cached("SELECT status FROM receipts WHERE device=?1 AND local_seq=?2");
            dup.bind_blob(1, device.bytes.data(), 16).bind(2, static_cast<int64_t>(change.local_seq()));
            if (change.local_seq() != 0 && dup.step()) {
                auto b = dup.blob(0);
                status->ParseFromArray(b.data(), static_cast<int>(b.size()));
                status->set_state(pb::CHANGE_STATE_DUPLICATE);
                ++counters_.changes_duplicate;
                ++stored;
                continue;
            }
        }
        auto reject = [&](pb::ChangeState state, const std::string& rule, const std::string& en, const std::string& zh) {
            status->set_state(state);
            auto* i = status->add_issues();
            i->set_field("record");
            i->set_rule(rule);
            i->set_en(en);
            i->set_zh(zh);
        };
        bool type_ok = valid_record_type(static_cast<int>(change.type()));
        RecordType t = type_ok ? static_cast<RecordType>(change.type()) : RecordType::Village;
        Uuid rid = Uuid::from_bytes(change.id().data(), change.id().size());
        pb::RecordChange incoming = change;
        if (incoming.origin_device().size() != 16) incoming.set_origin_device(device.bytes.data(), 16);
        db.cached("SAVEPOINT change").run();
        bool ok = true;
        if (!type_ok) {
            reject(pb::CHANGE_STATE_REJECTED, "record.type", "unknown record type", "未知的记录类型");
            ok = false;
        } else if (!may_write(acct.role, t)) {
            reject(pb::CHANGE_STATE_FORBIDDEN, "role", role + " may not change " + std::string(record_def(t).name) + " records",
                   "当前角色无权修改此类记录");
            ok = false;
        } else {
            // Only roles with limits need the record's state before the change.
            bool limited = scoped(acct.role) || acct.role == Role::Informant;
            bool existed = limited && store_->get(t, rid).has_value();
            std::set<Uuid> before = existed && scoped(acct.role) ? grids_of(t, rid) : std::set<Uuid>{};
            if (acct.role == Role::Informant && existed) {
                reject(pb::CHANGE_STATE_FORBIDDEN, "role", "informants may only submit new records", "社会力量只能报送新记录");
                ok = false;
            } else if (scoped(acct.role) && !before.empty() && !intersects(before, scope)) {
                reject(pb::CHANGE_STATE_FORBIDDEN, "scope", "the record is outside your area", "该记录不在您的管辖范围内");
                ok = false;
            }
            Store::MergeOutcome m;
            if (ok) {
                m = store_->merge(incoming, Store::MergeMode::Validate);
                if (!m.ok) {
                    status->set_state(pb::CHANGE_STATE_REJECTED);
                    for (const auto& is : m.issues) {
                        auto* i = status->add_issues();
                        i->set_field(is.field);
                        i->set_rule(is.rule);
                        i->set_zh(is.zh);
                        i->set_en(is.en);
                    }
                    ok = false;
                }
            }
            std::set<Uuid> after;
            if (ok && std::any_of(m.fields.begin(), m.fields.end(), [](const auto& f) { return f.won; })) {
                after = grids_of(t, rid);
                if (scoped(acct.role) && !after.empty() && !intersects(after, scope)) {
                    reject(pb::CHANGE_STATE_FORBIDDEN, "scope", "the change would place the record outside your area",
                           "修改后记录不在您的管辖范围内");
                    ok = false;
                }
            }
            if (ok) {
                Uuid origin = Uuid::from_bytes(incoming.origin_device().data(), 16);
                pb::RecordChange logged;
                logged.set_type(incoming.type());
                logged.set_id(incoming.id());
                logged.set_origin_device(incoming.origin_device());
                Hlc max_hlc = 0;
                uint32_t conflicts = 0;
                std::vector<std::pair<uint32_t, Hlc>> won;
                for (const auto& f : m.fields) {
                    Hlc h = 0;
                    for (const auto& fc : incoming.fields())
                        if (fc.field() == f.field) h = fc.hlc();
                    max_hlc = std::max(max_hlc, h);
                    // Concurrent: the server's value changed after the edit's base, by someone else.
                    auto fv = db.cached("SELECT seq, device FROM field_versions WHERE rid=?1 AND field=?2");
                    fv.bind_blob(1, rid.bytes.data(), 16).bind(2, static_cast<int64_t>(f.field));
                    bool concurrent = false;
                    if (fv.step()) {
                        Uuid last_dev = col_uuid(fv, 1);
                        concurrent = static_cast<uint64_t>(fv.int64(0)) > change.base_seq() && last_dev != origin;
                    }
                    if (concurrent && !(f.incoming == f.previous) && !is_null(f.previous)) {
                        ++conflicts;
                        Uuid cid = new_uuid();
                        auto ci = db.cached(
                            "INSERT INTO conflicts(id, rtype, rid, field, winner, loser, winner_device, loser_device,"
                            " winner_hlc, loser_hlc) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)");
                        std::string wv = value_bytes(f.won ? f.incoming : f.previous);
                        std::string lv = value_bytes(f.won ? f.previous : f.incoming);
                        const Uuid& wd = f.won ? origin : f.previous_device;
                        const Uuid& ld = f.won ? f.previous_device : origin;
                        ci.bind_blob(1, cid.bytes.data(), 16).bind(2, static_cast<int64_t>(t));
                        ci.bind_blob(3, rid.bytes.data(), 16).bind(4, static_cast<int64_t>(f.field));
                        ci.bind_blob(5, wv.data(), wv.size()).bind_blob(6, lv.data(), lv.size());
                        ci.bind_blob(7, wd.bytes.data(), 16).bind_blob(8, ld.bytes.data(), 16);
                        ci.bind(9, static_cast<int64_t>(f.won ? h : f.previous_hlc));
                        ci.bind(10, static_cast<int64_t>(f.won ? f.previous_hlc : h));
                        ci.run();
                    }
                    if (f.won) {
                        won.emplace_back(f.field, h ? h : max_hlc);
                        auto* lf = logged.add_fields();
                        lf->set_field(f.field);
                        lf->set_hlc(h ? h : max_hlc);
                        to_proto(f.incoming, lf->mutable_value());
                    }
                }
                if (!won.empty()) {
                    std::set<Uuid> grids = after.empty() ? std::set<Uuid>{} : after;
                    uint64_t seq = append(t, rid, logged.SerializeAsString(), device, change.local_seq(),
                                          acct.username, grids);
                    for (const auto& [field, h] : won) {
                        auto up = db.cached(
                            "INSERT INTO field_versions(rid, field, seq, device) VALUES(?1,?2,?3,?4)"
                            " ON CONFLICT(rid, field) DO UPDATE SET seq=excluded.seq, device=excluded.device");
                        up.bind_blob(1, rid.bytes.data(), 16).bind(2, static_cast<int64_t>(field));
                        up.bind(3, static_cast<int64_t>(seq)).bind_blob(4, origin.bytes.data(), 16);
                        up.run();
                    }
                    status->set_server_seq(seq);
                    // A residence or roster line can bring its person into a new grid.
                    if (t == RecordType::Residence || t == RecordType::Employment) {
                        if (auto rec = store_->get(t, rid))
                            if (auto p = rec->ref("person_id")) spread(RecordType::Person, *p);
                    }
                }
                status->set_state(pb::CHANGE_STATE_APPLIED);
                status->set_conflicts(conflicts);
                counters_.conflicts += conflicts;
                if (hlc_ms(max_hlc) > now + opt_.clock_ahead_ms) {
                    status->set_clock_ahead(true);
                    audit(acct.username, role, device, "clock_ahead", rid.str(),
                          "hlc " + std::to_string(hlc_ms(max_hlc) - now) + " ms ahead of the server");
                }
            }
        }
        if (ok) {
            db.cached("RELEASE change").run();
            ++counters_.changes_applied;
            ++stored;
        } else {
            db.cached("ROLLBACK TO change").run();
            db.cached("RELEASE change").run();
            if (status->state() == pb::CHANGE_STATE_FORBIDDEN) ++counters_.changes_forbidden;
            else ++counters_.changes_rejected;
        }
        // The answer is kept, so a resent change gets the same answer and is never applied twice.
        if (change.local_seq() != 0) {
            auto rc = db.cached("INSERT OR REPLACE INTO receipts(device, local_seq, status) VALUES(?1,?2,?3)");
            std::string sb = status->SerializeAsString();
            rc.bind_blob(1, device.bytes.data(), 16).bind(2, static_cast<int64_t>(change.local_seq()));
            rc.bind_blob(3, sb.data(), sb.size());
            rc.run();
        }
    }
    for (const auto& cid : req.resolved_conflicts()) {
        auto up = db.cached("UPDATE conflicts SET resolved=1, resolved_by=?2 WHERE id=?1");
        up.bind_blob(1, cid.data(), cid.size()).bind(2, std::string_view(acct.username));
        up.run();
    }
    store_->persist_clock();
    audit(acct.username, role, device, "push", "",
          std::to_string(req.changes_size()) + " changes, " + std::to_string(stored) + " stored, from " + peer);
    tx.commit();
    resp.set_server_seq(static_cast<uint64_t>(db.scalar_int("SELECT coalesce(max(seq), 0) FROM changes")));
    // Nothing stored at all: the request as a whole was unprocessable.
    int status = (req.changes_size() > 0 && stored == 0) ? 422 : 200;
    return HttpResult{status, resp.SerializeAsString()};
}

HttpResult ServerCore::pull(const std::string& token, std::string_view body, const std::string& peer) {
    pb::PullRequest req;
    std::lock_guard lock(mu_);
    HttpResult err;
    auto session = open_request(token, body, req, err);
    if (!session) return err;
    const Uuid device = session->device;
    ++counters_.pulls;
    Database& db = store_->db();
    pb::PullResponse resp;
    std::string ep = *db.scalar_text("SELECT value FROM srv_meta WHERE key='epoch'");
    auto max_seq = static_cast<uint64_t>(db.scalar_int("SELECT coalesce(max(seq), 0) FROM changes"));
    auto min_seq = static_cast<uint64_t>(db.scalar_int("SELECT value FROM srv_meta WHERE key='min_seq'"));
    resp.set_epoch(ep);
    if ((!req.epoch().empty() && req.epoch() != ep) || req.cursor() > max_seq ||
        (req.cursor() != 0 && req.cursor() + 1 < min_seq)) {
        resp.set_reset_required(true);
        resp.set_cursor(0);
        return HttpResult{200, resp.SerializeAsString()};
    }
    uint32_t limit = req.limit() == 0 ? 1000 : std::min(req.limit(), opt_.max_pull);
    const Account& acct = session->account;
    std::string sql;
    // A device's own changes are not sent back: it has them (the log holds only fields that won).
    // A pull from the start (a new or re-snapshotting device) gets everything.
    const char* not_mine = req.cursor() > 0 ? " AND (device IS NULL OR device <> ?4)" : " AND ?4 IS NOT NULL";
    if (acct.role == Role::Informant) {
        sql = std::string("SELECT seq, payload FROM changes WHERE username=?2 AND seq > ?1") + not_mine +
              " ORDER BY seq LIMIT ?3";
    } else if (scoped(acct.role)) {
        std::string in;
        for (const auto& g : scope_grids(acct)) in += (in.empty() ? "" : ",") + blob_hex(g);
        sql = "SELECT seq, payload FROM changes WHERE seq IN (SELECT seq FROM change_grid WHERE grid IN (" + in +
              ") AND seq > ?1)" + not_mine + " ORDER BY seq LIMIT ?3";
    } else {
        sql = std::string("SELECT seq, payload FROM changes WHERE seq > ?1") + not_mine + " ORDER BY seq LIMIT ?3";
    }
    auto st = db.prepare(sql);
    st.bind(1, static_cast<int64_t>(req.cursor()));
    if (acct.role == Role::Informant) st.bind(2, std::string_view(acct.username));
    st.bind(3, static_cast<int64_t>(limit) + 1);
    st.bind_blob(4, device.bytes.data(), 16);
    uint64_t cursor = req.cursor();
    uint32_t n = 0;
    while (st.step()) {
        if (n == limit) {
            resp.set_has_more(true);
            break;
        }
        auto* sc = resp.add_changes();
        sc->set_seq(static_cast<uint64_t>(st.int64(0)));
        auto b = st.blob(1);
        sc->mutable_change()->ParseFromArray(b.data(), static_cast<int>(b.size()));
        cursor = sc->seq();
        ++n;
    }
    // With nothing more to send in scope, the cursor moves to the end of the history.
    if (!resp.has_more()) cursor = std::max(cursor, max_seq);
    resp.set_cursor(cursor);
    counters_.pulled_changes += n;
    if (req.cursor() == 0 || n > 0 || !resp.has_more()) {
        auto cs = db.prepare(
            "SELECT id, rtype, rid, field, winner, loser, winner_device, loser_device, winner_hlc, loser_hlc"
            " FROM conflicts WHERE resolved=0 ORDER BY id LIMIT 200");
        std::set<Uuid> scope = scoped(acct.role) ? scope_grids(acct) : std::set<Uuid>{};
        while (cs.step()) {
            RecordType t = static_cast<RecordType>(cs.int64(1));
            Uuid rid = col_uuid(cs, 2);
            if (acct.role == Role::Informant) continue;
            if (scoped(acct.role) && !intersects(grids_of(t, rid), scope)) continue;
            auto* c = resp.add_conflicts();
            c->set_id(std::string(cs.blob(0)));
            c->set_type(static_cast<pb::RecordType>(t));
            c->set_record_id(rid.bytes.data(), 16);
            c->set_field(static_cast<uint32_t>(cs.int64(3)));
            c->mutable_winner()->ParseFromString(std::string(cs.blob(4)));
            c->mutable_loser()->ParseFromString(std::string(cs.blob(5)));
            c->set_winner_device(std::string(cs.blob(6)));
            c->set_loser_device(std::string(cs.blob(7)));
            c->set_winner_hlc(static_cast<uint64_t>(cs.int64(8)));
            c->set_loser_hlc(static_cast<uint64_t>(cs.int64(9)));
        }
    }
    auto seen = db.prepare("UPDATE srv_devices SET last_seen_ms=?2 WHERE device=?1");
    seen.bind_blob(1, device.bytes.data(), 16).bind(2, opt_.clock());
    seen.run();
    audit(acct.username, std::string(role_code(acct.role)), device, "pull", "",
          "from " + std::to_string(req.cursor()) + ", " + std::to_string(n) + " changes, " + peer);
    return HttpResult{200, resp.SerializeAsString()};
}

HttpResult ServerCore::break_glass(const std::string& token, std::string_view body, const std::string& peer) {
    pb::BreakGlassRequest req;
    if (!req.ParseFromArray(body.data(), static_cast<int>(body.size()))) {
        ++counters_.bad_requests;
        return error(400, "bad_request", "body is not a BreakGlassRequest", "请求格式错误");
    }
    std::lock_guard lock(mu_);
    HttpResult err;
    auto session = authenticate(token, err);
    if (!session) return err;
    const Account& acct = session->account;
    if (acct.role != Role::Police)
        return error(403, "forbidden", "only police may use break-glass access", "仅社区民警可申请越权查询");
    if (req.reason().size() < 4)
        return error(422, "reason_required", "a reason of at least a few words is required", "请填写查询事由");
    if (!valid_record_type(static_cast<int>(req.type())))
        return error(422, "invalid", "unknown record type", "未知的记录类型");
    auto t = static_cast<RecordType>(req.type());
    Uuid rid = Uuid::from_bytes(req.record_id().data(), req.record_id().size());
    if (rid.is_nil() && t == RecordType::Person && !req.id_no().empty()) {
        std::string n;
        for (char c : req.id_no()) n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
        auto st = store_->db().prepare("SELECT id FROM person WHERE id_no=?1 LIMIT 1");
        st.bind(1, std::string_view(n));
        if (st.step()) rid = col_uuid(st, 0);
    }
    if (!store_->get(t, rid)) return error(404, "not_found", "no such record", "记录不存在");
    int64_t expires = opt_.clock() + opt_.break_glass_ms;
    Database& db = store_->db();
    Transaction tx(db);
    auto st = db.prepare("INSERT INTO break_glass(username, rid, reason, expires_ms) VALUES(?1,?2,?3,?4)");
    st.bind(1, std::string_view(acct.username)).bind_blob(2, rid.bytes.data(), 16);
    st.bind(3, std::string_view(req.reason())).bind(4, expires);
    st.run();
    audit(acct.username, "police", session->device, "break_glass", rid.str(), req.reason() + " (" + peer + ")");
    tx.commit();
    pb::BreakGlassResponse resp;
    pb::RecordChange* snap = resp.mutable_snapshot();
    snap->set_type(req.type());
    snap->set_id(rid.bytes.data(), 16);
    for (const auto& c : store_->snapshot(t, rid))
        for (const auto& f : c.fields()) *snap->add_fields() = f;
    resp.set_expires_at_ms(expires);
    return HttpResult{200, resp.SerializeAsString()};
}

void ServerCore::seed_demo(int64_t persons, uint64_t seed) {
    {
        std::lock_guard lock(mu_);
        if (store_->stats().counts[static_cast<int>(RecordType::Person)] == 0) {
            DemoOptions o;
            o.persons = persons;
            o.seed = seed;
            build_demo_town(*store_, o);
            // Publish the town as history so devices can pull it; the server keeps no outbox.
            Database& db = store_->db();
            Transaction tx(db);
            db.exec("DELETE FROM outbox");
            for (const auto& def : all_records()) {
                std::vector<Uuid> ids;
                auto st = db.prepare("SELECT id FROM " + std::string(def.name) + " ORDER BY id");
                while (st.step()) ids.push_back(col_uuid(st, 0));
                for (const auto& id : ids) {
                    auto grids = grids_of(def.type, id);
                    for (const auto& c : store_->snapshot(def.type, id))
                        append(def.type, id, c.SerializeAsString(), Uuid{}, 0, "", grids);
                }
            }
            tx.commit();
        }
    }
    // One account per role over the first village and grid.
    Uuid village, grid;
    std::string area;
    {
        std::lock_guard lock(mu_);
        auto st = store_->db().prepare("SELECT id, village_id, police_area FROM grid ORDER BY code LIMIT 1");
        if (st.step()) {
            grid = col_uuid(st, 0);
            village = col_uuid(st, 1);
            area = st.text(2);
        }
    }
    auto mk = [&](const char* name, const char* display, Role r) {
        Account a;
        a.username = name;
        a.display_name = display;
        a.role = r;
        if (r == Role::Coordinator) a.grids = {grid};
        if (r == Role::GridLeader) a.villages = {village};
        if (r == Role::Police) a.police_area = area;
        add_user(a, "demo1234");
    };
    if (!account("coordinator")) {
        mk("coordinator", "协管员 李芳", Role::Coordinator);
        mk("gridleader", "微网格长 王强", Role::GridLeader);
        mk("police", "社区民警 陈军", Role::Police);
        mk("informant", "物业 张敏", Role::Informant);
        mk("office", "镇人口办 赵静", Role::Office);
        mk("admin", "管理员", Role::Admin);
    }
}

std::string ServerCore::metrics() {
    std::ostringstream m;
    auto line = [&](const char* name, const char* help, const char* type, int64_t v) {
        m << "# HELP " << name << " " << help << "\n# TYPE " << name << " " << type << "\n" << name << " " << v << "\n";
    };
    line("fieldgrid_logins_total", "Successful logins.", "counter", counters_.logins);
    line("fieldgrid_login_failures_total", "Failed logins.", "counter", counters_.login_failures);
    line("fieldgrid_pushes_total", "Push requests.", "counter", counters_.pushes);
    line("fieldgrid_pulls_total", "Pull requests.", "counter", counters_.pulls);
    line("fieldgrid_changes_applied_total", "Changes committed.", "counter", counters_.changes_applied);
    line("fieldgrid_changes_duplicate_total", "Changes seen before.", "counter", counters_.changes_duplicate);
    line("fieldgrid_changes_rejected_total", "Invalid changes.", "counter", counters_.changes_rejected);
    line("fieldgrid_changes_forbidden_total", "Changes outside role or scope.", "counter", counters_.changes_forbidden);
    line("fieldgrid_conflicts_total", "Concurrent edits kept for resolution.", "counter", counters_.conflicts);
    line("fieldgrid_pulled_changes_total", "Changes sent to devices.", "counter", counters_.pulled_changes);
    line("fieldgrid_bad_requests_total", "Malformed requests.", "counter", counters_.bad_requests);
    line("fieldgrid_unauthorized_total", "Requests without a valid token.", "counter", counters_.unauthorized);
    line("fieldgrid_server_seq", "Last server sequence.", "gauge", static_cast<int64_t>(last_seq()));
    long rss_kb = 0;
    std::ifstream status("/proc/self/status");
    for (std::string l; std::getline(status, l);)
        if (l.rfind("VmRSS:", 0) == 0) rss_kb = std::atol(l.c_str() + 6);
    line("fieldgrid_resident_memory_bytes", "Resident memory.", "gauge", static_cast<int64_t>(rss_kb) * 1024);
    return m.str();
}

}  // namespace fieldgrid::sync
