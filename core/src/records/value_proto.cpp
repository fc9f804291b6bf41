#include "fieldgrid/records/value_proto.h"

namespace fieldgrid {

void to_proto(const Value& v, fieldgrid::v1::Value* p) {
    p->Clear();
    std::visit(
        [&](const auto& x) {
            using X = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::string>) p->set_text(x);
            else if constexpr (std::is_same_v<X, int64_t>) p->set_integer(x);
            else if constexpr (std::is_same_v<X, double>) p->set_real(x);
            else if constexpr (std::is_same_v<X, bool>) p->set_boolean(x);
            else if constexpr (std::is_same_v<X, Uuid>) p->set_uuid(x.bytes.data(), 16);
        },
        v);
}

Value from_proto(const fieldgrid::v1::Value& v) {
    switch (v.kind_case()) {
        case fieldgrid::v1::Value::kText: return v.text();
        case fieldgrid::v1::Value::kInteger: return static_cast<int64_t>(v.integer());
        case fieldgrid::v1::Value::kReal: return v.real();
        case fieldgrid::v1::Value::kBoolean: return v.boolean();
        case fieldgrid::v1::Value::kUuid: {
            Uuid u = Uuid::from_bytes(v.uuid().data(), v.uuid().size());
            if (u.is_nil()) return std::string("<bad id>");  // caught by the shape check
            return u;
        }
        default: return std::monostate{};
    }
}

std::string value_bytes(const Value& v) {
    fieldgrid::v1::Value p;
    to_proto(v, &p);
    return p.SerializeAsString();
}

}  // namespace fieldgrid
