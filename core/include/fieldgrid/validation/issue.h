#pragma once
// A validation problem: which field, which rule, and what to tell people.
#include <string>
#include <vector>

namespace fieldgrid {

struct Issue {
    std::string field;  // record field name, e.g. "id_no"
    std::string rule;   // stable rule code, e.g. "id.checksum"
    std::string zh;     // for the app
    std::string en;     // for logs and the CLI
};

using Issues = std::vector<Issue>;

// "field: rule: message" in English, one issue per line.
std::string format_issues(const Issues& issues);

}  // namespace fieldgrid
