#pragma once
// GB/T 2260 administrative divisions (county level, current and retired codes), shipped offline.
#include <optional>
#include <string>
#include <string_view>

namespace fieldgrid {

struct Region {
    std::string code;  // 6 digits
    std::string province;
    std::string prefecture;
    std::string county;
    [[nodiscard]] std::string full_name() const;  // "上海市青浦区"
};

class RegionTable {
public:
    // The table compiled into the library from core/data/gb2260.tsv.
    static const RegionTable& builtin();

    [[nodiscard]] std::optional<Region> find(std::string_view code6) const;
    [[nodiscard]] bool has_county(std::string_view code6) const;
    [[nodiscard]] bool has_province(std::string_view code2) const;
    [[nodiscard]] size_t size() const;
    // Every county code in order; the demo town draws hukou places from it.
    [[nodiscard]] const std::string& code_at(size_t i) const;

    struct Impl;

private:
    RegionTable();
    Impl* impl_;
};

}  // namespace fieldgrid
