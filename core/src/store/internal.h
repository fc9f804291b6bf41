#pragma once
// Pieces of the store shared between its source files; not part of the public API.
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "fieldgrid/records/record.h"
#include "fieldgrid/store/sqlite.h"
#include "fieldgrid/store/store.h"

namespace fieldgrid::detail {

std::string_view sql_type(FieldType t);
void run_migration(Database& db, int to_version);

// A row as stored: values by slot, and per-field metadata.
struct Row {
    bool exists = false;
    std::vector<Value> values;
    std::vector<Store::FieldMeta> meta;
};

Row read_row(Database& db, const RecordDef& def, const Uuid& id);
void bind_value(Statement& st, int i, const Value& v);
Value column_value(const Statement& st, int i, FieldType t);
std::string encode_meta(const std::vector<Store::FieldMeta>& meta);
std::vector<Store::FieldMeta> decode_meta(std::string_view blob, size_t fields);

// What one apply() has already seen, so a batch does not look the same things up again.
struct ApplyCache {
    std::unordered_set<Uuid, UuidHash> known;                    // ids that exist
    std::unordered_map<Uuid, std::string, UuidHash> levels;      // address levels
    std::unordered_set<Uuid, UuidHash> new_persons;              // created in this apply
    std::unordered_map<std::string, Uuid> new_residences;        // person+address -> residence
    std::unordered_map<Uuid, Uuid, UuidHash> new_huji;           // person -> living huji residence
    void clear() {
        known.clear();
        levels.clear();
        new_persons.clear();
        new_residences.clear();
        new_huji.clear();
    }
};

// Record-level rules. May normalise values in `rec` (ID numbers, phones, inherited grid).
Issues validate_record(Database& db, ApplyCache& cache, const RecordDef& def, Record& rec,
                       const Row& before, Date today, int64_t now_ms);
// Field-level shape rules; may coerce the value (int to real, trimmed text, sorted labels).
Issues check_field(const RecordDef& def, const FieldDef& f, Value& v, Date today, int64_t now_ms);

// Derived data kept current by apply().
void update_person_keys(Database& db, const Uuid& id, const std::string& name);
void update_address_text(Database& db, const Uuid& id, bool with_subtree);
void update_unit_text(Database& db, const Uuid& id, const std::string& old_name, bool existed);
void houses_above(Database& db, const Uuid& address_id, std::unordered_set<Uuid, UuidHash>& out);
void recompute_house_labels(Database& db, const Uuid& house_id);

}  // namespace fieldgrid::detail
