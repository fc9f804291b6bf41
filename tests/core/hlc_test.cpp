#include "fieldgrid/util/hlc.h"

#include <gtest/gtest.h>

using namespace fieldgrid;

TEST(Hlc, FollowsWallClockAndNeverGoesBack) {
    int64_t wall = 1000;
    HlcClock c([&] { return wall; });
    Hlc a = c.now();
    EXPECT_EQ(hlc_ms(a), 1000);
    Hlc b = c.now();
    EXPECT_GT(b, a);
    EXPECT_EQ(hlc_ms(b), 1000);
    EXPECT_EQ(hlc_counter(b), 1);
    wall = 500;  // the clock is set back
    Hlc d = c.now();
    EXPECT_GT(d, b);
    wall = 2000;
    EXPECT_EQ(c.now(), make_hlc(2000, 0));
}

TEST(Hlc, ObservedRemoteStampsPushLocalOnes) {
    int64_t wall = 1000;
    HlcClock c([&] { return wall; });
    c.observe(make_hlc(5000, 3));
    Hlc next = c.now();
    EXPECT_GT(next, make_hlc(5000, 3));
}

TEST(Hlc, StartsAfterPersistedStamp) {
    HlcClock c([] { return int64_t{10}; }, make_hlc(99, 0));
    EXPECT_GT(c.now(), make_hlc(99, 0));
}
