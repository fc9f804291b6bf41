#pragma once
// gzip for request and response bodies.
#include <optional>
#include <string>
#include <string_view>

namespace fieldgrid::sync {

[[nodiscard]] std::string gzip(std::string_view data);
// nullopt when the data is not gzip or inflates past `max_size` (a guard against zip bombs).
[[nodiscard]] std::optional<std::string> gunzip(std::string_view data, size_t max_size);

inline constexpr const char* kProtobufType = "application/x-protobuf";

}  // namespace fieldgrid::sync
