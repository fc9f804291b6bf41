#pragma once
// Shared set-up for the benchmarks.
#include <cstdlib>
#include <filesystem>
#include <string>

namespace fieldgrid::bench {

// Scratch files live in FIELDGRID_BENCH_DIR (default: ./bench-data under the working directory).
inline std::string data_dir() {
    const char* d = std::getenv("FIELDGRID_BENCH_DIR");
    std::filesystem::path p = d && *d ? d : "bench-data";
    std::filesystem::create_directories(p);
    return p.string();
}

inline void remove_db(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

}  // namespace fieldgrid::bench
