#pragma once
// Calendar dates as people write them (YYYY-MM-DD), in China's time zone.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fieldgrid {

struct Date {
    int year = 0;
    int month = 0;
    int day = 0;

    [[nodiscard]] static std::optional<Date> parse(std::string_view text);    // "YYYY-MM-DD"
    [[nodiscard]] static std::optional<Date> parse_compact(std::string_view digits);  // "YYYYMMDD"
    [[nodiscard]] static bool valid(int y, int m, int d);
    [[nodiscard]] static Date today_china();  // UTC+8, China has no daylight saving
    [[nodiscard]] static Date from_days(int64_t days_since_epoch);
    [[nodiscard]] int64_t days_since_epoch() const;
    [[nodiscard]] std::string str() const;  // "YYYY-MM-DD"
    auto operator<=>(const Date&) const = default;
};

// Milliseconds since the Unix epoch, from the system clock.
[[nodiscard]] int64_t now_ms();

}  // namespace fieldgrid
