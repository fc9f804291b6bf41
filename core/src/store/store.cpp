#include "fieldgrid/store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <map>
#include <fstream>
#include <unordered_map>

#include "fieldgrid/records/value_proto.h"
#include "fieldgrid/search/pinyin.h"
#include "fieldgrid/v1/change.pb.h"
#include "internal.h"

namespace fieldgrid {

using detail::Row;

struct Store::Impl {
    std::unique_ptr<Database> db;
    StoreOptions opt;
    HlcClock clock{now_ms};
    Uuid device;
    uint32_t device_idx = 0;
    std::vector<std::string> upsert_sql;  // by RecordType
    std::unordered_map<Uuid, uint32_t, UuidHash> device_index;  // devices table, cached
    std::unordered_map<uint32_t, Uuid> device_by_index;

    uint32_t index_of(const Uuid& dev) {
        auto it = device_index.find(dev);
        if (it != device_index.end()) return it->second;
        auto sel = db->cached("SELECT idx FROM devices WHERE uuid=?1");
        sel.bind_blob(1, dev.bytes.data(), 16);
        uint32_t idx;
        if (sel.step()) {
            idx = static_cast<uint32_t>(sel.int64(0));
        } else {
            auto ins = db->cached("INSERT INTO devices(uuid) VALUES(?1)");
            ins.bind_blob(1, dev.bytes.data(), 16);
            ins.run();
            idx = static_cast<uint32_t>(sqlite3_last_insert_rowid(db->handle()));
        }
        device_index.emplace(dev, idx);
        device_by_index.emplace(idx, dev);
        return idx;
    }

    Uuid uuid_of(uint32_t idx) {
        if (idx == 0) return Uuid{};
        auto it = device_by_index.find(idx);
        if (it != device_by_index.end()) return it->second;
        auto sel = db->cached("SELECT uuid FROM devices WHERE idx=?1");
        sel.bind(1, static_cast<int64_t>(idx));
        Uuid u;
        if (sel.step()) {
            auto b = sel.blob(0);
            u = Uuid::from_bytes(b.data(), b.size());
        }
        device_by_index.emplace(idx, u);
        device_index.emplace(u, idx);
        return u;
    }

    // A unit's old name leaves its full-text index before the row changes (external content).
    void drop_unit_text(const Uuid& id, const Row& before) {
        auto* old = std::get_if<std::string>(&before.values[static_cast<size_t>(record_def(RecordType::Unit).slot_of("name"))]);
        detail::update_unit_text(*db, id, old ? *old : std::string(), true);
    }

    // Search keys, address text and house labels after a row write.
    void derive(const RecordDef& def, const Uuid& id, const Row& before, const Record& rec,
                const std::vector<bool>& changed) {
        Database& d = *db;
        std::unordered_set<Uuid, UuidHash> houses;
        switch (def.type) {
            case RecordType::Address:
                if (changed[static_cast<size_t>(def.slot_of("name"))] ||
                    changed[static_cast<size_t>(def.slot_of("parent_id"))] ||
                    changed[static_cast<size_t>(def.slot_of("level"))]) {
                    detail::update_address_text(d, id, before.exists);
                    detail::houses_above(d, id, houses);
                }
                break;
            case RecordType::Unit: detail::update_unit_text(d, id, "", false); break;
            case RecordType::House:
                houses.insert(id);
                if (before.exists)
                    if (auto old = std::get_if<Uuid>(&before.values[0])) detail::houses_above(d, *old, houses);
                break;
            case RecordType::Residence:
                if (auto a = rec.ref("address_id")) detail::houses_above(d, *a, houses);
                if (before.exists)
                    if (auto old = std::get_if<Uuid>(&before.values[1])) detail::houses_above(d, *old, houses);
                break;
            default: break;
        }
        for (const auto& h : houses) detail::recompute_house_labels(d, h);
    }

    void prepare_sql() {
        upsert_sql.assign(kRecordTypeCount + 1, {});
        for (const auto& def : all_records()) {
            std::string cols = "id", vals = "?1", set;
            int i = 2;
            for (const auto& f : def.fields) {
                cols += ", " + std::string(f.name);
                vals += ", ?" + std::to_string(i++);
                set += std::string(set.empty() ? "" : ", ") + std::string(f.name) + "=excluded." +
                       std::string(f.name);
            }
            cols += ", _meta";
            vals += ", ?" + std::to_string(i++);
            set += ", _meta=excluded._meta";
            // Derived search keys ride along in the same row write.
            for (auto extra : derived_columns(def.type)) {
                cols += ", " + std::string(extra);
                vals += ", ?" + std::to_string(i++);
                set += ", " + std::string(extra) + "=excluded." + std::string(extra);
            }
            upsert_sql[static_cast<size_t>(def.type)] = "INSERT INTO " + std::string(def.name) + "(" +
                                                        cols + ") VALUES(" + vals +
                                                        ") ON CONFLICT(id) DO UPDATE SET " + set;
        }
    }

    static std::vector<std::string_view> derived_columns(RecordType t) {
        if (t == RecordType::Person) return {"_py", "_ini"};
        return {};
    }

    std::unordered_map<uint64_t, std::string> update_sql;  // by type and changed-column mask

    // An existing row: update only the columns that changed, so untouched indexes stay as they are.
    void update_row(const RecordDef& def, const Uuid& id, const std::vector<Value>& values,
                    const std::vector<FieldMeta>& meta, const std::vector<bool>& changed) {
        uint64_t mask = 0;
        for (size_t s = 0; s < changed.size(); ++s)
            if (changed[s]) mask |= uint64_t{1} << s;
        bool keys = def.type == RecordType::Person && changed[static_cast<size_t>(def.slot_of("name"))];
        uint64_t key = (static_cast<uint64_t>(def.type) << 56) | (keys ? uint64_t{1} << 55 : 0) | mask;
        std::string& sql = update_sql[key];
        if (sql.empty()) {
            sql = "UPDATE " + std::string(def.name) + " SET _meta=?1";
            int i = 2;
            for (size_t s = 0; s < def.fields.size(); ++s)
                if (changed[s]) sql += ", " + std::string(def.fields[s].name) + "=?" + std::to_string(i++);
            if (keys) {
                sql += ", _py=?" + std::to_string(i++);
                sql += ", _ini=?" + std::to_string(i++);
            }
            sql += " WHERE id=?" + std::to_string(i);
        }
        auto st = db->cached(sql);
        std::string m = detail::encode_meta(meta);
        st.bind_blob(1, m.data(), m.size());
        int i = 2;
        for (size_t s = 0; s < def.fields.size(); ++s)
            if (changed[s]) detail::bind_value(st.statement(), i++, values[s]);
        if (keys) {
            auto* name = std::get_if<std::string>(&values[static_cast<size_t>(def.slot_of("name"))]);
            NamePinyin py = name_pinyin(name ? *name : std::string());
            st.bind(i++, std::string_view(py.full));
            st.bind(i++, std::string_view(py.initials));
        }
        st.bind_blob(i, id.bytes.data(), 16);
        st.run();
    }

    void write_row(const RecordDef& def, const Uuid& id, const std::vector<Value>& values,
                   const std::vector<FieldMeta>& meta) {
        auto st = db->cached(upsert_sql[static_cast<size_t>(def.type)]);
        st.bind_blob(1, id.bytes.data(), 16);
        int i = 2;
        for (const auto& v : values) detail::bind_value(st.statement(), i++, v);
        std::string m = detail::encode_meta(meta);
        st.bind_blob(i++, m.data(), m.size());
        if (def.type == RecordType::Person) {
            auto* name = std::get_if<std::string>(&values[static_cast<size_t>(def.slot_of("name"))]);
            NamePinyin py = name_pinyin(name ? *name : std::string());
            st.bind(i++, std::string_view(py.full));
            st.bind(i++, std::string_view(py.initials));
        }
        st.run();
    }
};

namespace {

bool file_has_sqlite_header(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char head[16] = {};
    in.read(head, 16);
    return in.gcount() == 16 && std::memcmp(head, "SQLite format 3\0", 16) == 0;
}

bool is_damage(int code) {
    int primary = code & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;
}

}  // namespace

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

std::unique_ptr<Store> Store::open(const std::string& path, StoreOptions options) {
    namespace fs = std::filesystem;
    std::error_code ec;
    bool exists = fs::exists(path, ec);
    uintmax_t size = exists ? fs::file_size(path, ec) : 0;
    if (!exists && !options.create)
        throw StoreError(StoreError::Code::NotFound, path + ": no such database");
    if (exists && fs::is_directory(path, ec))
        throw StoreError(StoreError::Code::Io, path + ": is a directory, not a database file");
    if (exists && size > 0 && !file_has_sqlite_header(path))
        throw StoreError(StoreError::Code::NotFieldgrid,
                         path + ": not a fieldgrid database (not an SQLite file); left untouched");

    auto impl = std::make_unique<Impl>();
    impl->opt = options;
    try {
        impl->db = std::make_unique<Database>(path, Database::Mode::ReadWriteCreate);
        Database& db = *impl->db;
        // Reading the schema detects a damaged header or schema before anything is written.
        int64_t tables = db.scalar_int("SELECT count(*) FROM sqlite_master");
        int64_t app_id = db.scalar_int("PRAGMA application_id");
        int version = static_cast<int>(db.scalar_int("PRAGMA user_version"));
        if (tables > 0 && app_id != kApplicationId)
            throw StoreError(StoreError::Code::NotFieldgrid,
                             path + ": not a fieldgrid database (another application's SQLite "
                                    "file); left untouched");
        if (version > kSchemaVersion)
            throw StoreError(StoreError::Code::TooNew,
                             path + ": schema version " + std::to_string(version) +
                                 " is newer than this program supports (" +
                                 std::to_string(kSchemaVersion) + "); update fieldgrid");
        db.exec("PRAGMA journal_mode=WAL");
        db.exec("PRAGMA synchronous=FULL");
        db.exec("PRAGMA foreign_keys=OFF");
        db.exec("PRAGMA cache_size=-65536");
        db.exec("PRAGMA temp_store=MEMORY");

        int target = options.target_version < 0 ? kSchemaVersion : options.target_version;
        int from = version;
        for (int v = version + 1; v <= target; ++v) {
            Transaction tx(db);
            if (v == 1) {
                db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
                detail::run_migration(db, 1);
                Uuid dev = new_uuid();
                auto st = db.prepare("INSERT INTO local_state(key, value) VALUES('device_id', ?1)");
                st.bind_blob(1, dev.bytes.data(), 16);
                st.run();
                db.exec("INSERT INTO local_state(key, value) VALUES('hlc', 0)");
                auto ins = db.prepare("INSERT INTO devices(uuid) VALUES(?1)");
                ins.bind_blob(1, dev.bytes.data(), 16);
                ins.run();
            } else {
                detail::run_migration(db, v);
            }
            tx.commit();
        }

        {
            auto st = db.prepare("SELECT value FROM local_state WHERE key='device_id'");
            if (!st.step()) throw StoreError(StoreError::Code::Damaged, path + ": device id missing");
            auto b = st.blob(0);
            impl->device = Uuid::from_bytes(b.data(), b.size());
        }
        {
            auto st = db.prepare("SELECT idx FROM devices WHERE uuid=?1");
            st.bind_blob(1, impl->device.bytes.data(), 16);
            if (!st.step()) throw StoreError(StoreError::Code::Damaged, path + ": device row missing");
            impl->device_idx = static_cast<uint32_t>(st.int64(0));
        }
        Hlc last = static_cast<Hlc>(db.scalar_int("SELECT value FROM local_state WHERE key='hlc'"));
        impl->clock = HlcClock(options.clock, last);
        impl->prepare_sql();
        std::unique_ptr<Store> store(new Store(std::move(impl)));
        if (from >= 1 && from < 2 && target >= 2) store->rebuild_derived();
        return store;
    } catch (const SqliteError& e) {
        if (is_damage(e.code()))
            throw StoreError(StoreError::Code::Damaged,
                             path + ": database file is damaged (" + e.what() + "); left untouched");
        throw StoreError(StoreError::Code::Io, path + ": " + e.what());
    }
}

ApplyResult Store::apply(std::span<const Change> changes) {
    ApplyResult res;
    Impl& im = *impl_;
    Database& db = *im.db;
    const Date today = im.opt.today();
    const int64_t wall = im.opt.clock();
    Transaction tx(db);
    // Another connection to this file (the sync worker) may have moved the clock on.
    {
        auto st = db.cached("SELECT value FROM local_state WHERE key='hlc'");
        if (st.step()) im.clock.observe(static_cast<Hlc>(st.int64(0)));
    }
    const Hlc hlc = im.clock.now();
    std::unordered_set<Uuid, UuidHash> houses;
    std::unordered_map<Uuid, std::vector<Uuid>, UuidHash> houses_by_address;  // per-apply cache
    auto add_houses_for = [&](const Uuid& address) {
        auto it = houses_by_address.find(address);
        if (it == houses_by_address.end()) {
            std::unordered_set<Uuid, UuidHash> found;
            detail::houses_above(db, address, found);
            it = houses_by_address.emplace(address, std::vector<Uuid>(found.begin(), found.end())).first;
        }
        houses.insert(it->second.begin(), it->second.end());
    };

    auto fail = [&](Issues issues) {
        res.ok = false;
        res.issues = std::move(issues);
        res.first_seq = res.last_seq = 0;
        res.records_changed = 0;
        return res;  // the transaction rolls back when it goes out of scope
    };

    detail::ApplyCache cache;
    fieldgrid::v1::RecordChange payload;
    std::string payload_bytes;
    for (const Change& ch : changes) {
        if (!valid_record_type(static_cast<int>(ch.type)))
            return fail({Issue{"record", "record.type", "未知的记录类型",
                               "unknown record type " + std::to_string(int(ch.type))}});
        const RecordDef& def = record_def(ch.type);
        std::string rname(def.name);
        if (ch.id.is_nil())
            return fail({Issue{rname + ".id", "required", "记录缺少编号", "record id is missing"}});

        Row before = detail::read_row(db, def, ch.id);
        Record rec{def.type, ch.id, before.exists ? before.values : std::vector<Value>(def.fields.size())};
        Issues issues;
        for (const auto& fs : ch.fields) {
            int slot = def.slot_of(fs.field);
            if (slot < 0) {
                issues.push_back(Issue{rname + "." + std::to_string(fs.field), "field.unknown",
                                       "未知字段", "unknown field number " + std::to_string(fs.field)});
                continue;
            }
            Value v = fs.value;
            auto fi = detail::check_field(def, def.fields[static_cast<size_t>(slot)], v, today, wall);
            issues.insert(issues.end(), fi.begin(), fi.end());
            rec.values[static_cast<size_t>(slot)] = std::move(v);
        }
        if (!issues.empty()) return fail(std::move(issues));
        issues = detail::validate_record(db, cache, def, rec, before, today, wall);
        if (!issues.empty()) return fail(std::move(issues));

        std::vector<FieldMeta> meta =
            before.exists ? before.meta : std::vector<FieldMeta>(def.fields.size());
        payload.Clear();
        payload.set_type(static_cast<fieldgrid::v1::RecordType>(def.type));
        payload.set_id(ch.id.bytes.data(), 16);
        std::vector<bool> changed(def.fields.size(), false);
        bool any = false;
        for (size_t s = 0; s < def.fields.size(); ++s) {
            const Value& now_v = rec.values[s];
            bool diff = before.exists ? !(now_v == before.values[s]) : !is_null(now_v);
            if (!diff) continue;
            changed[s] = any = true;
            meta[s] = FieldMeta{hlc, im.device_idx};
            auto* fc = payload.add_fields();
            fc->set_field(def.fields[s].number);
            fc->set_hlc(hlc);
            to_proto(now_v, fc->mutable_value());
        }
        if (!any) continue;  // setting values a record already has is not a change

        if (def.type == RecordType::Unit && before.exists) im.drop_unit_text(ch.id, before);
        if (before.exists) im.update_row(def, ch.id, rec.values, meta, changed);
        else im.write_row(def, ch.id, rec.values, meta);
        cache.known.insert(ch.id);
        if (def.type == RecordType::Address) cache.levels[ch.id] = rec.text("level");
        if (def.type == RecordType::Person && !before.exists) cache.new_persons.insert(ch.id);
        if (def.type == RecordType::Residence) {
            auto pid = rec.ref("person_id"), aid = rec.ref("address_id");
            if (pid && aid) cache.new_residences[pid->str() + aid->str()] = ch.id;
            if (pid && rec.text("status") == "living" && rec.text("category") == "huji")
                cache.new_huji[*pid] = ch.id;
        }

        payload.SerializeToString(&payload_bytes);
        auto ob = db.cached(
            "INSERT INTO outbox(rtype, rid, payload, created_ms, base_seq) VALUES(?1, ?2, ?3, ?4,"
            " coalesce((SELECT value FROM local_state WHERE key='sync_cursor'), 0))");
        ob.bind(1, static_cast<int64_t>(def.type));
        ob.bind_blob(2, ch.id.bytes.data(), 16);
        ob.bind_blob(3, payload_bytes.data(), payload_bytes.size());
        ob.bind(4, wall);
        ob.run();
        int64_t seq = sqlite3_last_insert_rowid(db.handle());
        if (!res.first_seq) res.first_seq = seq;
        res.last_seq = seq;
        ++res.records_changed;

        // Derived data: search keys and the houses whose labels may move.
        switch (def.type) {
            case RecordType::Address: {
                bool shape = changed[static_cast<size_t>(def.slot_of("name"))] ||
                             changed[static_cast<size_t>(def.slot_of("parent_id"))] ||
                             changed[static_cast<size_t>(def.slot_of("level"))];
                if (shape) {
                    detail::update_address_text(db, ch.id, before.exists);
                    houses_by_address.clear();
                    add_houses_for(ch.id);
                }
                break;
            }
            case RecordType::Unit:
                detail::update_unit_text(db, ch.id, "", false);
                break;
            case RecordType::House:
                houses.insert(ch.id);
                if (before.exists) {
                    if (auto old = std::get_if<Uuid>(&before.values[0])) add_houses_for(*old);
                }
                break;
            case RecordType::Residence: {
                if (auto a = rec.ref("address_id")) add_houses_for(*a);
                if (before.exists)
                    if (auto old = std::get_if<Uuid>(&before.values[1])) add_houses_for(*old);
                break;
            }
            default: break;
        }
    }
    for (const auto& h : houses) detail::recompute_house_labels(db, h);

    auto clk = db.cached("UPDATE local_state SET value=?1 WHERE key='hlc'");
    clk.bind(1, static_cast<int64_t>(im.clock.last()));
    clk.run();
    tx.commit();
    res.ok = true;
    return res;
}

std::optional<Record> Store::get(RecordType type, const Uuid& id) {
    const RecordDef& def = record_def(type);
    Row row = detail::read_row(*impl_->db, def, id);
    if (!row.exists) return std::nullopt;
    return Record{type, id, std::move(row.values)};
}

std::vector<Store::FieldMeta> Store::meta(RecordType type, const Uuid& id) {
    return detail::read_row(*impl_->db, record_def(type), id).meta;
}

Stats Store::stats() {
    Stats s;
    Database& db = *impl_->db;
    for (const auto& def : all_records())
        s.counts[static_cast<size_t>(def.type)] =
            db.scalar_int("SELECT count(*) FROM " + std::string(def.name));
    s.residents_living = db.scalar_int("SELECT count(*) FROM residence WHERE status='living'");
    auto st = db.prepare("SELECT label, count(*) FROM house_label GROUP BY label");
    while (st.step()) {
        auto l = st.text_view(0);
        if (l == kLabelKeyHouse) s.key_houses = st.int64(1);
        else if (l == kLabelGroupRental) s.group_rental_suspected = st.int64(1);
        else if (l == kLabelConcentratedRental) s.concentrated_rental = st.int64(1);
    }
    s.outbox_pending = db.scalar_int("SELECT count(*) FROM outbox WHERE state='pending'");
    s.file_bytes = db.scalar_int("PRAGMA page_count") * db.scalar_int("PRAGMA page_size");
    return s;
}

std::vector<std::string> Store::house_labels(const Uuid& house_id) {
    std::vector<std::string> out;
    auto st = impl_->db->cached("SELECT label FROM house_label WHERE house_id=?1 ORDER BY label");
    st.bind_blob(1, house_id.bytes.data(), 16);
    while (st.step()) out.push_back(st.text(0));
    return out;
}

int64_t Store::house_occupants(const Uuid& house_id) {
    auto st = impl_->db->cached("SELECT _occupants FROM house WHERE id=?1");
    st.bind_blob(1, house_id.bytes.data(), 16);
    return st.step() ? st.int64(0) : 0;
}

std::optional<std::string> Store::address_text(const Uuid& address_id) {
    auto st = impl_->db->cached("SELECT _full FROM address WHERE id=?1");
    st.bind_blob(1, address_id.bytes.data(), 16);
    if (!st.step() || st.is_null(0)) return std::nullopt;
    return st.text(0);
}

Uuid Store::device_id() const { return impl_->device; }

std::unique_ptr<Transaction> Store::begin() { return std::make_unique<Transaction>(*impl_->db); }

void Store::observe(Hlc remote) { impl_->clock.observe(remote); }

void Store::persist_clock() {
    {
        auto st = impl_->db->cached("SELECT value FROM local_state WHERE key='hlc'");
        if (st.step()) impl_->clock.observe(static_cast<Hlc>(st.int64(0)));
    }
    auto clk = impl_->db->cached("UPDATE local_state SET value=?1 WHERE key='hlc'");
    clk.bind(1, static_cast<int64_t>(impl_->clock.last()));
    clk.run();
}

Uuid Store::device_uuid(uint32_t device_index) { return impl_->uuid_of(device_index); }

std::vector<fieldgrid::v1::RecordChange> Store::snapshot(RecordType type, const Uuid& id) {
    std::vector<fieldgrid::v1::RecordChange> out;
    auto rec = get(type, id);
    if (!rec) return out;
    auto m = meta(type, id);
    const auto& def = record_def(type);
    std::map<uint32_t, size_t> by_device;  // device index -> position in out
    for (size_t s = 0; s < def.fields.size(); ++s) {
        if (is_null(rec->values[s]) || m[s].hlc == 0) continue;
        auto [it, fresh] = by_device.emplace(m[s].device, out.size());
        if (fresh) {
            auto& c = out.emplace_back();
            c.set_type(static_cast<fieldgrid::v1::RecordType>(type));
            c.set_id(id.bytes.data(), 16);
            Uuid origin = impl_->uuid_of(m[s].device);
            c.set_origin_device(origin.bytes.data(), 16);
        }
        auto* f = out[it->second].add_fields();
        f->set_field(def.fields[s].number);
        f->set_hlc(m[s].hlc);
        to_proto(rec->values[s], f->mutable_value());
    }
    return out;
}

namespace {

// (HLC, device) order: the larger pair wins a field.
bool newer(Hlc a_hlc, const Uuid& a_dev, Hlc b_hlc, const Uuid& b_dev) {
    if (a_hlc != b_hlc) return a_hlc > b_hlc;
    return b_dev < a_dev;
}

}  // namespace

Store::MergeOutcome Store::merge(const fieldgrid::v1::RecordChange& change, MergeMode mode) {
    MergeOutcome out;
    Impl& im = *impl_;
    Database& db = *im.db;
    auto fail = [&](Issue i) {
        out.ok = false;
        out.issues.push_back(std::move(i));
        return out;
    };
    if (!valid_record_type(static_cast<int>(change.type())))
        return fail(Issue{"record", "record.type", "未知的记录类型",
                          "unknown record type " + std::to_string(int(change.type()))});
    const RecordDef& def = record_def(static_cast<RecordType>(change.type()));
    std::string rname(def.name);
    Uuid id = Uuid::from_bytes(change.id().data(), change.id().size());
    if (id.is_nil()) return fail(Issue{rname + ".id", "required", "记录缺少编号", "record id must be 16 bytes"});
    Uuid origin = Uuid::from_bytes(change.origin_device().data(), change.origin_device().size());
    if (origin.is_nil())
        return fail(Issue{rname + ".origin_device", "required", "缺少来源设备", "origin device must be 16 bytes"});

    Row before = detail::read_row(db, def, id);
    Record rec{def.type, id, before.exists ? before.values : std::vector<Value>(def.fields.size())};
    std::vector<FieldMeta> meta = before.exists ? before.meta : std::vector<FieldMeta>(def.fields.size());
    const Date today = im.opt.today();
    const int64_t wall = im.opt.clock();
    uint32_t origin_idx = 0;
    Hlc max_hlc = 0;
    for (const auto& fc : change.fields()) {
        int slot = def.slot_of(fc.field());
        if (slot < 0) {
            out.issues.push_back(Issue{rname + "." + std::to_string(fc.field()), "field.unknown", "未知字段",
                                       "unknown field number " + std::to_string(fc.field())});
            continue;
        }
        if (fc.hlc() == 0) {
            out.issues.push_back(Issue{rname + "." + std::string(def.fields[static_cast<size_t>(slot)].name),
                                       "hlc.missing", "缺少时间戳", "field change has no HLC"});
            continue;
        }
        Value v = from_proto(fc.value());
        auto fi = detail::check_field(def, def.fields[static_cast<size_t>(slot)], v, today, wall + 366LL * 86400000);
        if (!fi.empty()) {
            out.issues.insert(out.issues.end(), fi.begin(), fi.end());
            continue;
        }
        max_hlc = std::max<Hlc>(max_hlc, fc.hlc());
        auto s = static_cast<size_t>(slot);
        FieldOutcome fo;
        fo.field = fc.field();
        fo.incoming = v;
        fo.previous = rec.values[s];
        fo.previous_hlc = meta[s].hlc;
        fo.previous_device = im.uuid_of(meta[s].device);
        if (newer(fc.hlc(), origin, meta[s].hlc, fo.previous_device)) {
            fo.won = true;
            if (!origin_idx) origin_idx = im.index_of(origin);
            rec.values[s] = std::move(v);
            meta[s] = FieldMeta{fc.hlc(), origin_idx};
        }
        out.fields.push_back(std::move(fo));
    }
    if (!out.issues.empty()) return out;
    im.clock.observe(max_hlc);
    bool any_won = std::any_of(out.fields.begin(), out.fields.end(), [](const FieldOutcome& f) { return f.won; });
    if (!any_won) {
        out.ok = true;
        return out;
    }
    std::vector<Value> merged = rec.values;
    if (mode == MergeMode::Validate) {
        detail::ApplyCache cache;
        out.issues = detail::validate_record(db, cache, def, rec, before, today, wall);
        if (!out.issues.empty()) return out;
        // Values the rules filled in or normalised travel with the change's own stamp.
        for (size_t s = 0; s < def.fields.size(); ++s) {
            if (rec.values[s] == merged[s]) continue;
            if (!origin_idx) origin_idx = im.index_of(origin);
            meta[s] = FieldMeta{max_hlc, origin_idx};
            FieldOutcome fo;
            fo.field = def.fields[s].number;
            fo.won = true;
            fo.incoming = rec.values[s];
            fo.previous = before.exists ? before.values[s] : Value{};
            bool replaced = false;
            for (auto& f : out.fields)
                if (f.field == fo.field) {
                    f.won = true;
                    f.incoming = rec.values[s];
                    replaced = true;
                }
            if (!replaced) out.fields.push_back(std::move(fo));
        }
    }
    std::vector<bool> changed(def.fields.size(), false);
    for (size_t s = 0; s < def.fields.size(); ++s)
        changed[s] = before.exists ? !(rec.values[s] == before.values[s]) : !is_null(rec.values[s]);
    if (def.type == RecordType::Unit && before.exists) im.drop_unit_text(id, before);
    if (before.exists) {
        // Fields that won with an equal value still carry a new stamp.
        std::vector<bool> touched = changed;
        for (const auto& f : out.fields)
            if (f.won) touched[static_cast<size_t>(def.slot_of(f.field))] = true;
        im.update_row(def, id, rec.values, meta, touched);
    } else {
        im.write_row(def, id, rec.values, meta);
    }
    im.derive(def, id, before, rec, changed);
    out.created = !before.exists;
    out.ok = true;
    return out;
}
Hlc Store::last_hlc() const { return impl_->clock.last(); }
int Store::schema_version() { return static_cast<int>(impl_->db->scalar_int("PRAGMA user_version")); }
Database& Store::db() { return *impl_->db; }

void Store::rebuild_derived() {
    Database& db = *impl_->db;
    Transaction tx(db);
    {
        auto st = db.prepare("SELECT id, name FROM person");
        while (st.step()) {
            auto b = st.blob(0);
            detail::update_person_keys(db, Uuid::from_bytes(b.data(), b.size()), st.text(1));
        }
    }
    {
        // Roots first; each call fills its whole subtree.
        auto st = db.prepare("SELECT id FROM address WHERE parent_id IS NULL");
        while (st.step()) {
            auto b = st.blob(0);
            detail::update_address_text(db, Uuid::from_bytes(b.data(), b.size()), true);
        }
    }
    db.exec("INSERT INTO address_fts(address_fts) VALUES('rebuild')");
    db.exec("INSERT INTO unit_fts(unit_fts) VALUES('rebuild')");
    {
        auto st = db.prepare("SELECT id FROM house");
        std::vector<Uuid> ids;
        while (st.step()) {
            auto b = st.blob(0);
            ids.push_back(Uuid::from_bytes(b.data(), b.size()));
        }
        for (const auto& h : ids) detail::recompute_house_labels(db, h);
    }
    tx.commit();
}

}  // namespace fieldgrid
