// Vectors from python-stdnum (tests/test_cn_uscc.doctest) and hutool (CreditCodeUtilTest), as facts.
#include "fieldgrid/validation/uscc.h"

#include <gtest/gtest.h>

using namespace fieldgrid;

namespace {
bool has_rule(const UsccCheck& c, const std::string& rule) {
    for (const auto& i : c.issues)
        if (i.rule == rule) return true;
    return false;
}
}  // namespace

TEST(Uscc, AcceptsPublicValidVectors) {
    for (const char* v : {"91110000600037341L", "91310110666007217T", "91310115MA1K3BTP2B",
                          "121200004013590816", "91340600MA2PBM9HXD"}) {
        auto c = check_uscc(v);
        EXPECT_TRUE(c.ok()) << v << ": " << format_issues(c.issues);
        EXPECT_EQ(c.normalized, v);
    }
    EXPECT_EQ(check_uscc("91310115ma1k3btp2b").normalized, "91310115MA1K3BTP2B");
}

TEST(Uscc, RejectsPublicInvalidVectorsNamingTheRule) {
    EXPECT_TRUE(has_rule(check_uscc("91110000600037341N"), "uscc.checksum"));
    EXPECT_TRUE(has_rule(check_uscc("9111000060003IOZSV"), "uscc.charset"));
    EXPECT_TRUE(has_rule(check_uscc("A1110000600037341L"), "uscc.checksum"));
    EXPECT_TRUE(has_rule(check_uscc("9111000060003734"), "uscc.length"));
    EXPECT_TRUE(has_rule(check_uscc(""), "required"));
}

TEST(Uscc, ChecksTheEmbeddedOrganisationCode) {
    // Change the organisation code's check character and re-seal the outer mod-31 check:
    // only the GB 11714 rule can catch it.
    std::string first17 = "9111000060003734";
    first17 += '2';  // the real organisation check character is 1
    std::string code = first17 + uscc_check_char(first17);
    auto c = check_uscc(code);
    EXPECT_TRUE(has_rule(c, "uscc.org_checksum")) << format_issues(c.issues);
    EXPECT_FALSE(has_rule(c, "uscc.checksum"));
    EXPECT_EQ(org_code_check_char("60003734"), '1');
}

TEST(Uscc, DepartmentAndRegionSegments) {
    std::string first17 = "B1110000600037341";
    EXPECT_TRUE(has_rule(check_uscc(first17 + uscc_check_char(first17)), "uscc.department"));
    std::string bad_region = "91990000600037341";
    EXPECT_TRUE(has_rule(check_uscc(bad_region + uscc_check_char(bad_region)), "uscc.region"));
}
