// fieldgrid-server: the central sync server and its account administration.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <map>
#include <pthread.h>
#include <string>
#include <thread>
#include <vector>

#include "fieldgrid/sync/http_server.h"
#include "fieldgrid/sync/server_core.h"

using namespace fieldgrid;
using namespace fieldgrid::sync;

namespace {

const char* kHelp =
    "usage:\n"
    "  fieldgrid-server --db FILE --listen HOST:PORT [--tls-cert FILE --tls-key FILE]\n"
    "                   [--demo] [--demo-persons N]\n"
    "  fieldgrid-server user add NAME --db FILE --role ROLE [--display TEXT] [--grids IDS]\n"
    "                   [--villages IDS] [--police-area CODE]      (password on stdin)\n"
    "  fieldgrid-server user list --db FILE\n"
    "  fieldgrid-server user disable NAME --db FILE\n"
    "  fieldgrid-server device list --db FILE\n"
    "  fieldgrid-server device revoke DEVICE_ID --db FILE\n"
    "  fieldgrid-server epoch new --db FILE        (devices re-snapshot on their next pull)\n"
    "\n"
    "ROLE is grid_leader, police, coordinator, informant, office or admin. IDS are comma-separated\n"
    "record ids. --demo fills an empty database with the demo town and one account per role\n"
    "(coordinator, gridleader, police, informant, office, admin; password demo1234).\n"
    "Endpoints: POST /v1/auth/login, /v1/sync/push, /v1/sync/pull, /v1/access/break-glass;\n"
    "GET /healthz, /metrics. SIGTERM or SIGINT stops it gracefully.\n";

struct Args {
    std::vector<std::string> pos;
    std::map<std::string, std::string> opt;
    bool demo = false, help = false;
    std::string error;
};

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "--help" || s == "-h") a.help = true;
        else if (s == "--demo") a.demo = true;
        else if (s.rfind("--", 0) == 0) {
            static const char* kWith[] = {"db", "listen", "tls-cert", "tls-key", "role", "display", "grids",
                                          "villages", "police-area", "demo-persons", "threads"};
            bool known = false;
            for (auto k : kWith) known = known || s.substr(2) == k;
            if (!known) {
                a.error = "unknown option " + s;
                return a;
            }
            if (i + 1 >= argc) {
                a.error = "option " + s + " needs a value";
                return a;
            }
            a.opt[s.substr(2)] = argv[++i];
        } else {
            a.pos.push_back(s);
        }
    }
    return a;
}

std::vector<Uuid> ids(const std::string& s, bool& ok) {
    std::vector<Uuid> out;
    size_t start = 0;
    while (start < s.size()) {
        size_t c = s.find(',', start);
        auto u = Uuid::parse(s.substr(start, c == std::string::npos ? std::string::npos : c - start));
        if (!u) ok = false;
        else out.push_back(*u);
        if (c == std::string::npos) break;
        start = c + 1;
    }
    return out;
}

int usage(const std::string& msg) {
    std::cerr << "fieldgrid-server: " << msg << "\n\n" << kHelp;
    return 2;
}

int serve(const Args& a) {
    if (!a.opt.count("listen")) return usage("--listen HOST:PORT is required");
    std::string listen = a.opt.at("listen");
    auto colon = listen.rfind(':');
    if (colon == std::string::npos) return usage("--listen must be HOST:PORT");
    HttpOptions ho;
    ho.host = listen.substr(0, colon);
    try {
        ho.port = std::stoi(listen.substr(colon + 1));
    } catch (...) {
        return usage("--listen port must be a number");
    }
    if (a.opt.count("tls-cert") != a.opt.count("tls-key")) return usage("--tls-cert and --tls-key go together");
    if (a.opt.count("tls-cert")) {
        ho.tls_cert = a.opt.at("tls-cert");
        ho.tls_key = a.opt.at("tls-key");
    }
    if (a.opt.count("threads")) ho.threads = std::stoi(a.opt.at("threads"));

    // Signals are taken by a dedicated thread, so the server stops cleanly between requests.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    ServerCore core(a.opt.at("db"));
    if (a.demo) {
        int64_t n = a.opt.count("demo-persons") ? std::stoll(a.opt.at("demo-persons")) : 20000;
        log_event("info", "demo_seed", "\"persons\":" + std::to_string(n));
        core.seed_demo(n, 1);
    }
    HttpServer server(core, ho);
    std::thread waiter([&] {
        int sig = 0;
        sigwait(&set, &sig);
        log_event("info", "stopping", "\"signal\":" + std::to_string(sig));
        server.stop();
    });
    bool ok = server.run();
    if (!ok) {
        log_event("error", "bind_failed", "\"listen\":\"" + listen + "\"");
        pthread_kill(waiter.native_handle(), SIGTERM);
        waiter.join();
        return 1;
    }
    waiter.join();
    log_event("info", "stopped", "");
    return 0;
}

int admin(const Args& a) {
    const std::string& what = a.pos[0];
    std::string verb = a.pos.size() > 1 ? a.pos[1] : "";
    ServerCore core(a.opt.at("db"));
    if (what == "user" && verb == "add") {
        if (a.pos.size() < 3) return usage("user add needs a NAME");
        if (!a.opt.count("role")) return usage("--role is required");
        auto role = role_from_code(a.opt.at("role"));
        if (!role) return usage("unknown role " + a.opt.at("role"));
        Account acc;
        acc.username = a.pos[2];
        acc.role = *role;
        acc.display_name = a.opt.count("display") ? a.opt.at("display") : acc.username;
        bool ok = true;
        if (a.opt.count("grids")) acc.grids = ids(a.opt.at("grids"), ok);
        if (a.opt.count("villages")) acc.villages = ids(a.opt.at("villages"), ok);
        if (!ok) return usage("--grids and --villages take comma-separated record ids");
        if (a.opt.count("police-area")) acc.police_area = a.opt.at("police-area");
        std::string password;
        std::getline(std::cin, password);
        if (password.size() < 8) {
            std::cerr << "fieldgrid-server: password (on stdin) must have at least 8 characters\n";
            return 1;
        }
        core.add_user(acc, password);
        std::cout << "user " << acc.username << " (" << role_code(acc.role) << ") saved\n";
        return 0;
    }
    if (what == "user" && verb == "list") {
        for (const auto& u : core.users())
            std::printf("%-16s %-12s %-9s %s\n", u.username.c_str(), std::string(role_code(u.role)).c_str(),
                        u.disabled ? "disabled" : "active", u.display_name.c_str());
        return 0;
    }
    if (what == "user" && verb == "disable") {
        if (a.pos.size() < 3) return usage("user disable needs a NAME");
        if (!core.disable_user(a.pos[2])) {
            std::cerr << "fieldgrid-server: no user " << a.pos[2] << "\n";
            return 1;
        }
        std::cout << "user " << a.pos[2] << " disabled; their tokens are void\n";
        return 0;
    }
    if (what == "device" && verb == "list") {
        for (const auto& d : core.devices())
            std::printf("%s  %-14s %-8s %s\n", d.id.str().c_str(), d.username.c_str(), d.revoked ? "revoked" : "active",
                        d.name.c_str());
        return 0;
    }
    if (what == "device" && verb == "revoke") {
        if (a.pos.size() < 3) return usage("device revoke needs a DEVICE_ID");
        auto id = Uuid::parse(a.pos[2]);
        if (!id) return usage("not a device id: " + a.pos[2]);
        if (!core.revoke_device(*id)) {
            std::cerr << "fieldgrid-server: no device " << a.pos[2] << "\n";
            return 1;
        }
        std::cout << "device " << a.pos[2] << " revoked: it will erase its data on next contact\n";
        return 0;
    }
    if (what == "epoch" && verb == "new") {
        core.new_epoch();
        std::cout << "new epoch " << core.epoch() << "\n";
        return 0;
    }
    return usage("unknown command " + what + " " + verb);
}

}  // namespace

int main(int argc, char** argv) {
    Args a = parse(argc, argv);
    if (a.help) return std::cout << kHelp, 0;
    if (!a.error.empty()) return usage(a.error);
    if (!a.opt.count("db")) return usage("--db is required");
    try {
        if (a.pos.empty()) return serve(a);
        return admin(a);
    } catch (const std::exception& e) {
        log_event("error", "fatal", "\"error\":\"" + std::string(e.what()) + "\"");
        std::cerr << "fieldgrid-server: " << e.what() << "\n";
        return 3;
    }
}
