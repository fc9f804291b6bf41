#pragma once
// The local store: one SQLite file, one write path (apply), per-field metadata and an outbox.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "fieldgrid/records/record.h"
#include "fieldgrid/store/sqlite.h"
#include "fieldgrid/util/date.h"
#include "fieldgrid/util/hlc.h"
#include "fieldgrid/validation/issue.h"

namespace fieldgrid::v1 {
class RecordChange;
}

namespace fieldgrid {

// Why a file could not be opened as a fieldgrid store.
class StoreError : public std::runtime_error {
public:
    enum class Code { NotFound, NotFieldgrid, Damaged, TooNew, Io };
    StoreError(Code code, const std::string& what) : std::runtime_error(what), code_(code) {}
    [[nodiscard]] Code code() const { return code_; }

private:
    Code code_;
};

struct ApplyResult {
    bool ok = false;
    Issues issues;        // field names are "record.field", e.g. "person.id_no"
    int64_t first_seq = 0;  // outbox sequence range written (0 when nothing changed)
    int64_t last_seq = 0;
    size_t records_changed = 0;
};

struct StoreOptions {
    bool create = true;                          // create the file when it does not exist
    std::function<int64_t()> clock = now_ms;     // wall clock for the HLC
    std::function<Date()> today = Date::today_china;
    int target_version = -1;                     // migrate only up to this version (tests); -1 = latest
};

struct Stats {
    int64_t counts[kRecordTypeCount + 1] = {};  // by RecordType
    int64_t residents_living = 0;
    int64_t key_houses = 0;
    int64_t group_rental_suspected = 0;
    int64_t concentrated_rental = 0;
    int64_t outbox_pending = 0;
    int64_t file_bytes = 0;
};

class Store {
public:
    static constexpr int kSchemaVersion = 3;
    static constexpr int32_t kApplicationId = 0x46474431;  // "FGD1"

    // Opens (or creates) a store. Throws StoreError for a missing, foreign, damaged or newer file;
    // such a file is never modified.
    static std::unique_ptr<Store> open(const std::string& path, StoreOptions options = {});
    ~Store();

    // The only way records change: validate, write rows, per-field metadata and the outbox, in one
    // transaction. Invalid input writes nothing.
    [[nodiscard]] ApplyResult apply(std::span<const Change> changes);
    [[nodiscard]] ApplyResult apply(const Change& change) { return apply(std::span(&change, 1)); }

    [[nodiscard]] std::optional<Record> get(RecordType type, const Uuid& id);
    // Per-field (HLC, device index) for one record; for sync and tests.
    struct FieldMeta {
        Hlc hlc = 0;
        uint32_t device = 0;
    };
    [[nodiscard]] std::vector<FieldMeta> meta(RecordType type, const Uuid& id);

    [[nodiscard]] Stats stats();
    [[nodiscard]] std::vector<std::string> house_labels(const Uuid& house_id);  // derived labels
    [[nodiscard]] int64_t house_occupants(const Uuid& house_id);
    [[nodiscard]] std::optional<std::string> address_text(const Uuid& address_id);

    [[nodiscard]] Uuid device_id() const;
    [[nodiscard]] Hlc last_hlc() const;
    [[nodiscard]] int schema_version();
    [[nodiscard]] Database& db();

    // Re-derives search keys and house labels for everything (after a migration or repair).
    void rebuild_derived();

    // --- Merging changes made elsewhere (sync) ---
    enum class MergeMode {
        Validate,  // the server: the merged record must pass every rule
        Trust,     // a device applying what the server accepted: shape checks only
    };
    struct FieldOutcome {
        uint32_t field = 0;
        bool won = false;        // the incoming value is now the field's value
        Value incoming;
        Value previous;          // the value before (the winner's, when incoming lost)
        Hlc previous_hlc = 0;
        Uuid previous_device;
    };
    struct MergeOutcome {
        bool ok = false;
        Issues issues;
        bool created = false;
        std::vector<FieldOutcome> fields;
    };
    // Merges one record change field by field: a field takes the incoming value only when
    // (HLC, origin device) is larger than the stored one, so duplicates and reordering are no-ops.
    // Runs inside the caller's transaction (see begin()); writes no outbox row.
    [[nodiscard]] MergeOutcome merge(const fieldgrid::v1::RecordChange& change, MergeMode mode);
    // A write transaction for a sequence of merges and bookkeeping that must commit together.
    [[nodiscard]] std::unique_ptr<Transaction> begin();
    // Folds a timestamp seen elsewhere into the clock (and persists it with the next commit).
    void observe(Hlc remote);
    void persist_clock();
    [[nodiscard]] Uuid device_uuid(uint32_t device_index);
    // The record's current state as changes, one per origin device, each field with its own
    // (HLC, device) stamp: merging them anywhere reproduces exactly this state.
    [[nodiscard]] std::vector<fieldgrid::v1::RecordChange> snapshot(RecordType type, const Uuid& id);

    struct Impl;

private:
    explicit Store(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace fieldgrid
