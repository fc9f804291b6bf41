#pragma once
// The records and their fields: one table that the store, validation, sync and the app share.
// Field numbers equal the field numbers in proto/fieldgrid/v1/records.proto (a test checks it).
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace fieldgrid {

enum class RecordType : uint8_t {
    Village = 1,
    Grid = 2,
    Address = 3,
    Person = 4,
    Residence = 5,
    House = 6,
    Unit = 7,
    Employment = 8,
    Visit = 9,
    Task = 10,
    Tip = 11,
    Flag = 12,
    Meeting = 13,
    RewardClaim = 14,
};
inline constexpr int kRecordTypeCount = 14;

enum class FieldType : uint8_t {
    Text,    // free text
    Int,     // integer
    Real,    // decimal number
    Bool,    // yes / no
    Date,    // "YYYY-MM-DD"
    Time,    // Unix milliseconds
    Enum,    // one code from the field's values
    Labels,  // comma-separated codes from the field's values
    Ref,     // the id of another record
};

struct EnumValue {
    std::string_view code;
    std::string_view zh;
    std::string_view en;
};

struct FieldDef {
    uint32_t number;         // stable; see records.proto
    std::string_view name;   // column name
    FieldType type;
    std::string_view zh;     // label in the app
    bool required = false;
    std::optional<RecordType> ref;  // for Ref fields with a fixed target
    std::span<const EnumValue> values{};  // for Enum and Labels
    uint32_t max_len = 200;   // for Text
    bool not_future = false;  // for Date and Time
    bool sensitive = false;   // masked in the app, encrypted at rest on devices
};

struct RecordDef {
    RecordType type;
    std::string_view name;  // table name and text code, e.g. "person"
    std::string_view zh;
    std::vector<FieldDef> fields;  // slot order; slot != number in general

    [[nodiscard]] const FieldDef* field(std::string_view name) const;
    [[nodiscard]] const FieldDef* field_by_number(uint32_t number) const;
    [[nodiscard]] int slot_of(uint32_t number) const;  // -1 when unknown
    [[nodiscard]] int slot_of(std::string_view name) const;
};

[[nodiscard]] const RecordDef& record_def(RecordType t);
[[nodiscard]] const RecordDef* record_def(std::string_view name);
[[nodiscard]] std::span<const RecordDef> all_records();
[[nodiscard]] bool valid_record_type(int t);
[[nodiscard]] const EnumValue* find_enum(const FieldDef& f, std::string_view code);

// Labels derived from data (not stored as a field; kept by the store).
inline constexpr std::string_view kLabelKeyHouse = "key_house";
inline constexpr std::string_view kLabelGroupRental = "group_rental_suspected";
inline constexpr std::string_view kLabelConcentratedRental = "concentrated_rental";
[[nodiscard]] std::span<const EnumValue> derived_house_labels();

}  // namespace fieldgrid
