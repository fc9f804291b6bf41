#include "fieldgrid/records/record.h"

#include <cstdio>
#include <stdexcept>

namespace fieldgrid {

std::string value_text(const Value& v) {
    struct Visitor {
        std::string operator()(std::monostate) const { return ""; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(int64_t i) const { return std::to_string(i); }
        std::string operator()(double d) const {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%g", d);
            return buf;
        }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const Uuid& u) const { return u.str(); }
    };
    return std::visit(Visitor{}, v);
}

Change& Change::set(std::string_view field, Value v) {
    const FieldDef* f = record_def(type).field(field);
    if (!f)
        throw std::invalid_argument(std::string(record_def(type).name) + " has no field " +
                                    std::string(field));
    for (auto& fs : fields) {
        if (fs.field == f->number) {
            fs.value = std::move(v);
            return *this;
        }
    }
    fields.push_back(FieldSet{f->number, std::move(v)});
    return *this;
}

const Value& Record::get(std::string_view field) const {
    static const Value kNull;
    int slot = record_def(type).slot_of(field);
    if (slot < 0 || static_cast<size_t>(slot) >= values.size()) return kNull;
    return values[static_cast<size_t>(slot)];
}

std::string Record::text(std::string_view field) const {
    const Value& v = get(field);
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    return "";
}

std::optional<int64_t> Record::integer(std::string_view field) const {
    const Value& v = get(field);
    if (auto* i = std::get_if<int64_t>(&v)) return *i;
    if (auto* b = std::get_if<bool>(&v)) return *b ? 1 : 0;
    return std::nullopt;
}

std::optional<double> Record::real(std::string_view field) const {
    const Value& v = get(field);
    if (auto* d = std::get_if<double>(&v)) return *d;
    if (auto* i = std::get_if<int64_t>(&v)) return static_cast<double>(*i);
    return std::nullopt;
}

std::optional<Uuid> Record::ref(std::string_view field) const {
    const Value& v = get(field);
    if (auto* u = std::get_if<Uuid>(&v)) return *u;
    return std::nullopt;
}

}  // namespace fieldgrid
