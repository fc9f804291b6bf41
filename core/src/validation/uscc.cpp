#include "fieldgrid/validation/uscc.h"

#include <cctype>

#include "fieldgrid/validation/region.h"

namespace fieldgrid {

namespace {
constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // no I O Z S V
constexpr int kUsccWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view kDepartments = "123456789ANY";

Issue issue(std::string_view field, const char* rule, std::string zh, std::string en) {
    return Issue{std::string(field), rule, std::move(zh), std::move(en)};
}

int org_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return -1;
}
}  // namespace

char uscc_check_char(std::string_view first17) {
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) {
        auto v = kAlphabet.find(first17[i]);
        sum += static_cast<int>(v == std::string_view::npos ? 0 : v) * kUsccWeights[i];
    }
    return kAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

char org_code_check_char(std::string_view first8) {
    int sum = 0;
    for (size_t i = 0; i < 8; ++i) sum += org_value(first8[i]) * kOrgWeights[i];
    int c = 11 - sum % 11;
    if (c == 10) return 'X';
    if (c == 11) return '0';
    return static_cast<char>('0' + c);
}

UsccCheck check_uscc(std::string_view raw, std::string_view field) {
    UsccCheck out;
    std::string n;
    for (char c : raw) {
        if (c == ' ' || c == '-') continue;
        n.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (n.empty()) {
        out.issues.push_back(issue(field, "required", "请填写统一社会信用代码", "is required"));
        return out;
    }
    if (n.size() != 18) {
        out.issues.push_back(issue(field, "uscc.length", "统一社会信用代码应为18位",
                                   "must have 18 characters, got " + std::to_string(n.size())));
        return out;
    }
    std::string bad;
    for (char c : n)
        if (kAlphabet.find(c) == std::string_view::npos && bad.find(c) == std::string::npos)
            bad.push_back(c);
    if (!bad.empty()) {
        out.issues.push_back(issue(field, "uscc.charset",
                                   "含有不允许的字符“" + bad + "”（不使用I、O、Z、S、V）",
                                   "contains characters not allowed (" + bad +
                                       "); the alphabet has no I, O, Z, S, V"));
        return out;
    }
    if (kDepartments.find(n[0]) == std::string_view::npos) {
        out.issues.push_back(issue(field, "uscc.department", "第1位登记管理部门代码无效",
                                   std::string("registration department code ") + n[0] +
                                       " is not one of 1-9, A, N, Y"));
    }
    bool region_digits = true;
    for (size_t i = 2; i < 8; ++i)
        if (n[i] < '0' || n[i] > '9') region_digits = false;
    if (!region_digits || !RegionTable::builtin().has_province(n.substr(2, 2))) {
        out.issues.push_back(issue(field, "uscc.region", "第3至8位行政区划代码无效",
                                   "positions 3-8 must be a GB/T 2260 region code, got " +
                                       n.substr(2, 6)));
    }
    char expect = uscc_check_char(n);
    if (n[17] != expect) {
        out.issues.push_back(issue(field, "uscc.checksum",
                                   std::string("校验位错误，应为") + expect,
                                   std::string("check character (mod 31) should be ") + expect));
    }
    std::string org = n.substr(8, 9);
    bool org_shape = true;
    for (size_t i = 0; i < 8; ++i)
        if (org_value(org[i]) < 0) org_shape = false;
    if (org_shape) {
        char oexp = org_code_check_char(org);
        if (org[8] != oexp) {
            out.issues.push_back(issue(field, "uscc.org_checksum",
                                       std::string("内含组织机构代码校验位错误，应为") + oexp,
                                       "embedded organisation code " + org +
                                           " fails its GB 11714 check (should end in " + oexp + ")"));
        }
    }
    out.normalized = n;
    return out;
}

}  // namespace fieldgrid
