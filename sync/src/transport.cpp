#include "fieldgrid/sync/transport.h"

#include <curl/curl.h>

#include <mutex>

#include "fieldgrid/sync/codec.h"

namespace fieldgrid::sync {

namespace {
size_t collect(char* ptr, size_t size, size_t n, void* user) {
    static_cast<std::string*>(user)->append(ptr, size * n);
    return size * n;
}
void global_init() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}
}  // namespace

struct CurlTransport::Impl {
    std::string base;
    CurlOptions opt;
    CURL* curl = nullptr;  // reused: keeps the connection (and TLS session) alive
};

CurlTransport::CurlTransport(std::string base_url, CurlOptions options) : impl_(std::make_unique<Impl>()) {
    global_init();
    while (!base_url.empty() && base_url.back() == '/') base_url.pop_back();
    impl_->base = std::move(base_url);
    impl_->opt = std::move(options);
    impl_->curl = curl_easy_init();
}

CurlTransport::~CurlTransport() {
    if (impl_->curl) curl_easy_cleanup(impl_->curl);
}

HttpResponse CurlTransport::post(const HttpRequest& req) {
    HttpResponse out = attempt(req, true);
    // A kept-alive connection the server has just closed, or a stale TLS session: one fresh
    // attempt. Every endpoint is safe to repeat (pushes are deduplicated on the server).
    if (out.status == 0 && out.retryable) out = attempt(req, false);
    return out;
}

HttpResponse CurlTransport::attempt(const HttpRequest& req, bool reuse) {
    HttpResponse out;
    CURL* c = impl_->curl;
    if (!c) {
        out.error = "libcurl could not start";
        return out;
    }
    curl_easy_reset(c);
    std::string url = impl_->base + req.path;
    std::string body = req.body;
    struct curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Content-Type: application/x-protobuf");
    if (impl_->opt.compress && body.size() > 1024) {
        body = gzip(body);
        headers = curl_slist_append(headers, "Content-Encoding: gzip");
    }
    std::string auth;
    if (!req.token.empty()) {
        auth = "Authorization: Bearer " + req.token;
        headers = curl_slist_append(headers, auth.c_str());
    }
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_POST, 1L);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip");
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, impl_->opt.timeout_ms);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, impl_->opt.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!impl_->opt.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, impl_->opt.ca_file.c_str());
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &out.body);
    if (!reuse) {
        curl_easy_setopt(c, CURLOPT_FRESH_CONNECT, 1L);
        curl_easy_setopt(c, CURLOPT_SSL_SESSIONID_CACHE, 0L);
    }
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        out.status = 0;
        out.body.clear();
        out.error = curl_easy_strerror(rc);
        out.retryable = rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR ||
                        rc == CURLE_GOT_NOTHING;
        return out;
    }
    long code = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
    out.status = static_cast<int>(code);
    return out;
}

}  // namespace fieldgrid::sync
