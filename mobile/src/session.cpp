#include "session.h"

#include <QDate>
#include <QJSEngine>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrent>

#include "fieldgrid/records/value_proto.h"
#include "fieldgrid/sync/accounts.h"
#include "fieldgrid/validation/id_number.h"

using namespace fieldgrid;

namespace {

Session* g_instance = nullptr;

QString q(const std::string& s) { return QString::fromStdString(s); }
std::string s(const QString& q) { return q.toStdString(); }

std::optional<Uuid> uuid(const QString& text) { return Uuid::parse(s(text)); }

Uuid blob_uuid(std::string_view b) { return Uuid::from_bytes(b.data(), b.size()); }

QString zh_of(RecordType t, const char* field, const std::string& code) {
    const FieldDef* f = record_def(t).field(field);
    if (!f) return q(code);
    const EnumValue* v = find_enum(*f, code);
    return v ? q(std::string(v->zh)) : q(code);
}

QString issues_zh(const Issues& issues) {
    QStringList out;
    for (const auto& i : issues) {
        // "person.id_no" -> the field's Chinese label.
        QString label;
        auto dot = i.field.find('.');
        if (dot != std::string::npos) {
            if (const RecordDef* d = record_def(i.field.substr(0, dot)))
                if (const FieldDef* f = d->field(i.field.substr(dot + 1))) label = q(std::string(f->zh));
        }
        out << (label.isEmpty() ? q(i.zh) : label + QStringLiteral("：") + q(i.zh));
    }
    return out.join('\n');
}

const char* kRoles[] = {"", "grid_leader", "police", "coordinator", "informant", "office", "admin"};

}  // namespace

Session::Session(QObject* parent) : QObject(parent) { g_instance = this; }

Session::~Session() {
    if (engine_) engine_->stop();
    if (g_instance == this) g_instance = nullptr;
}

Session* Session::instance() { return g_instance; }

Session* Session::create(QQmlEngine*, QJSEngine*) {
    if (!g_instance) {
        auto* session = new Session;
        session->open(qEnvironmentVariable("FIELDGRID_DB", QStringLiteral("fieldgrid-device.db")),
                      qEnvironmentVariable("FIELDGRID_SERVER"), qEnvironmentVariable("FIELDGRID_CA"));
    }
    // One session for the process: engines come and go (tests), the session stays.
    QJSEngine::setObjectOwnership(g_instance, QJSEngine::CppOwnership);
    return g_instance;
}

bool Session::open(const QString& dbPath, const QString& serverUrl, const QString& caFile) {
    if (engine_) engine_->stop();
    engine_.reset();
    dbPath_ = dbPath;
    server_ = serverUrl;
    ca_ = caFile;
    try {
        store_ = Store::open(s(dbPath));
        syncStore_ = Store::open(s(dbPath));
    } catch (const std::exception& e) {
        lastError_ = q(e.what());
        emit syncChanged();
        return false;
    }
    store_->db().exec(
        "CREATE TABLE IF NOT EXISTS app_draft(key TEXT PRIMARY KEY, fields TEXT NOT NULL, saved_ms INTEGER);"
        "CREATE TABLE IF NOT EXISTS app_audit(id INTEGER PRIMARY KEY AUTOINCREMENT, ts_ms INTEGER, username TEXT,"
        " action TEXT, record TEXT);"
        "CREATE TRIGGER IF NOT EXISTS app_audit_no_update BEFORE UPDATE ON app_audit"
        " BEGIN SELECT RAISE(ABORT, 'append-only'); END;"
        "CREATE TRIGGER IF NOT EXISTS app_audit_no_delete BEFORE DELETE ON app_audit"
        " BEGIN SELECT RAISE(ABORT, 'append-only'); END;");
    sync::CurlOptions co;
    co.ca_file = s(caFile);
    transport_ = std::make_unique<sync::CurlTransport>(s(serverUrl), co);
    engine_ = std::make_unique<sync::SyncEngine>(*syncStore_, *transport_);
    refreshSync(localStatus());
    return true;
}

void Session::login(const QString& user, const QString& password) {
    if (!engine_ || busy_) return;
    busy_ = true;
    emit busyChanged();
    QPointer<Session> self(this);
    auto* engine = engine_.get();
    std::string u = s(user), p = s(password);
    bool have_server = !server_.isEmpty();
    // The network call runs on a pool thread: the UI keeps drawing while it waits.
    (void)QtConcurrent::run([self, engine, u, p, have_server] {
        sync::LoginResult r;
        if (have_server) r = engine->login(u, p, "fieldgrid-app");
        else r.offline = true;
        bool offline_ok = false;
        if (!r.ok && r.offline) offline_ok = engine->login_offline(u, p);
        QMetaObject::invokeMethod(
            self.data(),
            [self, r, offline_ok, u] {
                if (!self) return;
                Session& me = *self;
                me.busy_ = false;
                emit me.busyChanged();
                QString message;
                if (r.ok || offline_ok) {
                    me.loggedIn_ = true;
                    me.offline_ = !r.ok;
                    me.user_ = q(u);
                    auto st = me.store_->db().prepare(
                        "SELECT key, value FROM local_state WHERE key IN ('sync_display', 'sync_role')");
                    while (st.step()) {
                        if (st.text_view(0) == "sync_display") me.display_ = q(st.text(1));
                        else {
                            int role = std::atoi(st.text(1).c_str());
                            me.role_ = QString::fromLatin1(role >= 1 && role <= 6 ? kRoles[role] : "");
                        }
                    }
                    emit me.loggedInChanged();
                    me.startSync();
                    message = me.offline_ ? QObject::tr("离线登录：联网后将自动同步") : QString();
                } else if (r.wiped) {
                    message = QObject::tr("此设备已被停用，本机数据已清除");
                } else if (r.offline) {
                    message = QObject::tr("无法连接服务器，且本机尚未在线登录过此账号");
                } else {
                    message = QObject::tr("用户名或密码错误");
                }
                emit me.loginFinished(me.loggedIn_, message);
            },
            Qt::QueuedConnection);
    });
}

void Session::logout() {
    if (engine_) engine_->stop();
    loggedIn_ = false;
    user_.clear();
    display_.clear();
    role_.clear();
    emit loggedInChanged();
}

void Session::startSync() {
    if (!engine_ || server_.isEmpty()) return;
    QPointer<Session> self(this);
    engine_->start(
        [self](const sync::SyncStatus& st) {
            QMetaObject::invokeMethod(
                self.data(), [self, st] {
                    if (self) self->refreshSync(st);
                },
                Qt::QueuedConnection);
        },
        60000);
    engine_->request_sync();
}

void Session::syncNow() {
    if (engine_ && loggedIn_) engine_->request_sync();
}

// The counts as the GUI's own connection sees them: the engine's connection belongs to its worker.
sync::SyncStatus Session::localStatus() {
    sync::SyncStatus st;
    if (!store_) return st;
    Database& db = store_->db();
    st.state = syncState_ == QLatin1String("offline") ? sync::SyncState::Offline
             : syncState_ == QLatin1String("error")   ? sync::SyncState::Error
                                                      : sync::SyncState::Idle;
    st.pending = db.scalar_int("SELECT count(*) FROM outbox WHERE state='pending'");
    st.rejected = db.scalar_int("SELECT count(*) FROM outbox WHERE state='rejected'");
    st.conflicts = db.scalar_int("SELECT count(*) FROM sync_conflict WHERE resolved=0");
    if (st.conflicts > 0 && st.state == sync::SyncState::Idle) st.state = sync::SyncState::Conflict;
    auto last = db.scalar_text("SELECT value FROM local_state WHERE key='sync_last_success'");
    st.last_success_ms = last && !last->empty() ? std::stoll(*last) : 0;
    st.last_error = db.scalar_text("SELECT value FROM local_state WHERE key='sync_last_error'").value_or("");
    return st;
}

void Session::refreshSync(const sync::SyncStatus& st) {
    QString before = syncState_;
    syncState_ = q(std::string(sync::sync_state_name(st.state)));
    pending_ = static_cast<int>(st.pending);
    rejected_ = static_cast<int>(st.rejected);
    conflicts_ = static_cast<int>(st.conflicts);
    lastSuccess_ = st.last_success_ms ? QDateTime::fromMSecsSinceEpoch(st.last_success_ms).toString("yyyy-MM-dd HH:mm")
                                      : QString();
    lastError_ = q(st.last_error);
    emit syncChanged();
    // What the worker pulled becomes visible when it settles.
    if (before == QLatin1String("pulling") && syncState_ != QLatin1String("pulling")) {
        ++dataVersion_;
        emit dataChanged();
    }
}

QString Session::apply(const std::vector<Change>& changes) {
    if (!store_) return tr("数据库未打开");
    ApplyResult r;
    try {
        r = store_->apply(changes);
    } catch (const std::exception& e) {
        // Nothing was written (the transaction rolled back); say so rather than lose the form.
        qWarning("apply failed: %s", e.what());
        return tr("保存失败，请稍后重试（%1）").arg(QString::fromUtf8(e.what()));
    }
    if (!r.ok) return issues_zh(r.issues);
    ++dataVersion_;
    emit dataChanged();
    pending_ = static_cast<int>(store_->stats().outbox_pending);
    emit syncChanged();
    if (engine_ && loggedIn_ && !offline_) engine_->request_sync();
    return {};
}

QVariantMap Session::homeSummary() {
    QVariantMap m;
    if (!store_) return m;
    Database& db = store_->db();
    QStringList grids;
    auto g = db.prepare("SELECT name FROM grid WHERE id IN (SELECT DISTINCT grid_id FROM address) ORDER BY code");
    while (g.step()) grids << q(g.text(0));
    m["grids"] = grids.join(QStringLiteral("、"));
    m["people"] = static_cast<qlonglong>(db.scalar_int("SELECT count(*) FROM residence WHERE status='living'"));
    m["houses"] = static_cast<qlonglong>(db.scalar_int("SELECT count(*) FROM house"));
    m["units"] = static_cast<qlonglong>(db.scalar_int("SELECT count(*) FROM unit"));
    // 每月兜底翻: living residents whose address was visited this month.
    QDate today = QDate::currentDate();
    qint64 month_start = QDateTime(QDate(today.year(), today.month(), 1), QTime(0, 0)).toMSecsSinceEpoch();
    auto sw = db.prepare(
        "SELECT count(*) FROM residence r WHERE r.status='living' AND EXISTS (SELECT 1 FROM visit v"
        " WHERE v.address_id = r.address_id AND v.visited_at >= ?1 AND v.outcome = 'done')");
    sw.bind(1, static_cast<int64_t>(month_start));
    int64_t checked = sw.step() ? sw.int64(0) : 0;
    int64_t living = m["people"].toLongLong();
    m["sweepChecked"] = static_cast<qlonglong>(checked);
    m["sweepPercent"] = living > 0 ? static_cast<int>(100 * checked / living) : 0;
    std::string iso = today.toString(Qt::ISODate).toStdString();
    auto due = db.prepare("SELECT count(*), sum(due_date < ?1) FROM task WHERE status IN ('issued', 'received')");
    due.bind(1, std::string_view(iso));
    if (due.step()) {
        m["tasksOpen"] = static_cast<qlonglong>(due.int64(0));
        m["tasksOverdue"] = static_cast<qlonglong>(due.int64(1));
    }
    m["flagsOpen"] = static_cast<qlonglong>(db.scalar_int("SELECT count(*) FROM flag WHERE status='open'"));
    m["keyHouses"] = static_cast<qlonglong>(db.scalar_int("SELECT count(*) FROM house_label WHERE label='key_house'"));
    m["groupRentals"] =
        static_cast<qlonglong>(db.scalar_int("SELECT count(*) FROM house_label WHERE label='group_rental_suspected'"));
    return m;
}

QVariantMap Session::house(const QString& houseId) {
    QVariantMap m;
    auto id = uuid(houseId);
    if (!store_ || !id) return m;
    auto h = store_->get(RecordType::House, *id);
    if (!h) return m;
    auto addr = h->ref("address_id");
    m["id"] = houseId;
    m["addressId"] = addr ? q(addr->str()) : QString();
    m["address"] = addr ? q(store_->address_text(*addr).value_or("")) : QString();
    m["type"] = zh_of(RecordType::House, "type", h->text("type"));
    m["use"] = zh_of(RecordType::House, "use", h->text("use"));
    m["useCode"] = q(h->text("use"));
    m["labelCodes"] = QString::fromStdString(h->text("labels")).split(',', Qt::SkipEmptyParts);
    m["rooms"] = static_cast<qlonglong>(h->integer("rooms").value_or(0));
    m["area"] = h->real("area_m2").value_or(0);
    m["occupants"] = static_cast<qlonglong>(store_->house_occupants(*id));
    QStringList labels;
    for (const auto& l : store_->house_labels(*id))
        for (const auto& d : derived_house_labels())
            if (d.code == l) labels << q(std::string(d.zh));
    for (const auto& part : QString::fromStdString(h->text("labels")).split(',', Qt::SkipEmptyParts))
        labels << zh_of(RecordType::House, "labels", part.toStdString());
    m["labels"] = labels;
    return m;
}

QVariantList Session::residents(const QString& addressId) {
    QVariantList out;
    auto id = uuid(addressId);
    if (!store_ || !id) return out;
    auto st = store_->db().prepare(
        "WITH RECURSIVE sub(id) AS (SELECT id FROM address WHERE id=?1"
        " UNION ALL SELECT a.id FROM address a JOIN sub ON a.parent_id = sub.id)"
        " SELECT r.id, p.id, p.name, p.id_no, r.category, r.status, r.move_in_date, a._full, p.gender, p.birth_date,"
        " r.verify_state, r.destination, r.leave_date FROM sub JOIN residence r ON r.address_id = sub.id JOIN person p ON p.id = r.person_id"
        " JOIN address a ON a.id = r.address_id ORDER BY r.status <> 'living', a._full, p.name");
    st.bind_blob(1, id->bytes.data(), 16);
    while (st.step()) {
        QVariantMap r;
        r["residenceId"] = q(blob_uuid(st.blob(0)).str());
        r["personId"] = q(blob_uuid(st.blob(1)).str());
        r["name"] = q(st.text(2));
        r["idMasked"] = maskId(q(st.text(3)));
        r["category"] = zh_of(RecordType::Residence, "category", st.text(4));
        r["status"] = st.text(5) == "living" ? tr("在住") : zh_of(RecordType::Residence, "status", st.text(5));
        r["living"] = st.text(5) == "living";
        r["moveIn"] = q(st.text(6));
        r["where"] = q(st.text(7));
        r["gender"] = zh_of(RecordType::Person, "gender", st.text(8));
        r["verified"] = st.text(10) == "verified";
        r["destination"] = q(st.text(11));
        r["leaveDate"] = q(st.text(12));
        out << r;
    }
    return out;
}

QVariantList Session::visits(const QString& houseId) {
    QVariantList out;
    auto id = uuid(houseId);
    if (!store_ || !id) return out;
    auto st = store_->db().prepare(
        "SELECT visitor, visited_at, outcome, notes FROM visit WHERE house_id=?1 ORDER BY visited_at DESC LIMIT 50");
    st.bind_blob(1, id->bytes.data(), 16);
    while (st.step()) {
        QVariantMap v;
        v["visitor"] = q(st.text(0));
        v["when"] = QDateTime::fromMSecsSinceEpoch(st.int64(1)).toString("yyyy-MM-dd HH:mm");
        v["outcome"] = zh_of(RecordType::Visit, "outcome", st.text(2));
        v["notes"] = q(st.text(3));
        out << v;
    }
    return out;
}

QVariantList Session::addressChildren(const QString& addressId) {
    QVariantList out;
    if (!store_) return out;
    auto parent = uuid(addressId);
    auto st = store_->db().prepare(
        std::string("SELECT a.id, a.name, a.level, a._full,"
                    " EXISTS (SELECT 1 FROM address c WHERE c.parent_id = a.id),"
                    " (SELECT h.id FROM house h WHERE h.address_id = a.id LIMIT 1),"
                    " (SELECT count(*) FROM residence r WHERE r.address_id = a.id AND r.status = 'living')"
                    " FROM address a WHERE ") +
        (parent ? "a.parent_id = ?1" : "a.parent_id IS NULL") + " ORDER BY a.number, a.name");
    if (parent) st.bind_blob(1, parent->bytes.data(), 16);
    while (st.step()) {
        QVariantMap a;
        a["id"] = q(blob_uuid(st.blob(0)).str());
        a["name"] = q(st.text(1));
        a["level"] = zh_of(RecordType::Address, "level", st.text(2));
        a["full"] = q(st.text(3));
        a["hasChildren"] = st.int64(4) != 0;
        a["houseId"] = st.is_null(5) ? QString() : q(blob_uuid(st.blob(5)).str());
        a["living"] = static_cast<qlonglong>(st.int64(6));
        out << a;
    }
    return out;
}

QVariantList Session::houses(const QString& label, int limit) {
    QVariantList out;
    if (!store_) return out;
    auto st = store_->db().prepare(
        label.isEmpty()
            ? "SELECT h.id, a._full, h._occupants FROM house h JOIN address a ON a.id = h.address_id"
              " WHERE h._occupants > 0 ORDER BY a._full LIMIT ?1"
            : "SELECT h.id, a._full, h._occupants FROM house_label l JOIN house h ON h.id = l.house_id"
              " JOIN address a ON a.id = h.address_id WHERE l.label = ?2 ORDER BY h._occupants DESC LIMIT ?1");
    st.bind(1, static_cast<int64_t>(limit));
    if (!label.isEmpty()) st.bind(2, std::string_view(s(label)));
    while (st.step()) {
        QVariantMap h;
        h["id"] = q(blob_uuid(st.blob(0)).str());
        h["address"] = q(st.text(1));
        h["occupants"] = static_cast<qlonglong>(st.int64(2));
        out << h;
    }
    return out;
}

QVariantMap Session::checkIdNumber(const QString& idType, const QString& idNo) {
    QVariantMap m;
    auto type = id_type_from_code(s(idType)).value_or(IdType::ResidentId);
    auto c = check_id(type, s(idNo), Date::today_china());
    m["ok"] = c.ok();
    QStringList errors;
    for (const auto& i : c.issues) errors << q(i.zh);
    m["error"] = errors.join('\n');
    if (!c.ok()) return m;
    m["normalized"] = q(c.info->normalized);
    if (c.info->birth) m["birthDate"] = q(c.info->birth->str());
    if (c.info->gender) m["gender"] = c.info->gender == 'm' ? tr("男") : tr("女");
    // Found before saving: the same number already registered, here or elsewhere.
    auto st = store_->db().prepare(
        "SELECT p.id, p.name, (SELECT a._full FROM residence r JOIN address a ON a.id = r.address_id"
        " WHERE r.person_id = p.id ORDER BY r.status <> 'living' LIMIT 1) FROM person p WHERE p.id_no=?1 AND p.id_type=?2");
    st.bind(1, std::string_view(c.info->normalized)).bind(2, id_type_code(type));
    if (st.step()) {
        m["duplicate"] = true;
        m["duplicatePersonId"] = q(blob_uuid(st.blob(0)).str());
        m["duplicateName"] = q(st.text(1));
        m["duplicateAddress"] = q(st.text(2));
    }
    return m;
}

QString Session::maskId(const QString& idNo) const {
    if (idNo.size() <= 8) return idNo;
    return idNo.left(4) + QString(idNo.size() - 8, QChar('*')) + idNo.right(4);
}

bool Session::canUnmask() const {
    return role_ == QLatin1String("police") || role_ == QLatin1String("office") || role_ == QLatin1String("admin");
}

QString Session::unmaskId(const QString& personId) {
    auto id = uuid(personId);
    if (!store_ || !id || !canUnmask()) return {};
    auto p = store_->get(RecordType::Person, *id);
    if (!p) return {};
    auto st = store_->db().prepare("INSERT INTO app_audit(ts_ms, username, action, record) VALUES(?1, ?2, 'unmask', ?3)");
    st.bind(1, now_ms()).bind(2, std::string_view(s(user_))).bind(3, std::string_view(id->str()));
    st.run();
    return q(p->text("id_no"));
}

QString Session::confirmLiving(const QString& residenceId) {
    auto id = uuid(residenceId);
    if (!id) return tr("记录编号无效");
    Change c{RecordType::Residence, *id, {}};
    c.set("status", std::string("living")).set("verify_state", std::string("verified"));
    c.set("verified_by", s(user_)).set("verified_at", now_ms());
    return apply({c});
}

QString Session::moveOut(const QString& residenceId, const QString& date, const QString& destination) {
    auto id = uuid(residenceId);
    if (!id) return tr("记录编号无效");
    Change c{RecordType::Residence, *id, {}};
    c.set("status", std::string("left")).set("leave_date", s(date)).set("destination", s(destination));
    return apply({c});
}

QString Session::addResident(const QString& addressId, const QVariantMap& form) {
    auto addr = uuid(addressId);
    if (!addr) return tr("地址无效");
    std::vector<Change> cs;
    QVariantMap check = checkIdNumber(form.value("idType", "resident_id").toString(), form.value("idNo").toString());
    Uuid person;
    if (check.value("duplicate").toBool()) {
        // The same person registered elsewhere: a new residence for them, no second person.
        person = *uuid(check.value("duplicatePersonId").toString());
    } else {
        Change p{RecordType::Person, new_uuid(), {}};
        p.set("id_type", s(form.value("idType", "resident_id").toString()));
        p.set("id_no", s(form.value("idNo").toString())).set("name", s(form.value("name").toString()));
        if (!form.value("phone").toString().isEmpty()) p.set("phone", s(form.value("phone").toString()));
        person = p.id;
        cs.push_back(std::move(p));
    }
    Change r{RecordType::Residence, new_uuid(), {}};
    r.set("person_id", person).set("address_id", *addr);
    r.set("category", s(form.value("category", "laihu").toString())).set("status", std::string("living"));
    r.set("source", std::string("door_visit")).set("verify_state", std::string("unverified"));
    if (!form.value("moveIn").toString().isEmpty()) r.set("move_in_date", s(form.value("moveIn").toString()));
    cs.push_back(std::move(r));
    return apply(cs);
}

QString Session::flagRefusal(const QString& addressId, const QString& name, const QString& reason) {
    auto addr = uuid(addressId);
    if (!addr) return tr("地址无效");
    Change f{RecordType::Flag, new_uuid(), {}};
    f.set("subject_type", std::string("address")).set("subject_id", *addr);
    f.set("kind", std::string("refused_registration")).set("status", std::string("open"));
    f.set("reason", s(tr("拒绝登记：%1。%2").arg(name, reason))).set("raised_by", s(user_)).set("raised_at", now_ms());
    return apply({f});
}

QString Session::updateHouse(const QString& houseId, const QString& use, const QStringList& labels) {
    auto id = uuid(houseId);
    if (!id) return tr("房屋无效");
    Change c{RecordType::House, *id, {}};
    c.set("use", s(use)).set("labels", s(labels.join(',')));
    c.set("rented", use == QLatin1String("rented") || use == QLatin1String("day_rent") || use == QLatin1String("dormitory"));
    return apply({c});
}

QVariantList Session::houseUses() const {
    QVariantList out;
    for (const auto& v : record_def(RecordType::House).field("use")->values)
        out << QVariantMap{{"code", q(std::string(v.code))}, {"label", q(std::string(v.zh))}};
    return out;
}

QVariantList Session::houseLabelChoices() const {
    QVariantList out;
    for (const auto& v : record_def(RecordType::House).field("labels")->values)
        out << QVariantMap{{"code", q(std::string(v.code))}, {"label", q(std::string(v.zh))}};
    return out;
}

QVariantMap Session::unit(const QString& unitId) {
    QVariantMap m;
    auto id = uuid(unitId);
    if (!store_ || !id) return m;
    auto u = store_->get(RecordType::Unit, *id);
    if (!u) return m;
    m["id"] = unitId;
    m["name"] = q(u->text("name"));
    m["uscc"] = q(u->text("uscc"));
    m["type"] = zh_of(RecordType::Unit, "type", u->text("type"));
    m["industry"] = q(u->text("industry"));
    m["legalRep"] = q(u->text("legal_rep_name"));
    auto a = u->ref("address_id");
    m["address"] = a ? q(store_->address_text(*a).value_or("")) : QString();
    return m;
}

QVariantList Session::roster(const QString& unitId) {
    QVariantList out;
    auto id = uuid(unitId);
    if (!store_ || !id) return out;
    auto st = store_->db().prepare(
        "SELECT p.name, p.id_no, e.position, e.hire_date, e.leave_date, e.lives_on_site, e.verify_state"
        " FROM employment e JOIN person p ON p.id = e.person_id WHERE e.unit_id=?1"
        " ORDER BY e.leave_date IS NOT NULL, p.name");
    st.bind_blob(1, id->bytes.data(), 16);
    while (st.step()) {
        QVariantMap r;
        r["name"] = q(st.text(0));
        r["idMasked"] = maskId(q(st.text(1)));
        r["position"] = q(st.text(2));
        r["hired"] = q(st.text(3));
        r["left"] = q(st.text(4));
        r["livesOnSite"] = st.int64(5) != 0;
        r["verified"] = st.text(6) == "verified";
        out << r;
    }
    return out;
}

QVariantList Session::units(int limit) {
    QVariantList out;
    if (!store_) return out;
    auto st = store_->db().prepare(
        "SELECT u.id, u.name, (SELECT count(*) FROM employment e WHERE e.unit_id = u.id) AS staff FROM unit u"
        " ORDER BY staff DESC, u.name LIMIT ?1");
    st.bind(1, static_cast<int64_t>(limit));
    while (st.step()) {
        out << QVariantMap{{"id", q(blob_uuid(st.blob(0)).str())}, {"name", q(st.text(1))},
                           {"staff", static_cast<qlonglong>(st.int64(2))}};
    }
    return out;
}

QString Session::saveVisit(const QString& houseId, const QString& outcome, const QString& notes, int checked,
                           double lat, double lon) {
    auto id = uuid(houseId);
    if (!id || !store_) return tr("房屋无效");
    auto h = store_->get(RecordType::House, *id);
    if (!h) return tr("房屋不存在");
    Change v{RecordType::Visit, new_uuid(), {}};
    v.set("address_id", *h->ref("address_id")).set("house_id", *id).set("visitor", s(user_.isEmpty() ? display_ : user_));
    v.set("visited_at", now_ms()).set("outcome", s(outcome)).set("notes", s(notes));
    v.set("residents_checked", static_cast<int64_t>(checked));
    if (!qIsNaN(lat) && !qIsNaN(lon)) v.set("lat", lat).set("lon", lon);
    return apply({v});
}

QVariantList Session::conflicts() {
    QVariantList out;
    if (!store_) return out;
    auto st = store_->db().prepare(
        "SELECT id, rtype, rid, field, winner, loser, winner_device FROM sync_conflict WHERE resolved=0 ORDER BY id");
    Uuid me = store_->device_id();
    while (st.step()) {
        QVariantMap c;
        auto t = static_cast<RecordType>(st.int64(1));
        const auto& def = record_def(t);
        const FieldDef* f = def.field_by_number(static_cast<uint32_t>(st.int64(3)));
        fieldgrid::v1::Value w, l;
        w.ParseFromString(std::string(st.blob(4)));
        l.ParseFromString(std::string(st.blob(5)));
        bool mine_won = blob_uuid(st.blob(6)) == me;
        c["id"] = q(blob_uuid(st.blob(0)).str());
        c["record"] = q(std::string(def.zh));
        auto rec = store_->get(t, blob_uuid(st.blob(2)));
        c["recordName"] = rec ? q(rec->text("name")) : QString();
        c["field"] = f ? q(std::string(f->zh)) : QString::number(st.int64(3));
        c["mine"] = q(value_text(from_proto(mine_won ? w : l)));
        c["theirs"] = q(value_text(from_proto(mine_won ? l : w)));
        out << c;
    }
    return out;
}

QVariantList Session::rejected() {
    QVariantList out;
    if (!engine_) return out;
    auto st = store_->db().prepare("SELECT seq, rtype, reason FROM outbox WHERE state='rejected' ORDER BY seq");
    while (st.step()) {
        QVariantMap r;
        r["seq"] = static_cast<qlonglong>(st.int64(0));
        int t = static_cast<int>(st.int64(1));
        r["record"] = valid_record_type(t) ? q(std::string(record_def(static_cast<RecordType>(t)).zh)) : QString();
        QStringList zh;
        for (const auto& line : q(st.text(2)).split('\n', Qt::SkipEmptyParts)) zh << line.section(QStringLiteral(" / "), 1);
        r["reason"] = zh.join('\n');
        out << r;
    }
    return out;
}

QVariantList Session::flags() {
    QVariantList out;
    if (!store_) return out;
    auto st = store_->db().prepare(
        "SELECT f.id, f.subject_type, f.subject_id, f.kind, f.reason, f.raised_by, f.raised_at,"
        " coalesce((SELECT name FROM person WHERE id = f.subject_id), ''),"
        " coalesce((SELECT _full FROM address WHERE id = f.subject_id),"
        "          (SELECT a._full FROM house h JOIN address a ON a.id = h.address_id WHERE h.id = f.subject_id),"
        "          (SELECT a._full FROM residence r JOIN address a ON a.id = r.address_id WHERE r.person_id = f.subject_id"
        "           ORDER BY r.status <> 'living' LIMIT 1), '')"
        " FROM flag f WHERE f.status = 'open' ORDER BY f.raised_at DESC");
    while (st.step()) {
        QVariantMap f;
        f["id"] = q(blob_uuid(st.blob(0)).str());
        f["subjectType"] = zh_of(RecordType::Flag, "subject_type", st.text(1));
        f["kind"] = zh_of(RecordType::Flag, "kind", st.text(3));
        f["reason"] = q(st.text(4));
        f["raisedBy"] = q(st.text(5));
        f["raisedAt"] = QDateTime::fromMSecsSinceEpoch(st.int64(6)).toString("yyyy-MM-dd HH:mm");
        f["name"] = q(st.text(7));
        f["where"] = q(st.text(8));
        out << f;
    }
    return out;
}

QString Session::verifyFlag(const QString& flagId, const QString& outcome, const QString& notes) {
    if (role_ != QLatin1String("police") && role_ != QLatin1String("admin")) return tr("仅社区民警可核查");
    auto id = uuid(flagId);
    if (!id) return tr("记录编号无效");
    Change c{RecordType::Flag, *id, {}};
    c.set("status", s(outcome)).set("outcome", s(notes)).set("verified_by", s(user_)).set("verified_at", now_ms());
    return apply({c});
}

void Session::breakGlass(const QString& idNo, const QString& reason) {
    QPointer<Session> self(this);
    if (role_ != QLatin1String("police")) {
        QVariantMap r{{"ok", false}, {"error", tr("仅社区民警可越权查询")}};
        QMetaObject::invokeMethod(this, [self, r] { if (self) emit self->breakGlassFinished(r); }, Qt::QueuedConnection);
        return;
    }
    if (reason.trimmed().size() < 4) {
        QVariantMap r{{"ok", false}, {"error", tr("请填写查询事由")}};
        QMetaObject::invokeMethod(this, [self, r] { if (self) emit self->breakGlassFinished(r); }, Qt::QueuedConnection);
        return;
    }
    auto* engine = engine_.get();
    std::string n = s(idNo.trimmed()), why = s(reason);
    (void)QtConcurrent::run([self, engine, n, why] {
        auto res = engine->break_glass(RecordType::Person, Uuid{}, n, why);
        QMetaObject::invokeMethod(
            self.data(),
            [self, res] {
                if (!self) return;
                QVariantMap r;
                r["ok"] = res.ok;
                r["error"] = q(res.error_zh);
                QVariantList fields;
                const auto& def = record_def(RecordType::Person);
                for (const auto& f : res.fields) {
                    const FieldDef* fd = def.field_by_number(f.field);
                    if (!fd) continue;
                    std::string text = value_text(f.value);
                    if (fd->type == FieldType::Enum) text = s(zh_of(RecordType::Person, std::string(fd->name).c_str(), text));
                    fields << QVariantMap{{"label", q(std::string(fd->zh))}, {"value", q(text)}};
                }
                r["fields"] = fields;
                r["expires"] = res.expires_at_ms ? QDateTime::fromMSecsSinceEpoch(res.expires_at_ms).toString("HH:mm") : QString();
                emit self->breakGlassFinished(r);
            },
            Qt::QueuedConnection);
    });
}

QVariantList Session::tasks() {
    QVariantList out;
    if (!store_) return out;
    std::string today = QDate::currentDate().toString(Qt::ISODate).toStdString();
    auto st = store_->db().prepare(
        "SELECT id, number, title, kind, status, due_date, feedback, issued_by FROM task"
        " ORDER BY status IN ('answered', 'closed'), due_date");
    while (st.step()) {
        QVariantMap t;
        t["id"] = q(blob_uuid(st.blob(0)).str());
        t["number"] = q(st.text(1));
        t["title"] = q(st.text(2));
        t["kind"] = zh_of(RecordType::Task, "kind", st.text(3));
        t["status"] = zh_of(RecordType::Task, "status", st.text(4));
        bool open = st.text(4) == "issued" || st.text(4) == "received";
        t["open"] = open;
        t["received"] = st.text(4) == "received";
        t["due"] = q(st.text(5));
        t["overdue"] = open && !st.text(5).empty() && st.text(5) < today;
        t["feedback"] = q(st.text(6));
        t["issuedBy"] = q(st.text(7));
        out << t;
    }
    return out;
}

QString Session::receiveTask(const QString& taskId) {
    auto id = uuid(taskId);
    if (!id) return tr("记录编号无效");
    Change c{RecordType::Task, *id, {}};
    c.set("status", std::string("received")).set("assignee", s(user_));
    return apply({c});
}

QString Session::answerTask(const QString& taskId, const QString& feedback) {
    auto id = uuid(taskId);
    if (!id) return tr("记录编号无效");
    if (feedback.trimmed().isEmpty()) return tr("请填写反馈");
    Change c{RecordType::Task, *id, {}};
    c.set("status", std::string("answered")).set("feedback", s(feedback)).set("closed_at", now_ms());
    return apply({c});
}

QString Session::resolveConflict(const QString& conflictId, const QString& choice, const QString& edited) {
    auto id = uuid(conflictId);
    if (!id || !store_) return tr("冲突编号无效");
    auto c = choice == QLatin1String("mine")     ? sync::SyncEngine::Choice::Mine
             : choice == QLatin1String("theirs") ? sync::SyncEngine::Choice::Theirs
                                                 : sync::SyncEngine::Choice::Edit;
    if (!sync::SyncEngine::resolve_conflict(*store_, *id, c, Value(s(edited)))) return tr("无法保存所选的值");
    ++dataVersion_;
    emit dataChanged();
    if (engine_ && loggedIn_) engine_->request_sync();
    refreshSync(localStatus());
    return {};
}

void Session::saveDraft(const QString& key, const QVariantMap& fields) {
    if (!store_) return;
    auto json = QJsonDocument(QJsonObject::fromVariantMap(fields)).toJson(QJsonDocument::Compact).toStdString();
    auto st = store_->db().prepare(
        "INSERT INTO app_draft(key, fields, saved_ms) VALUES(?1, ?2, ?3)"
        " ON CONFLICT(key) DO UPDATE SET fields=excluded.fields, saved_ms=excluded.saved_ms");
    st.bind(1, std::string_view(s(key))).bind(2, std::string_view(json)).bind(3, now_ms());
    st.run();
}

QVariantMap Session::draft(const QString& key) {
    if (!store_) return {};
    auto st = store_->db().prepare("SELECT fields FROM app_draft WHERE key=?1");
    st.bind(1, std::string_view(s(key)));
    if (!st.step()) return {};
    return QJsonDocument::fromJson(QByteArray::fromStdString(st.text(0))).object().toVariantMap();
}

void Session::clearDraft(const QString& key) {
    if (!store_) return;
    auto st = store_->db().prepare("DELETE FROM app_draft WHERE key=?1");
    st.bind(1, std::string_view(s(key)));
    st.run();
}
