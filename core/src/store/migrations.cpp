// Schema steps. Each step moves PRAGMA user_version up by one, inside the caller's transaction.
#include <string>

#include "internal.h"

namespace fieldgrid::detail {

std::string_view sql_type(FieldType t) {
    switch (t) {
        case FieldType::Int:
        case FieldType::Time:
        case FieldType::Bool: return "INTEGER";
        case FieldType::Real: return "REAL";
        case FieldType::Ref: return "BLOB";
        default: return "TEXT";
    }
}

namespace {

// Tables searched by full text keep a rowid so FTS5 can index them as external content.
bool keeps_rowid(RecordType t) { return t == RecordType::Address || t == RecordType::Unit; }

// Version 1: the records, per-field metadata, the outbox and the device's own state.
void v1(Database& db) {
    db.exec(
        "CREATE TABLE local_state(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
        "CREATE TABLE devices(idx INTEGER PRIMARY KEY, uuid BLOB NOT NULL UNIQUE);"
        "CREATE TABLE outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT, rtype INTEGER NOT NULL,"
        " rid BLOB NOT NULL, payload BLOB NOT NULL, created_ms INTEGER NOT NULL);");
    for (const auto& def : all_records()) {
        std::string sql = "CREATE TABLE " + std::string(def.name) + "(id BLOB PRIMARY KEY NOT NULL";
        for (const auto& f : def.fields) {
            sql += ", " + std::string(f.name) + " " + std::string(sql_type(f.type));
        }
        sql += ", _meta BLOB NOT NULL)";
        if (!keeps_rowid(def.type)) sql += " WITHOUT ROWID";
        db.exec(sql);
    }
    db.exec(
        "CREATE INDEX address_parent ON address(parent_id);"
        "CREATE INDEX address_grid ON address(grid_id);"
        "CREATE INDEX grid_village ON grid(village_id);"
        "CREATE INDEX person_id_no ON person(id_no);"
        "CREATE INDEX residence_person ON residence(person_id);"
        "CREATE INDEX residence_address ON residence(address_id);"
        "CREATE INDEX house_address ON house(address_id);"
        "CREATE INDEX unit_address ON unit(address_id);"
        "CREATE INDEX unit_uscc ON unit(uscc);"
        "CREATE INDEX employment_unit ON employment(unit_id);"
        "CREATE INDEX employment_person ON employment(person_id);"
        "CREATE INDEX visit_address ON visit(address_id);"
        "CREATE INDEX task_grid ON task(grid_id);"
        "CREATE INDEX flag_subject ON flag(subject_id);");
}

// Version 2: search keys (pinyin, full address text, full-text indexes) and derived house labels.
void v2(Database& db) {
    db.exec(
        "ALTER TABLE person ADD COLUMN _py TEXT;"
        "ALTER TABLE person ADD COLUMN _ini TEXT;"
        "CREATE INDEX person_name ON person(name);"
        "CREATE INDEX person_py ON person(_py);"
        "CREATE INDEX person_ini ON person(_ini);"
        "CREATE INDEX person_phone ON person(phone);"
        "ALTER TABLE address ADD COLUMN _full TEXT;"
        "CREATE VIRTUAL TABLE address_fts USING fts5(_full, content='address',"
        " content_rowid='rowid', tokenize='trigram');"
        "CREATE VIRTUAL TABLE unit_fts USING fts5(name, content='unit', content_rowid='rowid',"
        " tokenize='trigram');"
        "ALTER TABLE house ADD COLUMN _occupants INTEGER NOT NULL DEFAULT 0;"
        "CREATE TABLE house_label(house_id BLOB NOT NULL, label TEXT NOT NULL,"
        " PRIMARY KEY(house_id, label)) WITHOUT ROWID;"
        "CREATE INDEX house_label_by_label ON house_label(label);");
}

// Version 3: sync bookkeeping. Each outbox row remembers the server sequence its edit was made
// against and whether the server rejected it; conflicts wait here for a person to resolve them.
void v3(Database& db) {
    db.exec(
        "ALTER TABLE outbox ADD COLUMN base_seq INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending';"
        "ALTER TABLE outbox ADD COLUMN reason TEXT;"
        "CREATE INDEX outbox_state ON outbox(state, seq);"
        "CREATE TABLE sync_conflict(id BLOB PRIMARY KEY, rtype INTEGER NOT NULL, rid BLOB NOT NULL,"
        " field INTEGER NOT NULL, winner BLOB, loser BLOB, winner_device BLOB, loser_device BLOB,"
        " winner_hlc INTEGER, loser_hlc INTEGER, resolved INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;");
}

}  // namespace

void run_migration(Database& db, int to_version) {
    switch (to_version) {
        case 1: v1(db); break;
        case 2: v2(db); break;
        case 3: v3(db); break;
        default: throw SqliteError(0, "no migration to version " + std::to_string(to_version));
    }
    db.exec("PRAGMA user_version = " + std::to_string(to_version));
}

}  // namespace fieldgrid::detail
