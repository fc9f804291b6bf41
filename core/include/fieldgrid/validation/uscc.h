#pragma once
// Unified social credit codes (GB 32100) with the embedded organisation code (GB 11714).
#include <string>
#include <string_view>

#include "fieldgrid/validation/issue.h"

namespace fieldgrid {

struct UsccCheck {
    std::string normalized;
    Issues issues;
    [[nodiscard]] bool ok() const { return issues.empty(); }
};

[[nodiscard]] UsccCheck check_uscc(std::string_view raw, std::string_view field = "uscc");
// Check characters, exposed so the demo town can make valid codes.
[[nodiscard]] char uscc_check_char(std::string_view first17);
[[nodiscard]] char org_code_check_char(std::string_view first8);

}  // namespace fieldgrid
