#include "fieldgrid/util/date.h"

#include <gtest/gtest.h>

using fieldgrid::Date;

TEST(Date, ParsesRealDatesOnly) {
    EXPECT_EQ(Date::parse("2024-02-29"), (Date{2024, 2, 29}));
    EXPECT_FALSE(Date::parse("2023-02-29"));
    EXPECT_FALSE(Date::parse("1900-02-29"));
    EXPECT_TRUE(Date::parse("2000-02-29"));
    EXPECT_FALSE(Date::parse("2024-13-01"));
    EXPECT_FALSE(Date::parse("2024-04-31"));
    EXPECT_FALSE(Date::parse("2024-4-1"));
    EXPECT_FALSE(Date::parse("20240401"));
    EXPECT_EQ(Date::parse_compact("19491001"), (Date{1949, 10, 1}));
    EXPECT_FALSE(Date::parse_compact("19491301"));
}

TEST(Date, RoundTripsThroughDays) {
    Date d{1991, 1, 1};
    EXPECT_EQ(Date::from_days(d.days_since_epoch()), d);
    EXPECT_EQ(Date::from_days(0), (Date{1970, 1, 1}));
    EXPECT_EQ(d.str(), "1991-01-01");
    EXPECT_LT((Date{1991, 1, 1}), (Date{1991, 1, 2}));
}
