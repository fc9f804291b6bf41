#include "fieldgrid/validation/issue.h"

namespace fieldgrid {

std::string format_issues(const Issues& issues) {
    std::string out;
    for (const auto& i : issues) {
        out += i.field + ": " + i.rule + ": " + i.en + "\n";
    }
    return out;
}

}  // namespace fieldgrid
