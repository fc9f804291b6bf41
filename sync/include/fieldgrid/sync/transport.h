#pragma once
// How the device talks to the server: an interface, so tests can inject faults; libcurl for real.
#include <memory>
#include <string>

namespace fieldgrid::sync {

struct HttpRequest {
    std::string path;   // "/v1/sync/push"
    std::string body;   // protobuf, uncompressed
    std::string token;  // bearer token, may be empty
};

struct HttpResponse {
    int status = 0;     // 0: no answer (network down, timeout, TLS failure)
    std::string body;   // protobuf, decompressed
    std::string error;  // what went wrong when status is 0
    bool retryable = false;  // the connection failed in a way a fresh one may not
};

class Transport {
public:
    virtual ~Transport() = default;
    virtual HttpResponse post(const HttpRequest& req) = 0;
};

struct CurlOptions {
    std::string ca_file;         // trust this CA (PEM) instead of the system's
    long timeout_ms = 30000;
    long connect_timeout_ms = 5000;
    bool compress = true;        // gzip request bodies over 1 KiB
};

// HTTPS (or HTTP for loopback tests) with certificate verification always on.
class CurlTransport final : public Transport {
public:
    CurlTransport(std::string base_url, CurlOptions options = {});
    ~CurlTransport() override;
    HttpResponse post(const HttpRequest& req) override;

private:
    HttpResponse attempt(const HttpRequest& req, bool reuse);
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace fieldgrid::sync
