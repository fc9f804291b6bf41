#pragma once
// The HTTP(S) face of the server: routes, content checks, compression, logs.
#include <memory>
#include <string>

#include "fieldgrid/sync/server_core.h"

namespace fieldgrid::sync {

struct HttpOptions {
    std::string host = "127.0.0.1";
    int port = 8443;
    std::string tls_cert, tls_key;        // both set: HTTPS
    size_t max_body = 16 * 1024 * 1024;   // compressed or not, after decompression too
    int threads = 8;
};

class HttpServer {
public:
    HttpServer(ServerCore& core, HttpOptions options);
    ~HttpServer();
    // Binds and serves until stop(); returns false when the address cannot be bound.
    bool run();
    void stop();
    [[nodiscard]] bool running() const;
    [[nodiscard]] int port() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

// One JSON line on stderr: {"ts":...,"level":"info","event":...,...}.
void log_event(const std::string& level, const std::string& event, const std::string& fields_json);

}  // namespace fieldgrid::sync
