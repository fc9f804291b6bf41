#include "fieldgrid/search/pinyin.h"

#include <gtest/gtest.h>

using namespace fieldgrid;

TEST(Pinyin, FullAndInitials) {
    auto p = name_pinyin("张三");
    EXPECT_EQ(p.full, "zhangsan");
    EXPECT_EQ(p.initials, "zs");
    EXPECT_EQ(name_pinyin("李小龙").initials, "lxl");
}

TEST(Pinyin, SurnamesUseTheirSurnameReading) {
    EXPECT_EQ(name_pinyin("单田芳").full, "shantianfang");
    EXPECT_EQ(name_pinyin("曾国藩").full, "zengguofan");
    EXPECT_EQ(name_pinyin("解缙").full, "xiejin");
    EXPECT_EQ(name_pinyin("仇英").full, "qiuying");
    EXPECT_EQ(name_pinyin("区志明").full, "ouzhiming");
    EXPECT_EQ(name_pinyin("查良镛").full, "zhaliangyong");
    EXPECT_EQ(name_pinyin("朴树").full, "piaoshu");
    EXPECT_EQ(name_pinyin("翟志刚").full, "zhaizhigang");
    EXPECT_EQ(name_pinyin("尉迟恭").full, "yuchigong");
    EXPECT_EQ(name_pinyin("欧阳修").initials, "oyx");
    EXPECT_EQ(name_pinyin("万俟卨").full.substr(0, 4), "moqi");
}

TEST(Pinyin, OnlyTheSurnamePositionIsSpecial) {
    // 单 in a given name keeps its everyday reading.
    EXPECT_EQ(name_pinyin("王单").full, "wangdan");
    EXPECT_EQ(name_pinyin("曾").full, "zeng");
}

TEST(Pinyin, UmlautIsWrittenV) {
    EXPECT_EQ(name_pinyin("吕布").full, "lvbu");
    EXPECT_EQ(name_pinyin("女").full, "nv");
}

TEST(Pinyin, LatinAndDigitsPassThrough) {
    EXPECT_EQ(name_pinyin("SMITH JOHN").full, "smithjohn");
    EXPECT_EQ(name_pinyin("SMITH JOHN").initials, "sj");
    EXPECT_EQ(text_pinyin("3号楼"), "3haolou");
    EXPECT_TRUE(has_han("A栋"));
    EXPECT_FALSE(has_han("zhangsan"));
    EXPECT_EQ(normalize_pinyin_query(" Zhang San "), "zhangsan");
    EXPECT_EQ(normalize_pinyin_query("xi'an"), "xian");
}
