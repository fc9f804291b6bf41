#pragma once
// A transport that breaks things on purpose: drops, duplicates, delays, reorders and truncates
// requests and responses, including losing a response after the server committed.
#include <chrono>
#include <random>
#include <thread>

#include "fieldgrid/sync/transport.h"

namespace fieldgrid::testing {

class FaultTransport final : public sync::Transport {
public:
    FaultTransport(std::unique_ptr<sync::Transport> inner, uint64_t seed, double fault_rate)
        : inner_(std::move(inner)), rng_(seed), rate_(fault_rate) {}

    sync::HttpResponse post(const sync::HttpRequest& req) override {
        if (!enabled || std::uniform_real_distribution<double>(0, 1)(rng_) >= rate_) return send(req);
        ++faults;
        switch (std::uniform_int_distribution<int>(0, 6)(rng_)) {
            case 0:  // the request never arrives
                return lost("request dropped");
            case 1: {  // the server commits, the answer is lost on the way back
                send(req);
                return lost("response dropped");
            }
            case 2: {  // the request arrives twice
                send(req);
                return send(req);
            }
            case 3: {  // a truncated request body
                sync::HttpRequest cut = req;
                cut.body.resize(cut.body.size() / 2);
                return send(cut);
            }
            case 4: {  // a truncated response body
                auto r = send(req);
                r.body.resize(r.body.size() / 2);
                return r;
            }
            case 5: {  // late: the previous request arrives again after this one
                auto r = send(req);
                if (!previous_.path.empty()) send(previous_);
                return r;
            }
            default: {  // slow network
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                return send(req);
            }
        }
    }

    void set_rate(double r) { rate_ = r; }
    bool enabled = true;
    int faults = 0;

private:
    sync::HttpResponse send(const sync::HttpRequest& req) {
        previous_ = req;
        return inner_->post(req);
    }
    static sync::HttpResponse lost(const char* why) {
        sync::HttpResponse r;
        r.error = why;
        return r;
    }
    std::unique_ptr<sync::Transport> inner_;
    std::mt19937_64 rng_;
    double rate_;
    sync::HttpRequest previous_;
};

}  // namespace fieldgrid::testing
