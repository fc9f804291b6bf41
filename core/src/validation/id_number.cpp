#include "fieldgrid/validation/id_number.h"

#include <cctype>

#include "fieldgrid/validation/region.h"

namespace fieldgrid {

namespace {

constexpr int kWeights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

bool digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string normalize(std::string_view raw) {
    std::string out;
    out.reserve(raw.size());
    for (char c : raw) {
        if (c == ' ' || c == '\t' || c == '-') continue;
        out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    return out;
}

Issue issue(std::string_view field, const char* rule, std::string zh, std::string en) {
    return Issue{std::string(field), rule, std::move(zh), std::move(en)};
}

// Date, not-in-future and check character shared by every 18-character MOD 11-2 form.
// Returns false when the shape is wrong and nothing else could be read.
bool check_18(std::string_view n, Date today, std::string_view field, IdInfo& info,
              Issues& issues) {
    if (n.size() != 18 || !digits(n.substr(0, 17)) || !(digits(n.substr(17)) || n[17] == 'X')) {
        issues.push_back(issue(field, "id.format", "证件号码应为17位数字加1位数字或X",
                               "must be 17 digits followed by a digit or X"));
        return false;
    }
    auto birth = Date::parse_compact(n.substr(6, 8));
    if (!birth) {
        issues.push_back(issue(field, "id.birth_date", "证件号码中的出生日期不存在",
                               "embedded birth date " + std::string(n.substr(6, 8)) +
                                   " is not a real calendar date"));
    } else if (*birth > today) {
        issues.push_back(issue(field, "id.birth_future", "证件号码中的出生日期晚于今天",
                               "embedded birth date " + birth->str() + " is in the future"));
    } else if (birth->year < 1880) {
        issues.push_back(issue(field, "id.birth_date", "证件号码中的出生年份不合理",
                               "embedded birth year " + std::to_string(birth->year) +
                                   " is before 1880"));
    } else {
        info.birth = birth;
    }
    char expect = id_check_char(n.substr(0, 17));
    if (n[17] != expect) {
        issues.push_back(issue(field, "id.checksum",
                               std::string("证件号码校验位错误，应为") + expect,
                               std::string("check character (MOD 11-2) should be ") + expect));
    }
    info.gender = ((n[16] - '0') % 2 == 1) ? 'm' : 'f';
    return true;
}

IdCheck check_resident(std::string_view raw, Date today, std::string_view field) {
    IdCheck out;
    IdInfo info;
    std::string n = normalize(raw);
    if (n.size() == 15) {
        if (!digits(n)) {
            out.issues.push_back(issue(field, "id.format", "15位身份证号码应全为数字",
                                       "a 15-character resident ID must be all digits"));
            return out;
        }
        // Legacy numbers carry a 2-digit year of the 1900s and no check character.
        info.legacy = n;
        std::string first17 = n.substr(0, 6) + "19" + n.substr(6);
        n = first17 + id_check_char(first17);
    } else if (n.size() != 18) {
        out.issues.push_back(issue(field, "id.length", "身份证号码应为18位（或旧版15位）",
                                   "resident ID must have 18 characters (or 15 for the old form), got " +
                                       std::to_string(n.size())));
        return out;
    }
    if (check_18(n, today, field, info, out.issues)) {
        std::string region = n.substr(0, 6);
        const auto& table = RegionTable::builtin();
        if (n[0] == '8' && (n[1] == '1' || n[1] == '2' || n[1] == '3')) {
            out.issues.push_back(issue(field, "id.region",
                                       "81/82/83开头为港澳台居民居住证，请选择对应证件类型",
                                       "numbers starting 81/82/83 are HK/Macao/Taiwan residence "
                                       "permits, not resident IDs"));
        } else if (!table.has_county(region)) {
            out.issues.push_back(issue(field, "id.region", "证件号码前6位不是有效的行政区划代码",
                                       "region code " + region + " is not in GB/T 2260"));
        }
        info.region = region;
    }
    if (out.issues.empty()) {
        info.normalized = n;
        out.info = info;
    }
    return out;
}

IdCheck check_permit(std::string_view raw, Date today, std::string_view field, bool taiwan) {
    IdCheck out;
    IdInfo info;
    std::string n = normalize(raw);
    if (n.size() != 18) {
        out.issues.push_back(issue(field, "id.length", "居住证号码应为18位",
                                   "residence permit number must have 18 characters"));
        return out;
    }
    bool prefix_ok = taiwan ? n.rfind("830000", 0) == 0
                            : (n.rfind("810000", 0) == 0 || n.rfind("820000", 0) == 0);
    if (!prefix_ok) {
        out.issues.push_back(issue(
            field, "id.permit_prefix",
            taiwan ? "台湾居民居住证号码应以830000开头" : "港澳居民居住证号码应以810000或820000开头",
            taiwan ? "Taiwan residence permit numbers start with 830000"
                   : "Hong Kong/Macao residence permit numbers start with 810000 or 820000"));
    }
    (void)check_18(n, today, field, info, out.issues);
    if (out.issues.empty()) {
        info.normalized = n;
        out.info = info;
    }
    return out;
}

IdCheck check_foreign_pr(std::string_view raw, Date today, std::string_view field) {
    IdCheck out;
    IdInfo info;
    std::string n = normalize(raw);
    if (n.size() == 18) {
        // 2023 form: leading 9, then the resident ID layout with MOD 11-2.
        if (n[0] != '9') {
            out.issues.push_back(issue(field, "id.pr_prefix", "2023版永久居留身份证号码应以9开头",
                                       "2023 permanent residence card numbers start with 9"));
        }
        // Then the issuing province (2 digits) and the nationality code (3 digits).
        if (n[0] == '9' && digits(std::string_view(n).substr(1, 2)) &&
            !RegionTable::builtin().has_province(n.substr(1, 2))) {
            out.issues.push_back(issue(field, "id.pr_province", "永久居留身份证号码第2至3位省份代码无效",
                                       "positions 2-3 must be a province code, got " + n.substr(1, 2)));
        }
        (void)check_18(n, today, field, info, out.issues);
    } else if (n.size() == 15) {
        // 2017 form: 3-letter nationality, 4-digit office, YYMMDD, 2-digit sequence.
        bool shape = true;
        for (int i = 0; i < 3; ++i)
            if (n[i] < 'A' || n[i] > 'Z') shape = false;
        if (!shape || !digits(std::string_view(n).substr(3))) {
            out.issues.push_back(issue(field, "id.format",
                                       "2017版永久居留证号码应为3位字母加12位数字",
                                       "2017 permanent residence card numbers are 3 letters and 12 digits"));
        } else {
            int yy = (n[7] - '0') * 10 + (n[8] - '0');
            int mm = (n[9] - '0') * 10 + (n[10] - '0');
            int dd = (n[11] - '0') * 10 + (n[12] - '0');
            int year = 2000 + yy <= today.year ? 2000 + yy : 1900 + yy;
            if (!Date::valid(year, mm, dd)) {
                out.issues.push_back(issue(field, "id.birth_date", "证件号码中的出生日期不存在",
                                           "embedded birth date is not a real calendar date"));
            } else {
                info.birth = Date{year, mm, dd};
            }
        }
    } else {
        out.issues.push_back(issue(field, "id.length", "永久居留身份证号码应为18位（2017版15位）",
                                   "permanent residence card numbers have 18 characters (15 for the 2017 form)"));
    }
    if (out.issues.empty()) {
        info.normalized = n;
        out.info = info;
    }
    return out;
}

IdCheck check_passport(std::string_view raw, std::string_view field) {
    IdCheck out;
    std::string n = normalize(raw);
    bool ok = n.size() >= 5 && n.size() <= 17;
    for (char c : n)
        if (!std::isalnum(static_cast<unsigned char>(c))) ok = false;
    if (!ok) {
        out.issues.push_back(issue(field, "id.passport", "护照号码应为5至17位字母或数字",
                                   "passport numbers are 5 to 17 letters or digits"));
        return out;
    }
    out.info = IdInfo{n, {}, std::nullopt, 0, {}};
    return out;
}

}  // namespace

char id_check_char(std::string_view first17) {
    int sum = 0;
    for (size_t i = 0; i < 17 && i < first17.size(); ++i) sum += (first17[i] - '0') * kWeights[i];
    return "10X98765432"[sum % 11];
}

std::optional<IdType> id_type_from_code(std::string_view c) {
    if (c == "resident_id") return IdType::ResidentId;
    if (c == "hk_mo_permit") return IdType::HkMoPermit;
    if (c == "tw_permit") return IdType::TwPermit;
    if (c == "foreign_pr") return IdType::ForeignPr;
    if (c == "passport") return IdType::Passport;
    if (c == "other") return IdType::Other;
    return std::nullopt;
}

std::string_view id_type_code(IdType t) {
    switch (t) {
        case IdType::ResidentId: return "resident_id";
        case IdType::HkMoPermit: return "hk_mo_permit";
        case IdType::TwPermit: return "tw_permit";
        case IdType::ForeignPr: return "foreign_pr";
        case IdType::Passport: return "passport";
        case IdType::Other: return "other";
    }
    return "other";
}

IdType guess_id_type(std::string_view raw) {
    std::string n = normalize(raw);
    if (n.size() == 18 && (n.rfind("810000", 0) == 0 || n.rfind("820000", 0) == 0))
        return IdType::HkMoPermit;
    if (n.size() == 18 && n.rfind("830000", 0) == 0) return IdType::TwPermit;
    if (n.size() == 18 && n[0] == '9') return IdType::ForeignPr;
    if (n.size() == 15 && std::isalpha(static_cast<unsigned char>(n[0]))) return IdType::ForeignPr;
    if (n.size() == 15 || n.size() == 18) return IdType::ResidentId;
    return IdType::Passport;
}

IdCheck check_id(IdType type, std::string_view raw, Date today, std::string_view field) {
    if (normalize(raw).empty()) {
        IdCheck out;
        out.issues.push_back(issue(field, "required", "请填写证件号码", "is required"));
        return out;
    }
    switch (type) {
        case IdType::ResidentId: return check_resident(raw, today, field);
        case IdType::HkMoPermit: return check_permit(raw, today, field, false);
        case IdType::TwPermit: return check_permit(raw, today, field, true);
        case IdType::ForeignPr: return check_foreign_pr(raw, today, field);
        case IdType::Passport: return check_passport(raw, field);
        case IdType::Other: {
            IdCheck out;
            out.info = IdInfo{normalize(raw), {}, std::nullopt, 0, {}};
            return out;
        }
    }
    return {};
}

}  // namespace fieldgrid
