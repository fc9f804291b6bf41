// Vectors from validator.js's zh-CN block, as facts.
#include "fieldgrid/validation/mobile.h"

#include <gtest/gtest.h>

using namespace fieldgrid;

TEST(Mobile, AcceptsAndNormalisesPublicValidVectors) {
    EXPECT_EQ(check_mobile("15323456787").normalized, "15323456787");
    EXPECT_EQ(check_mobile("16637108167").normalized, "16637108167");
    EXPECT_EQ(check_mobile("+8613238234822").normalized, "13238234822");
    EXPECT_EQ(check_mobile("008618812341234").normalized, "18812341234");
    EXPECT_EQ(check_mobile("+8619812341234").normalized, "19812341234");
    EXPECT_EQ(check_mobile("138 1121 1114").normalized, "13811211114");
    EXPECT_EQ(check_mobile("138-1121-1114").normalized, "13811211114");
}

TEST(Mobile, RejectsPublicInvalidVectors) {
    for (const char* v : {"12345", "08613811211114", "+08613811211114", "010-38238383", "12811211114",
                          "1381121111", "138112111145", "1381121111a"}) {
        auto c = check_mobile(v);
        ASSERT_EQ(c.issues.size(), 1u) << v;
        EXPECT_EQ(c.issues[0].rule, "mobile.format") << v;
        EXPECT_EQ(c.issues[0].field, "phone");
    }
}

TEST(Mobile, DashAfterCountryCodeIsRemovedAsTheRuleSays) {
    // validator.js rejects "0086-13811211114"; our rule removes dashes and then the 0086 prefix,
    // which is how people write numbers on forms, so it is accepted.
    EXPECT_EQ(check_mobile("0086-13811211114").normalized, "13811211114");
    EXPECT_EQ(check_mobile("+86 138 1121 1114").normalized, "13811211114");
}
