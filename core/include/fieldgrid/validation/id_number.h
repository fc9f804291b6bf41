#pragma once
// Identity document numbers: resident ID (GB 11643), HK/Macao/Taiwan residence permits,
// foreigners' permanent residence cards (2017 and 2023 forms), passports.
#include <optional>
#include <string>
#include <string_view>

#include "fieldgrid/util/date.h"
#include "fieldgrid/validation/issue.h"

namespace fieldgrid {

enum class IdType { ResidentId, HkMoPermit, TwPermit, ForeignPr, Passport, Other };

// Text codes used in records ("resident_id", ...); nullopt for an unknown code.
[[nodiscard]] std::optional<IdType> id_type_from_code(std::string_view code);
[[nodiscard]] std::string_view id_type_code(IdType t);

struct IdInfo {
    std::string normalized;     // upper case, 18 digits for resident IDs
    std::string legacy;         // the 15-digit original when converted
    std::optional<Date> birth;  // embedded birth date, when the form carries one
    char gender = 0;            // 'm' or 'f' from the sequence digit; 0 when the form has none
    std::string region;         // 6-digit region code, resident IDs only
};

struct IdCheck {
    std::optional<IdInfo> info;  // set when there are no issues
    Issues issues;
    [[nodiscard]] bool ok() const { return issues.empty(); }
};

// The MOD 11-2 check character for the first 17 characters (digits only).
[[nodiscard]] char id_check_char(std::string_view first17);

// Validates a number of the given type; `today` bounds birth dates; `field` names the field in issues.
[[nodiscard]] IdCheck check_id(IdType type, std::string_view raw, Date today,
                               std::string_view field = "id_no");

// Guesses the document type from the number's shape (for the CLI and quick entry).
[[nodiscard]] IdType guess_id_type(std::string_view raw);

}  // namespace fieldgrid
