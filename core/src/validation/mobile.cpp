#include "fieldgrid/validation/mobile.h"

namespace fieldgrid {

MobileCheck check_mobile(std::string_view raw, std::string_view field) {
    MobileCheck out;
    std::string n;
    for (char c : raw)
        if (c != ' ' && c != '-' && c != '\t') n.push_back(c);
    if (n.empty()) {
        out.issues.push_back(Issue{std::string(field), "required", "请填写手机号码", "is required"});
        return out;
    }
    if (n.rfind("+86", 0) == 0)
        n.erase(0, 3);
    else if (n.rfind("0086", 0) == 0)
        n.erase(0, 4);
    bool ok = n.size() == 11 && n[0] == '1' && n[1] >= '3' && n[1] <= '9';
    for (char c : n)
        if (c < '0' || c > '9') ok = false;
    if (!ok) {
        out.issues.push_back(Issue{std::string(field), "mobile.format",
                                   "手机号码应为1开头的11位数字（第2位为3至9）",
                                   "must be a mainland mobile number: 11 digits, 1[3-9] then 9 digits"});
        return out;
    }
    out.normalized = n;
    return out;
}

}  // namespace fieldgrid
