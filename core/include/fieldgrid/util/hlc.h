#pragma once
// Hybrid logical clock: 48-bit Unix milliseconds << 16 | 16-bit counter.
#include <cstdint>
#include <functional>

namespace fieldgrid {

using Hlc = uint64_t;

[[nodiscard]] constexpr int64_t hlc_ms(Hlc h) { return static_cast<int64_t>(h >> 16); }
[[nodiscard]] constexpr uint16_t hlc_counter(Hlc h) { return static_cast<uint16_t>(h & 0xffff); }
[[nodiscard]] constexpr Hlc make_hlc(int64_t ms, uint16_t counter) {
    return (static_cast<uint64_t>(ms) << 16) | counter;
}

class HlcClock {
public:
    explicit HlcClock(std::function<int64_t()> wall_ms, Hlc last = 0);

    // A timestamp larger than every one issued or observed before.
    [[nodiscard]] Hlc now();
    // Folds in a timestamp seen from elsewhere, so later local ones sort after it.
    void observe(Hlc remote);
    [[nodiscard]] Hlc last() const { return last_; }

private:
    std::function<int64_t()> wall_;
    Hlc last_;
};

}  // namespace fieldgrid
