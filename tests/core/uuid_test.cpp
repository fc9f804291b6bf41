#include "fieldgrid/util/uuid.h"

#include <gtest/gtest.h>

#include <set>

using namespace fieldgrid;

TEST(Uuid, V7HasVersionVariantAndTime) {
    int64_t fixed = 1767196800000;  // 2026-01-01T00:00:00Z
    UuidGen gen([&] { return fixed; }, 7);
    Uuid u = gen.next();
    EXPECT_EQ(u.bytes[6] >> 4, 7);
    EXPECT_EQ(u.bytes[8] >> 6, 2);
    EXPECT_EQ(u.unix_ms(), fixed);
}

TEST(Uuid, StrictlyIncreasingWithinOneMillisecond) {
    UuidGen gen([] { return int64_t{1767196800000}; }, 1);
    Uuid prev = gen.next();
    for (int i = 0; i < 20000; ++i) {
        Uuid u = gen.next();
        ASSERT_LT(prev, u) << "at " << i;
        prev = u;
    }
}

TEST(Uuid, TextRoundTrip) {
    Uuid u = new_uuid();
    auto s = u.str();
    EXPECT_EQ(s.size(), 36u);
    EXPECT_EQ(Uuid::parse(s), u);
    EXPECT_FALSE(Uuid::parse("not-a-uuid"));
    EXPECT_FALSE(Uuid::parse("0123"));
}

TEST(Uuid, DeterministicForSeedAndClock) {
    UuidGen a([] { return int64_t{1000}; }, 42), b([] { return int64_t{1000}; }, 42);
    for (int i = 0; i < 10; ++i) EXPECT_EQ(a.next(), b.next());
}
