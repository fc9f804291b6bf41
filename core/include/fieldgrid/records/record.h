#pragma once
// Values, records and changes as the store and sync handle them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "fieldgrid/records/schema.h"
#include "fieldgrid/util/uuid.h"

namespace fieldgrid {

// Empty (cleared), text, integer, real, boolean or record id.
using Value = std::variant<std::monostate, std::string, int64_t, double, bool, Uuid>;

[[nodiscard]] inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }
[[nodiscard]] std::string value_text(const Value& v);  // for display and logs

struct FieldSet {
    uint32_t field = 0;  // field number
    Value value;
    bool operator==(const FieldSet&) const = default;
};

// Field values to set on one record (created when it does not exist yet).
struct Change {
    RecordType type{};
    Uuid id;
    std::vector<FieldSet> fields;

    // Sets a field by name; throws std::invalid_argument for a name the record does not have.
    Change& set(std::string_view field, Value v);
};

struct Record {
    RecordType type{};
    Uuid id;
    std::vector<Value> values;  // by slot, see RecordDef::fields

    [[nodiscard]] const Value& get(std::string_view field) const;
    [[nodiscard]] std::string text(std::string_view field) const;  // "" when unset or not text
    [[nodiscard]] std::optional<int64_t> integer(std::string_view field) const;
    [[nodiscard]] std::optional<double> real(std::string_view field) const;
    [[nodiscard]] std::optional<Uuid> ref(std::string_view field) const;
};

}  // namespace fieldgrid
