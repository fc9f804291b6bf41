#include <cstring>

#include "internal.h"

namespace fieldgrid::detail {

void bind_value(Statement& st, int i, const Value& v) {
    std::visit(
        [&](const auto& x) {
            using X = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<X, std::monostate>) st.bind_null(i);
            else if constexpr (std::is_same_v<X, std::string>) st.bind(i, std::string_view(x));
            else if constexpr (std::is_same_v<X, int64_t>) st.bind(i, x);
            else if constexpr (std::is_same_v<X, double>) st.bind(i, x);
            else if constexpr (std::is_same_v<X, bool>) st.bind(i, static_cast<int64_t>(x ? 1 : 0));
            else if constexpr (std::is_same_v<X, Uuid>) st.bind_blob(i, x.bytes.data(), 16);
        },
        v);
}

Value column_value(const Statement& st, int i, FieldType t) {
    if (st.is_null(i)) return std::monostate{};
    switch (t) {
        case FieldType::Int:
        case FieldType::Time: return st.int64(i);
        case FieldType::Bool: return st.int64(i) != 0;
        case FieldType::Real: return st.real(i);
        case FieldType::Ref: {
            auto b = st.blob(i);
            return Uuid::from_bytes(b.data(), b.size());
        }
        default: return st.text(i);
    }
}

std::string encode_meta(const std::vector<Store::FieldMeta>& meta) {
    std::string out(meta.size() * 12, '\0');
    for (size_t i = 0; i < meta.size(); ++i) {
        uint64_t h = meta[i].hlc;
        uint32_t d = meta[i].device;
        for (int b = 0; b < 8; ++b) out[i * 12 + b] = static_cast<char>(h >> (8 * b));
        for (int b = 0; b < 4; ++b) out[i * 12 + 8 + b] = static_cast<char>(d >> (8 * b));
    }
    return out;
}

std::vector<Store::FieldMeta> decode_meta(std::string_view blob, size_t fields) {
    std::vector<Store::FieldMeta> out(fields);
    for (size_t i = 0; i < fields && (i + 1) * 12 <= blob.size(); ++i) {
        uint64_t h = 0;
        uint32_t d = 0;
        for (int b = 7; b >= 0; --b) h = h << 8 | static_cast<uint8_t>(blob[i * 12 + b]);
        for (int b = 3; b >= 0; --b) d = d << 8 | static_cast<uint8_t>(blob[i * 12 + 8 + b]);
        out[i] = Store::FieldMeta{h, d};
    }
    return out;
}

Row read_row(Database& db, const RecordDef& def, const Uuid& id) {
    static const std::vector<std::string> kSql = [] {
        std::vector<std::string> out(kRecordTypeCount + 1);
        for (const auto& d : all_records()) {
            std::string sql = "SELECT ";
            for (const auto& f : d.fields) sql += std::string(f.name) + ", ";
            out[static_cast<size_t>(d.type)] = sql + "_meta FROM " + std::string(d.name) + " WHERE id=?1";
        }
        return out;
    }();
    auto st = db.cached(kSql[static_cast<size_t>(def.type)]);
    st.bind_blob(1, id.bytes.data(), 16);
    Row row;
    if (!st.step()) return row;
    row.exists = true;
    row.values.reserve(def.fields.size());
    for (size_t i = 0; i < def.fields.size(); ++i)
        row.values.push_back(column_value(st.statement(), static_cast<int>(i), def.fields[i].type));
    row.meta = decode_meta(st.blob(static_cast<int>(def.fields.size())), def.fields.size());
    return row;
}

}  // namespace fieldgrid::detail
