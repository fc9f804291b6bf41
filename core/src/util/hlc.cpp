#include "fieldgrid/util/hlc.h"

#include <utility>

namespace fieldgrid {

HlcClock::HlcClock(std::function<int64_t()> wall_ms, Hlc last)
    : wall_(std::move(wall_ms)), last_(last) {}

Hlc HlcClock::now() {
    Hlc wall = make_hlc(wall_(), 0);
    if (wall > last_) {
        last_ = wall;
    } else {
        // The wall clock is behind (or stepped back): count up from the last stamp.
        ++last_;
    }
    return last_;
}

void HlcClock::observe(Hlc remote) {
    if (remote > last_) last_ = remote;
}

}  // namespace fieldgrid
