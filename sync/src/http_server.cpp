#include "fieldgrid/sync/http_server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <mutex>

#include "fieldgrid/sync/codec.h"
#include "fieldgrid/v1/sync.pb.h"

namespace fieldgrid::sync {

namespace {

std::string json_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out;
}

std::string error_body(const std::string& code, const std::string& en, const std::string& zh) {
    fieldgrid::v1::ErrorBody e;
    e.set_code(code);
    e.set_message(en);
    e.set_zh(zh);
    return e.SerializeAsString();
}

}  // namespace

void log_event(const std::string& level, const std::string& event, const std::string& fields) {
    static std::mutex mu;
    std::lock_guard lock(mu);
    std::fprintf(stderr, "{\"ts\":%lld,\"level\":\"%s\",\"event\":\"%s\"%s%s}\n",
                 static_cast<long long>(now_ms()), level.c_str(), json_escape(event).c_str(),
                 fields.empty() ? "" : ",", fields.c_str());
    std::fflush(stderr);
}

struct HttpServer::Impl {
    ServerCore& core;
    HttpOptions opt;
    std::unique_ptr<httplib::Server> server;
    int bound_port = 0;

    Impl(ServerCore& c, HttpOptions o) : core(c), opt(std::move(o)) {}

    void reply(httplib::Response& res, const httplib::Request& req, const HttpResult& r) {
        res.status = r.status;
        bool gz = req.get_header_value("Accept-Encoding").find("gzip") != std::string::npos && r.body.size() > 256;
        if (gz) {
            res.set_header("Content-Encoding", "gzip");
            res.set_content(gzip(r.body), kProtobufType);
        } else {
            res.set_content(r.body, kProtobufType);
        }
    }

    // Content type and size checks shared by every protobuf endpoint.
    bool check(const httplib::Request& req, httplib::Response& res) {
        std::string ct = req.get_header_value("Content-Type");
        if (ct.rfind(kProtobufType, 0) != 0) {
            core.counters().bad_requests++;
            reply(res, req, HttpResult{415, error_body("unsupported_media_type",
                                                       "Content-Type must be application/x-protobuf",
                                                       "请求内容类型错误")});
            return false;
        }
        if (req.body.size() > opt.max_body) {
            core.counters().bad_requests++;
            reply(res, req, HttpResult{413, error_body("too_large", "request body too large", "请求内容过大")});
            return false;
        }
        return true;
    }

    static std::string bearer(const httplib::Request& req) {
        std::string h = req.get_header_value("Authorization");
        if (h.rfind("Bearer ", 0) == 0) return h.substr(7);
        return {};
    }

    void route(const char* path, HttpResult (ServerCore::*fn)(const std::string&, std::string_view, const std::string&)) {
        server->Post(path, [this, path, fn](const httplib::Request& req, httplib::Response& res) {
            auto t0 = std::chrono::steady_clock::now();
            if (!check(req, res)) return;
            HttpResult r;
            try {
                r = (core.*fn)(bearer(req), req.body, req.remote_addr);
            } catch (const std::exception& e) {
                log_event("error", "request_failed", "\"path\":\"" + std::string(path) + "\",\"error\":\"" + json_escape(e.what()) + "\"");
                r = HttpResult{500, error_body("internal", "internal error", "服务器内部错误")};
            }
            reply(res, req, r);
            double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
            log_event("info", "request",
                      "\"path\":\"" + std::string(path) + "\",\"status\":" + std::to_string(r.status) +
                          ",\"bytes_in\":" + std::to_string(req.body.size()) + ",\"bytes_out\":" +
                          std::to_string(res.body.size()) + ",\"ms\":" + std::to_string(ms) + ",\"peer\":\"" +
                          req.remote_addr + "\"");
        });
    }
};

HttpServer::HttpServer(ServerCore& core, HttpOptions options) : impl_(std::make_unique<Impl>(core, std::move(options))) {
    auto& im = *impl_;
    if (!im.opt.tls_cert.empty())
        im.server = std::make_unique<httplib::SSLServer>(im.opt.tls_cert.c_str(), im.opt.tls_key.c_str());
    else
        im.server = std::make_unique<httplib::Server>();
    auto& s = *im.server;
    s.set_payload_max_length(im.opt.max_body);
    // Devices make a few dozen requests per sync: keep their connections (and TLS sessions).
    s.set_keep_alive_max_count(1000);
    s.set_keep_alive_timeout(30);
    s.new_task_queue = [threads = im.opt.threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
    s.Post("/v1/auth/login", [&im](const httplib::Request& req, httplib::Response& res) {
        if (!im.check(req, res)) return;
        HttpResult r;
        try {
            r = im.core.login(req.body, req.remote_addr);
        } catch (const std::exception& e) {
            r = HttpResult{500, error_body("internal", "internal error", "服务器内部错误")};
        }
        im.reply(res, req, r);
        log_event("info", "login", "\"status\":" + std::to_string(r.status) + ",\"peer\":\"" + req.remote_addr + "\"");
    });
    im.route("/v1/sync/push", &ServerCore::push);
    im.route("/v1/sync/pull", &ServerCore::pull);
    im.route("/v1/access/break-glass", &ServerCore::break_glass);
    s.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok\n", "text/plain"); });
    s.Get("/metrics", [&im](const httplib::Request&, httplib::Response& res) {
        res.set_content(im.core.metrics(), "text/plain; version=0.0.4");
    });
    s.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 413)
            res.set_content(error_body("too_large", "request body too large", "请求内容过大"), kProtobufType);
        else if (res.status == 404)
            res.set_content(error_body("not_found", "no such endpoint: " + req.path, "接口不存在"), kProtobufType);
    });
}

HttpServer::~HttpServer() { stop(); }

bool HttpServer::run() {
    auto& im = *impl_;
    if (im.opt.port == 0) {
        im.bound_port = im.server->bind_to_any_port(im.opt.host.c_str());
        if (im.bound_port <= 0) return false;
    } else {
        if (!im.server->bind_to_port(im.opt.host.c_str(), im.opt.port)) return false;
        im.bound_port = im.opt.port;
    }
    log_event("info", "listening",
              "\"host\":\"" + im.opt.host + "\",\"port\":" + std::to_string(im.bound_port) + ",\"tls\":" +
                  (im.opt.tls_cert.empty() ? "false" : "true"));
    return im.server->listen_after_bind();
}

void HttpServer::stop() {
    if (impl_->server && impl_->server->is_running()) impl_->server->stop();
}

bool HttpServer::running() const { return impl_->server->is_running(); }
int HttpServer::port() const { return impl_->bound_port; }

}  // namespace fieldgrid::sync
