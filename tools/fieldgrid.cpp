// The fieldgrid command line: demo town, validators, search and statistics.
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "fieldgrid/demo/demo_town.h"
#include "fieldgrid/search/search.h"
#include "fieldgrid/store/store.h"
#include "fieldgrid/sync/engine.h"
#include "fieldgrid/sync/transport.h"
#include "fieldgrid/validation/id_number.h"
#include "fieldgrid/validation/mobile.h"
#include "fieldgrid/validation/region.h"
#include "fieldgrid/validation/uscc.h"

using namespace fieldgrid;

namespace {

constexpr int kOk = 0, kInvalid = 1, kUsage = 2, kStoreFailure = 3;

const char* kMainHelp =
    "usage: fieldgrid <command> [options]\n"
    "\n"
    "commands:\n"
    "  demo      build a deterministic demo town database\n"
    "  validate  check an ID number, credit code or mobile number\n"
    "  search    search people, houses, units and addresses\n"
    "  stats     show what a database holds\n"
    "  sync      push this device's changes to the server and pull what is new\n"
    "  status    show pending changes, last success, rejected changes and conflicts\n"
    "  edit      change fields of a record through the write path\n"
    "\n"
    "Run 'fieldgrid <command> --help' for a command's options.\n";

const char* kDemoHelp =
    "usage: fieldgrid demo --db FILE --persons N [--seed S]\n"
    "\n"
    "Builds a demo town (villages, grids, addresses, houses, people, units, rosters and some\n"
    "visits, tasks, flags, tips and meetings) into a new database FILE. The same seed gives the\n"
    "same town. An existing database with records is never overwritten.\n"
    "\n"
    "  --db FILE      database file to create\n"
    "  --persons N    number of people (default 2000)\n"
    "  --seed S       random seed (default 1)\n"
    "  --batch N      changes per transaction (default 4000)\n";

const char* kValidateHelp =
    "usage: fieldgrid validate id|uscc|mobile VALUE [--type TYPE]\n"
    "\n"
    "Prints the normalised value and exits 0 when VALUE is valid; otherwise prints one line per\n"
    "failed rule (field: rule: message) and exits 1.\n"
    "\n"
    "  id      identity document number; the type is guessed from its shape unless --type is\n"
    "          given: resident_id, hk_mo_permit, tw_permit, foreign_pr, passport\n"
    "  uscc    unified social credit code (GB 32100)\n"
    "  mobile  mainland mobile number\n";

const char* kSearchHelp =
    "usage: fieldgrid search --db FILE [--limit N] [--page P] [--only KIND] QUERY\n"
    "\n"
    "Searches by ID number, name, pinyin (full or initials), phone, credit code, unit name and\n"
    "address text; prints ranked results, best first. ID numbers are shown masked.\n"
    "\n"
    "  --db FILE     database file\n"
    "  --limit N     results per page (default 20)\n"
    "  --page P      page number, from 1 (default 1)\n"
    "  --only KIND   person, house, unit or address\n";

const char* kStatsHelp =
    "usage: fieldgrid stats --db FILE\n"
    "\n"
    "Prints record counts, residents living, derived house labels, pending changes and size.\n";

const char* kSyncHelp =
    "usage: fieldgrid sync --db DEVICE.db --server URL --user NAME [--ca FILE] [--device-name TEXT]\n"
    "\n"
    "Logs in (password from FIELDGRID_PASSWORD, else the first line of stdin), pushes every pending\n"
    "change and pulls until up to date. Exit 0 when in sync, 1 when the server refused something or\n"
    "conflicts wait, 4 when the server could not be reached (changes stay queued).\n"
    "\n"
    "  --db FILE          the device database (created when missing)\n"
    "  --server URL       e.g. https://town.example:8443\n"
    "  --user NAME        account name\n"
    "  --ca FILE          trust this CA certificate (PEM) for the server's TLS certificate\n"
    "  --device-name TEXT how the device is listed on the server (default: fieldgrid-cli)\n";

const char* kStatusHelp =
    "usage: fieldgrid status --db DEVICE.db\n"
    "\n"
    "Shows the sync state: pending changes, last success, last error, changes the server rejected\n"
    "(with reasons) and open conflicts.\n";

const char* kEditHelp =
    "usage: fieldgrid edit --db FILE RECORD ID FIELD=VALUE...\n"
    "\n"
    "Sets fields of a record (created when the id is new) through the one write path: validated,\n"
    "stamped and queued for sync. RECORD is a record name (person, residence, house, unit, ...);\n"
    "ID is the record id, or 'new' for a fresh one (printed). An empty VALUE clears the field.\n"
    "Exit 1 with one line per failed rule when the change is refused; nothing is written then.\n";

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::string> options;
    bool help = false;
    std::string error;
};

Args parse(int argc, char** argv, int start, std::initializer_list<const char*> with_value) {
    Args a;
    for (int i = start; i < argc; ++i) {
        std::string s = argv[i];
        if (s == "--help" || s == "-h") {
            a.help = true;
        } else if (s.rfind("--", 0) == 0 && s.size() > 2) {
            std::string key = s.substr(2), value;
            auto eq = key.find('=');
            bool takes = false;
            if (eq != std::string::npos) {
                value = key.substr(eq + 1);
                key = key.substr(0, eq);
            }
            for (auto w : with_value) takes = takes || key == w;
            if (!takes) {
                a.error = "unknown option --" + key;
                return a;
            }
            if (eq == std::string::npos) {
                if (i + 1 >= argc) {
                    a.error = "option --" + key + " needs a value";
                    return a;
                }
                value = argv[++i];
            }
            a.options[key] = value;
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

bool to_int(const std::string& s, int64_t& out) {
    if (s.empty()) return false;
    char* end = nullptr;
    long long v = std::strtoll(s.c_str(), &end, 10);
    if (*end != '\0') return false;
    out = v;
    return true;
}

int usage_error(const std::string& msg, const char* help) {
    std::cerr << "fieldgrid: " << msg << "\n\n" << help;
    return kUsage;
}

std::unique_ptr<Store> open_store(const std::string& path, bool create) {
    StoreOptions o;
    o.create = create;
    return Store::open(path, o);
}

int cmd_demo(const Args& a) {
    if (a.help) return std::cout << kDemoHelp, kOk;
    if (!a.error.empty()) return usage_error(a.error, kDemoHelp);
    if (!a.options.count("db")) return usage_error("--db is required", kDemoHelp);
    DemoOptions opt;
    int64_t v;
    if (a.options.count("persons")) {
        if (!to_int(a.options.at("persons"), v) || v < 10 || v > 20'000'000)
            return usage_error("--persons must be a whole number from 10 to 20000000", kDemoHelp);
        opt.persons = v;
    }
    if (a.options.count("seed")) {
        if (!to_int(a.options.at("seed"), v) || v < 0) return usage_error("--seed must be a whole number", kDemoHelp);
        opt.seed = static_cast<uint64_t>(v);
    }
    if (a.options.count("batch")) {
        if (!to_int(a.options.at("batch"), v) || v < 1) return usage_error("--batch must be positive", kDemoHelp);
        opt.batch = static_cast<size_t>(v);
    }
    std::string path = a.options.at("db");
    auto store = open_store(path, true);
    if (store->stats().counts[static_cast<int>(RecordType::Person)] > 0) {
        std::cerr << "fieldgrid: " << path << " already holds records; the demo town needs a new file\n";
        return kInvalid;
    }
    auto t0 = std::chrono::steady_clock::now();
    int64_t last_report = 0;
    opt.progress = [&](int64_t done) {
        if (done - last_report >= 100000) {
            last_report = done;
            std::cerr << "  " << done << " people...\n";
        }
    };
    DemoSummary s = build_demo_town(*store, opt);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("demo town written to %s in %.1f s (%.0f people/s)\n", path.c_str(), secs,
                static_cast<double>(s.persons) / secs);
    std::printf("  villages %lld, grids %lld, addresses %lld, houses %lld, people %lld, units %lld,\n"
                "  roster lines %lld, visits %lld, tasks %lld, flags %lld, tips %lld, meetings %lld\n",
                (long long)s.villages, (long long)s.grids, (long long)s.addresses, (long long)s.houses,
                (long long)s.persons, (long long)s.units, (long long)s.employments, (long long)s.visits,
                (long long)s.tasks, (long long)s.flags, (long long)s.tips, (long long)s.meetings);
    return kOk;
}

int cmd_validate(const Args& a) {
    if (a.help) return std::cout << kValidateHelp, kOk;
    if (!a.error.empty()) return usage_error(a.error, kValidateHelp);
    if (a.positional.size() != 2) return usage_error("expected a kind and a value", kValidateHelp);
    const std::string& kind = a.positional[0];
    const std::string& value = a.positional[1];
    Issues issues;
    std::string normalized;
    if (kind == "id") {
        IdType type = guess_id_type(value);
        if (a.options.count("type")) {
            auto t = id_type_from_code(a.options.at("type"));
            if (!t) return usage_error("unknown --type " + a.options.at("type"), kValidateHelp);
            type = *t;
        }
        auto r = check_id(type, value, Date::today_china());
        issues = r.issues;
        if (r.ok()) normalized = r.info->normalized;
    } else if (kind == "uscc") {
        auto r = check_uscc(value);
        issues = r.issues;
        normalized = r.normalized;
    } else if (kind == "mobile") {
        auto r = check_mobile(value);
        issues = r.issues;
        normalized = r.normalized;
    } else {
        return usage_error("unknown kind '" + kind + "' (id, uscc or mobile)", kValidateHelp);
    }
    if (!issues.empty()) {
        std::cout << format_issues(issues);
        return kInvalid;
    }
    std::cout << normalized << "\n";
    return kOk;
}

int cmd_search(const Args& a) {
    if (a.help) return std::cout << kSearchHelp, kOk;
    if (!a.error.empty()) return usage_error(a.error, kSearchHelp);
    if (!a.options.count("db")) return usage_error("--db is required", kSearchHelp);
    if (a.positional.empty()) return usage_error("a query is required", kSearchHelp);
    SearchQuery q;
    for (size_t i = 0; i < a.positional.size(); ++i) q.text += (i ? " " : "") + a.positional[i];
    int64_t v;
    if (a.options.count("limit")) {
        if (!to_int(a.options.at("limit"), v) || v < 1 || v > 1000)
            return usage_error("--limit must be from 1 to 1000", kSearchHelp);
        q.limit = static_cast<size_t>(v);
    }
    if (a.options.count("page")) {
        if (!to_int(a.options.at("page"), v) || v < 1) return usage_error("--page must be 1 or more", kSearchHelp);
        q.offset = static_cast<size_t>(v - 1) * q.limit;
    }
    if (a.options.count("only")) {
        const std::string& k = a.options.at("only");
        if (k != "person" && k != "house" && k != "unit" && k != "address")
            return usage_error("--only must be person, house, unit or address", kSearchHelp);
        q.people = k == "person";
        q.houses = k == "house";
        q.units = k == "unit";
        q.addresses = k == "address";
    }
    auto store = open_store(a.options.at("db"), false);
    auto t0 = std::chrono::steady_clock::now();
    SearchPage page = search(store->db(), q);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    size_t n = q.offset;
    for (const auto& h : page.hits) {
        std::printf("%3zu. [%s] %s  (%s)  %s\n", ++n, std::string(hit_kind_name(h.kind)).c_str(),
                    h.title.c_str(), std::string(match_name(h.match)).c_str(), h.subtitle.c_str());
    }
    std::printf("%zu result%s on this page%s (%.1f ms)\n", page.hits.size(), page.hits.size() == 1 ? "" : "s",
                page.more ? "; more with --page" : "", ms);
    return kOk;
}

int cmd_sync(const Args& a) {
    if (a.help) return std::cout << kSyncHelp, kOk;
    if (!a.error.empty()) return usage_error(a.error, kSyncHelp);
    for (const char* k : {"db", "server", "user"})
        if (!a.options.count(k)) return usage_error(std::string("--") + k + " is required", kSyncHelp);
    std::string password;
    if (const char* env = std::getenv("FIELDGRID_PASSWORD")) password = env;
    else std::getline(std::cin, password);
    auto store = open_store(a.options.at("db"), true);
    sync::CurlOptions co;
    if (a.options.count("ca")) co.ca_file = a.options.at("ca");
    sync::CurlTransport transport(a.options.at("server"), co);
    sync::SyncEngine engine(*store, transport);
    std::string name = a.options.count("device-name") ? a.options.at("device-name") : "fieldgrid-cli";
    auto login = engine.login(a.options.at("user"), password, name);
    if (login.wiped) {
        std::cerr << "fieldgrid: the server revoked this device; its local data was erased\n";
        return kInvalid;
    }
    if (!login.ok) {
        if (login.offline) {
            std::cerr << "fieldgrid: " << login.error << "\n";
            return 4;
        }
        std::cerr << "fieldgrid: login failed: " << login.error << "\n";
        return kInvalid;
    }
    auto r = engine.sync_once();
    auto st = engine.status();
    std::printf("pushed %lld (acknowledged %lld, rejected %lld), pulled %lld, conflicts %lld%s\n",
                (long long)r.pushed, (long long)r.acknowledged, (long long)r.rejected, (long long)r.pulled,
                (long long)st.conflicts, r.resnapshot ? " (server history was reset: re-synced)" : "");
    if (r.wiped) {
        std::cerr << "fieldgrid: the server revoked this device; its local data was erased\n";
        return kInvalid;
    }
    if (!r.ok) {
        std::cerr << "fieldgrid: " << r.error << " (" << st.pending << " changes stay queued)\n";
        return r.offline ? 4 : kInvalid;
    }
    return (st.rejected > 0 || st.conflicts > 0) ? kInvalid : kOk;
}

int cmd_status(const Args& a) {
    if (a.help) return std::cout << kStatusHelp, kOk;
    if (!a.error.empty()) return usage_error(a.error, kStatusHelp);
    if (!a.options.count("db")) return usage_error("--db is required", kStatusHelp);
    auto store = open_store(a.options.at("db"), false);
    struct NoTransport final : sync::Transport {
        sync::HttpResponse post(const sync::HttpRequest&) override { return {}; }
    } none;
    sync::SyncEngine engine(*store, none);
    auto s = engine.status();
    std::printf("user             %s\n", s.user.empty() ? "(never logged in)" : s.user.c_str());
    std::printf("pending changes  %lld\n", (long long)s.pending);
    if (s.last_success_ms > 0) {
        std::time_t t = s.last_success_ms / 1000;
        char buf[64];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", std::gmtime(&t));
        std::printf("last success     %s\n", buf);
    } else {
        std::printf("last success     never\n");
    }
    std::printf("last error       %s\n", s.last_error.empty() ? "none" : s.last_error.c_str());
    std::printf("server cursor    %llu\n", (unsigned long long)s.cursor);
    std::printf("open conflicts   %lld\n", (long long)s.conflicts);
    std::printf("rejected changes %lld\n", (long long)s.rejected);
    for (const auto& r : s.rejected_changes)
        std::printf("  #%lld %s\n    %s", (long long)r.local_seq, r.record.c_str(), r.reason.c_str());
    return kOk;
}

int cmd_edit(const Args& a) {
    if (a.help) return std::cout << kEditHelp, kOk;
    if (!a.error.empty()) return usage_error(a.error, kEditHelp);
    if (!a.options.count("db")) return usage_error("--db is required", kEditHelp);
    if (a.positional.size() < 3) return usage_error("expected RECORD ID FIELD=VALUE...", kEditHelp);
    const RecordDef* def = record_def(a.positional[0]);
    if (!def) return usage_error("unknown record '" + a.positional[0] + "'", kEditHelp);
    Uuid id;
    if (a.positional[1] == "new") {
        id = new_uuid();
    } else if (auto u = Uuid::parse(a.positional[1])) {
        id = *u;
    } else {
        return usage_error("not a record id: " + a.positional[1], kEditHelp);
    }
    Change c{def->type, id, {}};
    for (size_t i = 2; i < a.positional.size(); ++i) {
        const std::string& kv = a.positional[i];
        auto eq = kv.find('=');
        if (eq == std::string::npos) return usage_error("expected FIELD=VALUE, got " + kv, kEditHelp);
        std::string name = kv.substr(0, eq), text = kv.substr(eq + 1);
        const FieldDef* f = def->field(name);
        if (!f) return usage_error(std::string(def->name) + " has no field " + name, kEditHelp);
        Value v;
        if (!text.empty()) {
            switch (f->type) {
                case FieldType::Int:
                case FieldType::Time: {
                    int64_t n;
                    if (!to_int(text, n)) return usage_error(name + " takes a whole number", kEditHelp);
                    v = n;
                    break;
                }
                case FieldType::Real:
                    try {
                        v = std::stod(text);
                    } catch (...) {
                        return usage_error(name + " takes a number", kEditHelp);
                    }
                    break;
                case FieldType::Bool: v = (text == "true" || text == "1" || text == "yes"); break;
                case FieldType::Ref: {
                    auto u = Uuid::parse(text);
                    if (!u) return usage_error(name + " takes a record id", kEditHelp);
                    v = *u;
                    break;
                }
                default: v = text;
            }
        }
        c.fields.push_back(FieldSet{f->number, v});
    }
    auto store = open_store(a.options.at("db"), false);
    auto r = store->apply(c);
    if (!r.ok) {
        std::cout << format_issues(r.issues);
        return kInvalid;
    }
    std::printf("%s %s: %zu record%s changed\n", std::string(def->name).c_str(), id.str().c_str(),
                r.records_changed, r.records_changed == 1 ? "" : "s");
    return kOk;
}

int cmd_stats(const Args& a) {
    if (a.help) return std::cout << kStatsHelp, kOk;
    if (!a.error.empty()) return usage_error(a.error, kStatsHelp);
    if (!a.options.count("db")) return usage_error("--db is required", kStatsHelp);
    auto store = open_store(a.options.at("db"), false);
    Stats s = store->stats();
    std::printf("database %s (schema version %d, device %s)\n", a.options.at("db").c_str(),
                store->schema_version(), store->device_id().str().c_str());
    for (const auto& def : all_records())
        std::printf("  %-14s %-10s %10lld\n", std::string(def.name).c_str(), std::string(def.zh).c_str(),
                    (long long)s.counts[static_cast<int>(def.type)]);
    std::printf("  residents living here          %10lld\n", (long long)s.residents_living);
    std::printf("  key houses (10+ residents)     %10lld\n", (long long)s.key_houses);
    std::printf("  suspected group rentals        %10lld\n", (long long)s.group_rental_suspected);
    std::printf("  concentrated rentals           %10lld\n", (long long)s.concentrated_rental);
    std::printf("  changes waiting to sync        %10lld\n", (long long)s.outbox_pending);
    int64_t persons = s.counts[static_cast<int>(RecordType::Person)];
    std::printf("  file size                      %10.1f MB", static_cast<double>(s.file_bytes) / 1e6);
    if (persons > 0) std::printf(" (%.0f bytes per person)", static_cast<double>(s.file_bytes) / static_cast<double>(persons));
    std::printf("\n");
    return kOk;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) return std::cerr << kMainHelp, kUsage;
    std::string cmd = argv[1];
    try {
        if (cmd == "--help" || cmd == "-h" || cmd == "help") return std::cout << kMainHelp, kOk;
        if (cmd == "demo") return cmd_demo(parse(argc, argv, 2, {"db", "persons", "seed", "batch"}));
        if (cmd == "validate") return cmd_validate(parse(argc, argv, 2, {"type"}));
        if (cmd == "search") return cmd_search(parse(argc, argv, 2, {"db", "limit", "page", "only"}));
        if (cmd == "stats") return cmd_stats(parse(argc, argv, 2, {"db"}));
        if (cmd == "sync") return cmd_sync(parse(argc, argv, 2, {"db", "server", "user", "ca", "device-name"}));
        if (cmd == "status") return cmd_status(parse(argc, argv, 2, {"db"}));
        if (cmd == "edit") return cmd_edit(parse(argc, argv, 2, {"db"}));
    } catch (const StoreError& e) {
        std::cerr << "fieldgrid: " << e.what() << "\n";
        return kStoreFailure;
    } catch (const std::exception& e) {
        std::cerr << "fieldgrid: " << e.what() << "\n";
        return kStoreFailure;
    }
    std::cerr << "fieldgrid: unknown command '" << cmd << "'\n\n" << kMainHelp;
    return kUsage;
}
