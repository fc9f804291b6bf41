#include "fieldgrid/util/uuid.h"

#include <cstring>
#include <mutex>

#include "fieldgrid/util/date.h"

namespace fieldgrid {

bool Uuid::is_nil() const {
    for (auto b : bytes)
        if (b) return false;
    return true;
}

std::string Uuid::str() const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
        out.push_back(kHex[bytes[i] >> 4]);
        out.push_back(kHex[bytes[i] & 15]);
    }
    return out;
}

std::optional<Uuid> Uuid::parse(std::string_view t) {
    Uuid u;
    size_t n = 0;
    int hi = -1;
    for (char c : t) {
        if (c == '-') continue;
        int v;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
        else return std::nullopt;
        if (hi < 0) {
            hi = v;
        } else {
            if (n >= 16) return std::nullopt;
            u.bytes[n++] = static_cast<uint8_t>(hi << 4 | v);
            hi = -1;
        }
    }
    if (n != 16 || hi >= 0) return std::nullopt;
    return u;
}

Uuid Uuid::from_bytes(const void* data, size_t size) {
    Uuid u;
    if (size == 16) std::memcpy(u.bytes.data(), data, 16);
    return u;
}

int64_t Uuid::unix_ms() const {
    int64_t ms = 0;
    for (int i = 0; i < 6; ++i) ms = ms << 8 | bytes[i];
    return ms;
}

UuidGen::UuidGen() : clock_(now_ms), rng_(std::random_device{}()) {}

UuidGen::UuidGen(std::function<int64_t()> clock_ms, uint64_t seed)
    : clock_(std::move(clock_ms)), rng_(seed) {}

Uuid UuidGen::next() {
    int64_t ms = clock_();
    if (ms > last_ms_) {
        last_ms_ = ms;
        counter_ = static_cast<uint16_t>(rng_() & 0x3ff);  // leave room to count up
    } else if (++counter_ > 0xfff) {
        // 4096 ids in one millisecond: borrow the next millisecond to stay ordered.
        ++last_ms_;
        counter_ = 0;
    }
    Uuid u;
    uint64_t ms48 = static_cast<uint64_t>(last_ms_);
    for (int i = 0; i < 6; ++i) u.bytes[i] = static_cast<uint8_t>(ms48 >> (40 - 8 * i));
    u.bytes[6] = static_cast<uint8_t>(0x70 | (counter_ >> 8));
    u.bytes[7] = static_cast<uint8_t>(counter_ & 0xff);
    uint64_t r = rng_();
    for (int i = 8; i < 16; ++i) u.bytes[i] = static_cast<uint8_t>(r >> (8 * (i - 8)));
    u.bytes[8] = static_cast<uint8_t>(0x80 | (u.bytes[8] & 0x3f));
    return u;
}

Uuid new_uuid() {
    static std::mutex mu;
    static UuidGen gen;
    std::lock_guard lock(mu);
    return gen.next();
}

size_t UuidHash::operator()(const Uuid& u) const noexcept {
    uint64_t a, b;
    std::memcpy(&a, u.bytes.data(), 8);
    std::memcpy(&b, u.bytes.data() + 8, 8);
    return std::hash<uint64_t>{}(a ^ (b * 0x9e3779b97f4a7c15ULL));
}

}  // namespace fieldgrid
