#include "fieldgrid/validation/region.h"

#include <gtest/gtest.h>

using namespace fieldgrid;

TEST(RegionTable, HoldsCurrentAndRetiredCounties) {
    const auto& t = RegionTable::builtin();
    EXPECT_GT(t.size(), 3000u);
    auto xicheng = t.find("110102");
    ASSERT_TRUE(xicheng);
    EXPECT_EQ(xicheng->county, "西城区");
    EXPECT_EQ(xicheng->full_name(), "北京市西城区");
    EXPECT_TRUE(t.has_county("310118"));  // Qingpu
    EXPECT_TRUE(t.has_county("310151"));  // Chongming, made a district in 2016
    EXPECT_TRUE(t.has_county("110103"));  // Chongwen, retired in 2010
    EXPECT_FALSE(t.has_county("990426"));
    EXPECT_FALSE(t.has_county("130171"));  // a statistical development-zone code, not GB/T 2260
    EXPECT_TRUE(t.has_province("31"));
    EXPECT_FALSE(t.has_province("99"));
}
