#include "fieldgrid/sync/engine.h"

#include <chrono>
#include <map>
#include <random>

#include "fieldgrid/records/value_proto.h"
#include "fieldgrid/sync/accounts.h"
#include "fieldgrid/v1/sync.pb.h"

namespace fieldgrid::sync {

namespace pb = fieldgrid::v1;

std::string_view sync_state_name(SyncState s) {
    switch (s) {
        case SyncState::Idle: return "idle";
        case SyncState::Pushing: return "pushing";
        case SyncState::Pulling: return "pulling";
        case SyncState::Conflict: return "conflict";
        case SyncState::Error: return "error";
        case SyncState::Offline: return "offline";
    }
    return "?";
}

namespace {

std::string describe(const HttpResponse& r) {
    pb::ErrorBody e;
    if (r.status != 0 && e.ParseFromString(r.body) && !e.message().empty())
        return "HTTP " + std::to_string(r.status) + ": " + e.message();
    if (r.status == 0) return "server unreachable: " + r.error;
    return "HTTP " + std::to_string(r.status);
}

}  // namespace

SyncEngine::SyncEngine(Store& store, Transport& transport) : store_(store), transport_(transport) {}

SyncEngine::~SyncEngine() { stop(); }

std::string SyncEngine::local(const std::string& key) {
    auto st = store_.db().cached("SELECT value FROM local_state WHERE key=?1");
    st.bind(1, std::string_view(key));
    if (!st.step() || st.is_null(0)) return {};
    return st.text(0);
}

void SyncEngine::set_local(const std::string& key, const std::string& value) {
    auto st = store_.db().cached(
        "INSERT INTO local_state(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    st.bind(1, std::string_view(key)).bind(2, std::string_view(value));
    st.run();
}

void SyncEngine::set_state(SyncState s) {
    state_ = s;
    if (on_change_) on_change_(status());
}

LoginResult SyncEngine::login(const std::string& user, const std::string& password, const std::string& device_name) {
    std::lock_guard lock(mu_);
    LoginResult out;
    pb::LoginRequest req;
    req.set_username(user);
    req.set_password(password);
    Uuid dev = store_.device_id();
    req.set_device_id(dev.bytes.data(), 16);
    req.set_device_name(device_name);
    HttpResponse r = transport_.post({"/v1/auth/login", req.SerializeAsString(), ""});
    if (r.status == 0) {
        out.offline = true;
        out.error = describe(r);
        return out;
    }
    if (r.status != 200) {
        pb::ErrorBody e;
        e.ParseFromString(r.body);
        if (e.wipe()) {
            wipe();
            out.wiped = true;
        }
        out.error = describe(r);
        return out;
    }
    pb::LoginResponse resp;
    if (!resp.ParseFromString(r.body)) {
        out.error = "login answer could not be read";
        return out;
    }
    auto tx = store_.begin();
    // A different user on this device starts from a clean slate of synced data.
    std::string previous = local("sync_user");
    set_local("sync_user", user);
    set_local("sync_display", resp.display_name());
    set_local("sync_role", std::to_string(static_cast<int>(resp.role())));
    set_local("sync_token", resp.token());
    set_local("sync_token_expires", std::to_string(resp.expires_at_ms()));
    set_local("sync_offline_hash", hash_password(password));
    if (!previous.empty() && previous != user) set_local("sync_cursor", "0");
    tx->commit();
    out.ok = true;
    return out;
}

bool SyncEngine::login_offline(const std::string& user, const std::string& password) {
    std::lock_guard lock(mu_);
    std::string hash = local("sync_offline_hash");
    return !hash.empty() && local("sync_user") == user && verify_password(hash, password);
}

bool SyncEngine::handle_auth_error(const HttpResponse& r, SyncReport& report) {
    if (r.status != 401 && r.status != 403) return false;
    pb::ErrorBody e;
    e.ParseFromString(r.body);
    if (e.wipe()) {
        wipe();
        report.wiped = true;
    }
    report.error = describe(r);
    return true;
}

SyncReport SyncEngine::push_all() {
    SyncReport rep;
    Uuid dev = store_.device_id();
    std::string token = local("sync_token");
    while (true) {
        pb::PushRequest req;
        req.set_device_id(dev.bytes.data(), 16);
        std::vector<int64_t> seqs;
        {
            auto st = store_.db().cached(
                "SELECT seq, payload, base_seq FROM outbox WHERE state='pending' ORDER BY seq LIMIT ?1");
            st.bind(1, push_batch_size);
            while (st.step()) {
                auto* c = req.add_changes();
                auto b = st.blob(1);
                c->ParseFromArray(b.data(), static_cast<int>(b.size()));
                if (c->origin_device().size() != 16) c->set_origin_device(dev.bytes.data(), 16);
                c->set_local_seq(static_cast<uint64_t>(st.int64(0)));
                c->set_base_seq(static_cast<uint64_t>(st.int64(2)));
                seqs.push_back(st.int64(0));
            }
        }
        {
            auto cs = store_.db().cached("SELECT id FROM sync_conflict WHERE resolved=1");
            while (cs.step()) req.add_resolved_conflicts(std::string(cs.blob(0)));
        }
        if (seqs.empty() && req.resolved_conflicts_size() == 0) break;
        set_state(SyncState::Pushing);
        HttpResponse r = transport_.post({"/v1/sync/push", req.SerializeAsString(), token});
        if (r.status == 0) {
            rep.offline = true;
            rep.error = describe(r);
            return rep;
        }
        if (handle_auth_error(r, rep)) return rep;
        pb::PushResponse resp;
        if ((r.status != 200 && r.status != 422) || !resp.ParseFromString(r.body)) {
            rep.error = describe(r);
            return rep;
        }
        rep.pushed += static_cast<int64_t>(seqs.size());
        // Only what the server acknowledged leaves the outbox; anything unanswered is resent.
        auto tx = store_.begin();
        for (const auto& s : resp.statuses()) {
            auto seq = static_cast<int64_t>(s.local_seq());
            if (s.state() == pb::CHANGE_STATE_APPLIED || s.state() == pb::CHANGE_STATE_DUPLICATE) {
                auto del = store_.db().cached("DELETE FROM outbox WHERE seq=?1");
                del.bind(1, seq);
                del.run();
                ++rep.acknowledged;
            } else if (s.state() == pb::CHANGE_STATE_REJECTED || s.state() == pb::CHANGE_STATE_FORBIDDEN) {
                std::string reason;
                for (const auto& i : s.issues()) reason += i.field() + ": " + i.rule() + ": " + i.en() + " / " + i.zh() + "\n";
                auto up = store_.db().cached("UPDATE outbox SET state='rejected', reason=?2 WHERE seq=?1");
                up.bind(1, seq).bind(2, std::string_view(reason));
                up.run();
                ++rep.rejected;
            }
            rep.conflicts += s.conflicts();
        }
        for (const auto& cid : req.resolved_conflicts()) {
            auto up = store_.db().cached("UPDATE sync_conflict SET resolved=2 WHERE id=?1");
            up.bind_blob(1, cid.data(), cid.size());
            up.run();
        }
        tx->commit();
        if (static_cast<int64_t>(seqs.size()) < push_batch_size) break;
    }
    rep.ok = true;
    return rep;
}

SyncReport SyncEngine::pull_all() {
    SyncReport rep;
    Uuid dev = store_.device_id();
    std::string token = local("sync_token");
    while (true) {
        set_state(SyncState::Pulling);
        pb::PullRequest req;
        req.set_device_id(dev.bytes.data(), 16);
        req.set_epoch(local("sync_epoch"));
        std::string cur = local("sync_cursor");
        req.set_cursor(cur.empty() ? 0 : std::stoull(cur));
        req.set_limit(pull_page_size);
        HttpResponse r = transport_.post({"/v1/sync/pull", req.SerializeAsString(), token});
        if (r.status == 0) {
            rep.offline = true;
            rep.error = describe(r);
            return rep;
        }
        if (handle_auth_error(r, rep)) return rep;
        pb::PullResponse resp;
        if (r.status != 200 || !resp.ParseFromString(r.body)) {
            rep.error = describe(r);
            return rep;
        }
        if (resp.reset_required()) {
            rep.resnapshot = true;
            return rep;
        }
        // A page and its cursor commit together: a crash leaves both before or both after.
        auto tx = store_.begin();
        for (const auto& sc : resp.changes()) {
            auto m = store_.merge(sc.change(), Store::MergeMode::Trust);
            (void)m;  // the server accepted it; shape problems here would be a server bug
            ++rep.pulled;
        }
        for (const auto& c : resp.conflicts()) {
            auto ins = store_.db().cached(
                "INSERT INTO sync_conflict(id, rtype, rid, field, winner, loser, winner_device, loser_device,"
                " winner_hlc, loser_hlc) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10) ON CONFLICT(id) DO NOTHING");
            std::string w = c.winner().SerializeAsString(), l = c.loser().SerializeAsString();
            ins.bind_blob(1, c.id().data(), c.id().size()).bind(2, static_cast<int64_t>(c.type()));
            ins.bind_blob(3, c.record_id().data(), c.record_id().size()).bind(4, static_cast<int64_t>(c.field()));
            ins.bind_blob(5, w.data(), w.size()).bind_blob(6, l.data(), l.size());
            ins.bind_blob(7, c.winner_device().data(), c.winner_device().size());
            ins.bind_blob(8, c.loser_device().data(), c.loser_device().size());
            ins.bind(9, static_cast<int64_t>(c.winner_hlc())).bind(10, static_cast<int64_t>(c.loser_hlc()));
            ins.run();
        }
        set_local("sync_cursor", std::to_string(resp.cursor()));
        set_local("sync_epoch", resp.epoch());
        store_.persist_clock();
        tx->commit();
        if (!resp.has_more()) break;
    }
    rep.ok = true;
    return rep;
}

// After a history reset the server may lack what it acknowledged before: offer everything again.
void SyncEngine::requeue_everything() {
    auto tx = store_.begin();
    Database& db = store_.db();
    for (const auto& def : all_records()) {
        std::vector<Uuid> ids;
        auto st = db.prepare("SELECT id FROM " + std::string(def.name));
        while (st.step()) {
            auto b = st.blob(0);
            ids.push_back(Uuid::from_bytes(b.data(), b.size()));
        }
        for (const auto& id : ids) {
            for (const auto& rc : store_.snapshot(def.type, id)) {
                std::string payload = rc.SerializeAsString();
                auto ins = db.cached("INSERT INTO outbox(rtype, rid, payload, created_ms) VALUES(?1, ?2, ?3, ?4)");
                ins.bind(1, static_cast<int64_t>(def.type)).bind_blob(2, id.bytes.data(), 16);
                ins.bind_blob(3, payload.data(), payload.size()).bind(4, now_ms());
                ins.run();
            }
        }
    }
    tx->commit();
}

// Records and what is derived from them; the caller holds the transaction.
void SyncEngine::clear_records() {
    Database& db = store_.db();
    for (const auto& def : all_records()) db.exec("DELETE FROM " + std::string(def.name));
    db.exec(
        "DELETE FROM house_label;"
        "INSERT INTO address_fts(address_fts) VALUES('delete-all');"
        "INSERT INTO unit_fts(unit_fts) VALUES('delete-all');");
}

void SyncEngine::wipe() {
    auto tx = store_.begin();
    clear_records();
    store_.db().exec(
        "DELETE FROM outbox; DELETE FROM sync_conflict;"
        "DELETE FROM local_state WHERE key LIKE 'sync_%';");
    tx->commit();
    store_.db().exec("VACUUM");
}

SyncReport SyncEngine::sync_once() {
    std::lock_guard lock(mu_);
    SyncReport rep;
    try {
        if (local("sync_token").empty()) {
            rep.error = "not logged in: log in online once on this device";
            set_local("sync_last_error", rep.error);
            set_state(SyncState::Error);
            return rep;
        }
        SyncReport push = push_all();
        rep.pushed = push.pushed;
        rep.acknowledged = push.acknowledged;
        rep.rejected = push.rejected;
        rep.conflicts = push.conflicts;
        if (!push.ok) {
            rep.offline = push.offline;
            rep.wiped = push.wiped;
            rep.error = push.error;
        } else {
            SyncReport pull = pull_all();
            if (pull.resnapshot) {
                rep.resnapshot = true;
                requeue_everything();
                SyncReport again = push_all();
                if (again.ok) {
                    auto tx = store_.begin();
                    clear_records();
                    set_local("sync_cursor", "0");
                    set_local("sync_epoch", "");
                    tx->commit();
                    pull = pull_all();
                } else {
                    pull = again;
                }
            }
            rep.pulled = pull.pulled;
            rep.offline = pull.offline;
            rep.wiped = pull.wiped;
            rep.error = pull.error;
            rep.ok = pull.ok;
        }
    } catch (const std::exception& e) {
        rep.ok = false;
        rep.error = std::string("sync failed: ") + e.what();
    }
    if (rep.wiped) {
        set_state(SyncState::Error);
        return rep;
    }
    if (rep.ok) {
        set_local("sync_last_success", std::to_string(now_ms()));
        set_local("sync_last_error", "");
    } else {
        set_local("sync_last_error", rep.error);
    }
    int64_t open = store_.db().scalar_int("SELECT count(*) FROM sync_conflict WHERE resolved=0");
    set_state(!rep.ok ? (rep.offline ? SyncState::Offline : SyncState::Error)
                      : (open > 0 ? SyncState::Conflict : SyncState::Idle));
    return rep;
}

SyncStatus SyncEngine::status() {
    SyncStatus s;
    s.state = state_;
    Database& db = store_.db();
    s.pending = db.scalar_int("SELECT count(*) FROM outbox WHERE state='pending'");
    s.rejected = db.scalar_int("SELECT count(*) FROM outbox WHERE state='rejected'");
    s.conflicts = db.scalar_int("SELECT count(*) FROM sync_conflict WHERE resolved=0");
    std::string ls = local("sync_last_success");
    s.last_success_ms = ls.empty() ? 0 : std::stoll(ls);
    std::string cur = local("sync_cursor");
    s.cursor = cur.empty() ? 0 : std::stoull(cur);
    s.epoch = local("sync_epoch");
    s.user = local("sync_user");
    s.last_error = local("sync_last_error");
    auto st = db.prepare("SELECT seq, rtype, rid, reason FROM outbox WHERE state='rejected' ORDER BY seq");
    while (st.step()) {
        auto b = st.blob(2);
        int t = static_cast<int>(st.int64(1));
        std::string name = valid_record_type(t) ? std::string(record_def(static_cast<RecordType>(t)).name) : "?";
        s.rejected_changes.push_back(
            RejectedChange{st.int64(0), name + " " + Uuid::from_bytes(b.data(), b.size()).str(), st.text(3)});
    }
    return s;
}

bool SyncEngine::resolve_conflict(const Uuid& id, Choice choice, const Value& edited) {
    std::lock_guard lock(mu_);
    return resolve_conflict(store_, id, choice, edited);
}

bool SyncEngine::resolve_conflict(Store& store_, const Uuid& id, Choice choice, const Value& edited) {
    auto st = store_.db().cached("SELECT rtype, rid, field, winner, loser, winner_device FROM sync_conflict WHERE id=?1");
    st.bind_blob(1, id.bytes.data(), 16);
    if (!st.step()) return false;
    auto t = static_cast<RecordType>(st.int64(0));
    auto rb = st.blob(1);
    Uuid rid = Uuid::from_bytes(rb.data(), rb.size());
    auto field = static_cast<uint32_t>(st.int64(2));
    pb::Value winner, loser;
    winner.ParseFromString(std::string(st.blob(3)));
    loser.ParseFromString(std::string(st.blob(4)));
    auto wd = st.blob(5);
    bool mine_won = Uuid::from_bytes(wd.data(), wd.size()) == store_.device_id();
    Value chosen;
    switch (choice) {
        case Choice::Mine: chosen = from_proto(mine_won ? winner : loser); break;
        case Choice::Theirs: chosen = from_proto(mine_won ? loser : winner); break;
        case Choice::Edit: chosen = edited; break;
    }
    Change c{t, rid, {FieldSet{field, chosen}}};
    auto res = store_.apply(c);
    if (!res.ok) return false;
    auto up = store_.db().cached("UPDATE sync_conflict SET resolved=1 WHERE id=?1");
    up.bind_blob(1, id.bytes.data(), 16);
    up.run();
    return true;
}

SyncEngine::BreakGlassResult SyncEngine::break_glass(RecordType type, const Uuid& id, const std::string& id_no,
                                                     const std::string& reason) {
    BreakGlassResult out;
    out.type = type;
    pb::BreakGlassRequest req;
    req.set_type(static_cast<pb::RecordType>(type));
    if (!id.is_nil()) req.set_record_id(id.bytes.data(), 16);
    req.set_id_no(id_no);
    req.set_reason(reason);
    // One request at a time on the transport and the store: wait for a running sync.
    std::lock_guard lock(mu_);
    std::string token = local("sync_token");
    HttpResponse r = transport_.post({"/v1/access/break-glass", req.SerializeAsString(), token});
    if (r.status != 200) {
        pb::ErrorBody e;
        e.ParseFromString(r.body);
        out.error = describe(r);
        out.error_zh = r.status == 0 ? "无法连接服务器" : e.zh();
        return out;
    }
    pb::BreakGlassResponse resp;
    if (!resp.ParseFromString(r.body)) {
        out.error = "answer could not be read";
        out.error_zh = "服务器应答无法解析";
        return out;
    }
    for (const auto& f : resp.snapshot().fields()) out.fields.push_back(FieldSet{f.field(), from_proto(f.value())});
    out.expires_at_ms = resp.expires_at_ms();
    out.ok = true;
    return out;
}

void SyncEngine::start(std::function<void(const SyncStatus&)> on_change, int64_t interval_ms) {
    on_change_ = std::move(on_change);
    stopping_ = false;
    worker_ = std::thread([this, interval_ms] {
        std::mt19937_64 rng(std::random_device{}());
        int failures = 0;
        while (true) {
            {
                std::unique_lock lk(wake_mu_);
                // Exponential backoff with full jitter after failures, capped at 10 minutes.
                int64_t wait = interval_ms;
                if (failures > 0) {
                    int64_t cap = std::min<int64_t>(600000, 1000LL << std::min(failures, 9));
                    wait = std::uniform_int_distribution<int64_t>(cap / 2, cap)(rng);
                }
                wake_.wait_for(lk, std::chrono::milliseconds(wait), [this] { return wake_flag_ || stopping_; });
                if (stopping_) return;
                wake_flag_ = false;
            }
            SyncReport r = sync_once();
            failures = r.ok ? 0 : failures + 1;
        }
    });
}

void SyncEngine::request_sync() {
    std::lock_guard lk(wake_mu_);
    wake_flag_ = true;
    wake_.notify_one();
}

void SyncEngine::stop() {
    {
        std::lock_guard lk(wake_mu_);
        stopping_ = true;
        wake_.notify_one();
    }
    if (worker_.joinable()) worker_.join();
}

}  // namespace fieldgrid::sync
