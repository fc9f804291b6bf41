#pragma once
// Time-ordered UUIDs (RFC 9562 version 7), made where a record is created.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <string_view>

namespace fieldgrid {

struct Uuid {
    std::array<uint8_t, 16> bytes{};

    [[nodiscard]] bool is_nil() const;
    [[nodiscard]] std::string str() const;  // 8-4-4-4-12 lower-case hex
    [[nodiscard]] static std::optional<Uuid> parse(std::string_view text);
    [[nodiscard]] static Uuid from_bytes(const void* data, size_t size);  // nil unless size == 16
    [[nodiscard]] int64_t unix_ms() const;  // the embedded time of a v7 id
    auto operator<=>(const Uuid&) const = default;
};

// Makes v7 ids: strictly increasing within one generator, even within one millisecond.
class UuidGen {
public:
    UuidGen();  // system clock, random seed
    UuidGen(std::function<int64_t()> clock_ms, uint64_t seed);  // deterministic, for the demo town
    [[nodiscard]] Uuid next();

private:
    std::function<int64_t()> clock_;
    std::mt19937_64 rng_;
    int64_t last_ms_ = 0;
    uint16_t counter_ = 0;
};

// A process-wide generator for ordinary use.
[[nodiscard]] Uuid new_uuid();

struct UuidHash {
    size_t operator()(const Uuid& u) const noexcept;
};

}  // namespace fieldgrid
