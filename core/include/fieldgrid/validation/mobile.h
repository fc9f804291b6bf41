#pragma once
// Mainland mobile numbers.
#include <string>
#include <string_view>

#include "fieldgrid/validation/issue.h"

namespace fieldgrid {

struct MobileCheck {
    std::string normalized;  // 11 digits
    Issues issues;
    [[nodiscard]] bool ok() const { return issues.empty(); }
};

// Removes spaces and dashes and a leading +86/0086, then requires 1[3-9] and 9 more digits.
[[nodiscard]] MobileCheck check_mobile(std::string_view raw, std::string_view field = "phone");

}  // namespace fieldgrid
