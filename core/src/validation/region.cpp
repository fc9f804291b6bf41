#include "fieldgrid/validation/region.h"

#include <algorithm>
#include <vector>

namespace fieldgrid {

extern const char* const kGb2260Tsv;  // generated from core/data/gb2260.tsv

struct RegionTable::Impl {
    std::vector<Region> rows;  // sorted by code
    std::vector<std::string> provinces;
};

namespace {
std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (true) {
        size_t tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
        if (tab == std::string_view::npos) break;
        start = tab + 1;
    }
    return out;
}
}  // namespace

RegionTable::RegionTable() : impl_(new Impl) {
    std::string_view text(kGb2260Tsv);
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty() || line[0] == '#') continue;
        auto cols = split_tabs(line);
        if (cols.size() < 4 || cols[0].size() != 6) continue;
        impl_->rows.push_back(Region{std::string(cols[0]), std::string(cols[1]),
                                     std::string(cols[2]), std::string(cols[3])});
    }
    std::sort(impl_->rows.begin(), impl_->rows.end(),
              [](const Region& a, const Region& b) { return a.code < b.code; });
    for (const auto& r : impl_->rows) {
        std::string p = r.code.substr(0, 2);
        if (impl_->provinces.empty() || impl_->provinces.back() != p) impl_->provinces.push_back(p);
    }
}

const RegionTable& RegionTable::builtin() {
    static const RegionTable table;  // built once, never freed: lives for the process
    return table;
}

std::optional<Region> RegionTable::find(std::string_view code) const {
    auto it = std::lower_bound(impl_->rows.begin(), impl_->rows.end(), code,
                               [](const Region& r, std::string_view c) { return r.code < c; });
    if (it == impl_->rows.end() || it->code != code) return std::nullopt;
    return *it;
}

bool RegionTable::has_county(std::string_view code) const {
    auto it = std::lower_bound(impl_->rows.begin(), impl_->rows.end(), code,
                               [](const Region& r, std::string_view c) { return r.code < c; });
    return it != impl_->rows.end() && it->code == code;
}

bool RegionTable::has_province(std::string_view code2) const {
    return std::binary_search(impl_->provinces.begin(), impl_->provinces.end(), code2,
                              [](std::string_view a, std::string_view b) { return a < b; });
}

size_t RegionTable::size() const { return impl_->rows.size(); }

const std::string& RegionTable::code_at(size_t i) const { return impl_->rows.at(i).code; }

std::string Region::full_name() const {
    std::string out = province;
    if (prefecture != "市辖区" && prefecture != "县" && prefecture != province) out += prefecture;
    if (county != "市辖区") out += county;
    return out;
}

}  // namespace fieldgrid
