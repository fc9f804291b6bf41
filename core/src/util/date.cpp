#include "fieldgrid/util/date.h"

#include <chrono>
#include <cstdio>

namespace fieldgrid {

namespace {
bool all_digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}
int to_int(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}
}  // namespace

bool Date::valid(int y, int m, int d) {
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = kDays[m - 1] + ((m == 2 && leap) ? 1 : 0);
    return d <= max;
}

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto y = t.substr(0, 4), m = t.substr(5, 2), d = t.substr(8, 2);
    if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
    Date r{to_int(y), to_int(m), to_int(d)};
    if (!valid(r.year, r.month, r.day)) return std::nullopt;
    return r;
}

std::optional<Date> Date::parse_compact(std::string_view t) {
    if (t.size() != 8 || !all_digits(t)) return std::nullopt;
    Date r{to_int(t.substr(0, 4)), to_int(t.substr(4, 2)), to_int(t.substr(6, 2))};
    if (!valid(r.year, r.month, r.day)) return std::nullopt;
    return r;
}

int64_t Date::days_since_epoch() const {
    using namespace std::chrono;
    auto ymd = year_month_day{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                              std::chrono::day{unsigned(day)}};
    return sys_days{ymd}.time_since_epoch().count();
}

Date Date::from_days(int64_t days) {
    using namespace std::chrono;
    year_month_day ymd{sys_days{std::chrono::days{days}}};
    return Date{int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day()))};
}

Date Date::today_china() {
    int64_t ms = now_ms() + 8LL * 3600 * 1000;
    return from_days(ms / 86400000);
}

std::string Date::str() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace fieldgrid
