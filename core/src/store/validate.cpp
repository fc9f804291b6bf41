// The rules every change must pass before it is written, on the device and on the server alike.
#include <algorithm>
#include <set>

#include "fieldgrid/validation/id_number.h"
#include "fieldgrid/validation/mobile.h"
#include "fieldgrid/validation/region.h"
#include "fieldgrid/validation/uscc.h"
#include "internal.h"

namespace fieldgrid::detail {

namespace {

std::string fname(const RecordDef& def, std::string_view field) {
    return std::string(def.name) + "." + std::string(field);
}

Issue mk(const RecordDef& def, std::string_view field, const char* rule, std::string zh,
         std::string en) {
    return Issue{fname(def, field), rule, std::move(zh), std::move(en)};
}

size_t utf8_length(std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

std::string trim(std::string_view s) {
    auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    size_t b = 0, e = s.size();
    while (b < e && is_space(s[b])) ++b;
    while (e > b && is_space(s[e - 1])) --e;
    // Full-width spaces (U+3000) at either end are typed on Chinese keyboards.
    while (e - b >= 3 && s.substr(b, 3) == "\u3000") b += 3;
    while (e - b >= 3 && s.substr(e - 3, 3) == "\u3000") e -= 3;
    return std::string(s.substr(b, e - b));
}

const char* type_en(FieldType t) {
    switch (t) {
        case FieldType::Text: return "text";
        case FieldType::Int: return "an integer";
        case FieldType::Real: return "a number";
        case FieldType::Bool: return "true or false";
        case FieldType::Date: return "a date (YYYY-MM-DD)";
        case FieldType::Time: return "a time (Unix milliseconds)";
        case FieldType::Enum: return "a code";
        case FieldType::Labels: return "comma-separated codes";
        case FieldType::Ref: return "a record id";
    }
    return "?";
}

std::string codes_of(const FieldDef& f) {
    std::string out;
    for (const auto& v : f.values) out += (out.empty() ? "" : ", ") + std::string(v.code);
    return out;
}

bool exists(Database& db, ApplyCache& cache, RecordType t, const Uuid& id) {
    if (cache.known.count(id)) return true;
    static const std::vector<std::string> kSql = [] {
        std::vector<std::string> out(kRecordTypeCount + 1);
        for (const auto& d : all_records())
            out[static_cast<size_t>(d.type)] = "SELECT 1 FROM " + std::string(d.name) + " WHERE id=?1";
        return out;
    }();
    auto st = db.cached(kSql[static_cast<size_t>(t)]);
    st.bind_blob(1, id.bytes.data(), 16);
    return st.step();
}

std::optional<std::string> address_level(Database& db, ApplyCache& cache, const Uuid& id) {
    auto it = cache.levels.find(id);
    if (it != cache.levels.end()) return it->second;
    auto st = db.cached("SELECT level FROM address WHERE id=?1");
    st.bind_blob(1, id.bytes.data(), 16);
    if (!st.step()) return std::nullopt;
    std::string level = st.text(0);
    cache.levels.emplace(id, level);
    return level;
}

std::optional<RecordType> type_of_target(std::string_view code) {
    if (code == "person") return RecordType::Person;
    if (code == "house") return RecordType::House;
    if (code == "unit") return RecordType::Unit;
    if (code == "address") return RecordType::Address;
    return std::nullopt;
}

bool is_landline(std::string_view s) {
    std::string d;
    for (char c : s)
        if (c != '-' && c != ' ') d.push_back(c);
    if (d.size() < 10 || d.size() > 12 || d[0] != '0') return false;
    return std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A phone field that may hold a mobile or a landline number (units, landlords).
void check_any_phone(const RecordDef& def, Record& rec, std::string_view field, Issues& out) {
    int slot = def.slot_of(field);
    auto* s = std::get_if<std::string>(&rec.values[static_cast<size_t>(slot)]);
    if (!s) return;
    auto m = check_mobile(*s, fname(def, field));
    if (m.ok()) {
        *s = m.normalized;
    } else if (!is_landline(*s)) {
        out.push_back(mk(def, field, "phone.format", "电话号码应为手机号码或带区号的固定电话",
                         "must be a mobile number or a landline with its area code"));
    }
}

void check_refs(Database& db, ApplyCache& cache, const RecordDef& def, const Record& rec, Issues& out) {
    for (size_t i = 0; i < def.fields.size(); ++i) {
        const auto& f = def.fields[i];
        if (!f.ref) continue;
        auto* id = std::get_if<Uuid>(&rec.values[i]);
        if (id && !exists(db, cache, *f.ref, *id)) {
            out.push_back(mk(def, f.name, "ref.missing",
                             std::string(f.zh) + "指向的记录不存在",
                             "refers to a " + std::string(record_def(*f.ref).name) + " " +
                                 id->str() + " that does not exist"));
        }
    }
}

void check_required(const RecordDef& def, const Record& rec, Issues& out) {
    for (size_t i = 0; i < def.fields.size(); ++i) {
        const auto& f = def.fields[i];
        if (f.required && is_null(rec.values[i]))
            out.push_back(mk(def, f.name, "required", "请填写" + std::string(f.zh), "is required"));
    }
}

std::string* text_slot(const RecordDef& def, Record& rec, std::string_view field) {
    return std::get_if<std::string>(&rec.values[static_cast<size_t>(def.slot_of(field))]);
}

void validate_person(Database& db, const RecordDef& def, Record& rec, const Row& before, Date today, Issues& out) {
    std::string* type_code = text_slot(def, rec, "id_type");
    std::string* id_no = text_slot(def, rec, "id_no");
    if (!type_code || !id_no) return;  // reported as required
    auto type = id_type_from_code(*type_code);
    if (!type) return;  // reported by the enum check
    auto chk = check_id(*type, *id_no, today, fname(def, "id_no"));
    if (!chk.ok()) {
        out.insert(out.end(), chk.issues.begin(), chk.issues.end());
        return;
    }
    *id_no = chk.info->normalized;
    if (!chk.info->legacy.empty()) {
        auto& legacy = rec.values[static_cast<size_t>(def.slot_of("legacy_id_no"))];
        if (is_null(legacy)) legacy = chk.info->legacy;
    }
    if (chk.info->birth) {
        auto& bd = rec.values[static_cast<size_t>(def.slot_of("birth_date"))];
        if (is_null(bd)) {
            bd = chk.info->birth->str();
        } else if (std::get<std::string>(bd) != chk.info->birth->str()) {
            out.push_back(mk(def, "birth_date", "id.birth_mismatch",
                             "出生日期与证件号码不一致（证件号码为" + chk.info->birth->str() + "）",
                             "does not match the birth date in the ID number (" +
                                 chk.info->birth->str() + ")"));
        }
    }
    if (chk.info->gender) {
        auto& g = rec.values[static_cast<size_t>(def.slot_of("gender"))];
        std::string expect = chk.info->gender == 'm' ? "male" : "female";
        auto* gs = std::get_if<std::string>(&g);
        if (!gs || *gs == "unknown") {
            g = expect;
        } else if (*gs != expect) {
            out.push_back(mk(def, "gender", "id.gender_mismatch",
                             std::string("性别与证件号码不一致（证件号码为") +
                                 (expect == "male" ? "男" : "女") + "）",
                             "does not match the ID number's sequence digit (" + expect + ")"));
        }
    }
    if (auto* hk = text_slot(def, rec, "hukou_admin_code")) {
        if (hk->size() != 6 || !RegionTable::builtin().has_county(*hk))
            out.push_back(mk(def, "hukou_admin_code", "region.unknown", "户籍地行政区划代码无效",
                             "must be a 6-digit GB/T 2260 county code"));
    }
    if (auto* phone = text_slot(def, rec, "phone")) {
        auto m = check_mobile(*phone, fname(def, "phone"));
        if (m.ok()) *phone = m.normalized;
        else out.insert(out.end(), m.issues.begin(), m.issues.end());
    }
    if (auto* name = text_slot(def, rec, "name"); name && utf8_length(*name) > 50)
        out.push_back(mk(def, "name", "text.too_long", "姓名不能超过50个字", "must be at most 50 characters"));
    // The number is unique: look only when it is new or changed.
    bool same_number = before.exists && before.values[static_cast<size_t>(def.slot_of("id_no"))] == Value(*id_no) &&
                       before.values[static_cast<size_t>(def.slot_of("id_type"))] == Value(*type_code);
    if (same_number) return;
    auto dup = db.cached("SELECT id, name FROM person WHERE id_no=?1 AND id_type=?2 AND id<>?3 LIMIT 1");
    dup.bind(1, std::string_view(*id_no));
    dup.bind(2, std::string_view(*type_code));
    dup.bind_blob(3, rec.id.bytes.data(), 16);
    if (dup.step()) {
        auto b = dup.blob(0);
        out.push_back(mk(def, "id_no", "person.duplicate",
                         "该证件号码已登记（" + dup.text(1) + "）",
                         "already registered to person " + Uuid::from_bytes(b.data(), b.size()).str()));
    }
}

void validate_residence(Database& db, ApplyCache& cache, const RecordDef& def, Record& rec, Issues& out) {
    auto person = rec.ref("person_id");
    auto address = rec.ref("address_id");
    if (address) {
        auto level = address_level(db, cache, *address);
        if (level && *level != "doorplate" && *level != "building" && *level != "room")
            out.push_back(mk(def, "address_id", "residence.address_level",
                             "居住地址须为门牌、楼栋或户室级地址",
                             "a residence must be at a doorplate, building or room address, not a " +
                                 *level));
    }
    std::string status = rec.text("status");
    auto in = Date::parse(rec.text("move_in_date"));
    auto left = Date::parse(rec.text("leave_date"));
    if (status == "left" && !left)
        out.push_back(mk(def, "leave_date", "residence.leave_date", "标记离开时须填写离开日期",
                         "is required when the status is left"));
    if (in && left && *left < *in)
        out.push_back(mk(def, "leave_date", "date.order", "离开日期不能早于入住日期",
                         "must not be before the move-in date"));
    // A person created in this apply has no residences but the ones this apply made.
    bool fresh = person && cache.new_persons.count(*person);
    auto same_pair = fresh && address ? cache.new_residences.find(person->str() + address->str())
                                      : cache.new_residences.end();
    if (same_pair != cache.new_residences.end() && same_pair->second != rec.id)
        out.push_back(mk(def, "address_id", "residence.duplicate",
                         "该人员在此地址已有居住登记", "the person is already registered at this address"));
    auto huji = fresh ? cache.new_huji.find(*person) : cache.new_huji.end();
    if (huji != cache.new_huji.end() && huji->second != rec.id && status == "living" &&
        rec.text("category") == "huji")
        out.push_back(mk(def, "category", "residence.second_huji",
                         "该人员已有在住的户籍人口登记", "the person already has a living local-hukou residence"));
    if (!fresh && person && address) {
        auto st = db.cached(
            "SELECT 1 FROM residence WHERE person_id=?1 AND address_id=?2 AND id<>?3 LIMIT 1");
        st.bind_blob(1, person->bytes.data(), 16);
        st.bind_blob(2, address->bytes.data(), 16);
        st.bind_blob(3, rec.id.bytes.data(), 16);
        if (st.step())
            out.push_back(mk(def, "address_id", "residence.duplicate",
                             "该人员在此地址已有居住登记", "the person is already registered at this address"));
    }
    if (!fresh && person && status == "living" && rec.text("category") == "huji") {
        auto st = db.cached(
            "SELECT 1 FROM residence WHERE person_id=?1 AND category='huji' AND status='living'"
            " AND id<>?2 LIMIT 1");
        st.bind_blob(1, person->bytes.data(), 16);
        st.bind_blob(2, rec.id.bytes.data(), 16);
        if (st.step())
            out.push_back(mk(def, "category", "residence.second_huji",
                             "该人员已有在住的户籍人口登记", "the person already has a living local-hukou residence"));
    }
}

void validate_address(Database& db, const RecordDef& def, Record& rec, const Row& before,
                      Issues& out) {
    static const std::vector<std::pair<std::string_view, std::set<std::string_view>>> kParents = {
        {"road", {}},
        {"compound", {"", "road"}},
        {"doorplate", {"road", "compound"}},
        {"building", {"doorplate", "compound"}},
        {"unit", {"building"}},
        {"floor", {"building", "unit"}},
        {"room", {"floor", "unit", "building", "doorplate"}},
    };
    std::string level = rec.text("level");
    auto parent = rec.ref("parent_id");
    std::string parent_level;
    if (parent) {
        auto st = db.cached("SELECT level, code, village_id, grid_id, admin_code FROM address WHERE id=?1");
        st.bind_blob(1, parent->bytes.data(), 16);
        if (st.step()) {
            parent_level = st.text(0);
            std::string pcode = st.text(1);
            std::string code = rec.text("code");
            if (!pcode.empty() && !code.empty() && code.rfind(pcode, 0) != 0)
                out.push_back(mk(def, "code", "address.code_prefix", "地址编码须以上级地址编码开头",
                                 "must start with the parent's code " + pcode));
            // Children inherit the village and grid of their parent unless given their own.
            auto vslot = static_cast<size_t>(def.slot_of("village_id"));
            auto gslot = static_cast<size_t>(def.slot_of("grid_id"));
            if (!st.is_null(2)) {
                auto b = st.blob(2);
                Uuid pv = Uuid::from_bytes(b.data(), b.size());
                if (is_null(rec.values[vslot])) rec.values[vslot] = pv;
                else if (std::get<Uuid>(rec.values[vslot]) != pv)
                    out.push_back(mk(def, "village_id", "address.village_mismatch",
                                     "所属村居须与上级地址一致", "must be the parent's village"));
            }
            if (!st.is_null(3) && is_null(rec.values[gslot])) {
                auto b = st.blob(3);
                rec.values[gslot] = Uuid::from_bytes(b.data(), b.size());
            }
            auto aslot = static_cast<size_t>(def.slot_of("admin_code"));
            if (!st.is_null(4) && is_null(rec.values[aslot])) rec.values[aslot] = st.text(4);
        }
        // No address may sit below itself.
        Uuid cur = *parent;
        for (int depth = 0; depth < 32; ++depth) {
            if (cur == rec.id) {
                out.push_back(mk(def, "parent_id", "address.cycle", "上级地址不能是自身或下级地址",
                                 "would place the address below itself"));
                break;
            }
            auto up = db.cached("SELECT parent_id FROM address WHERE id=?1");
            up.bind_blob(1, cur.bytes.data(), 16);
            if (!up.step() || up.is_null(0)) break;
            auto b = up.blob(0);
            cur = Uuid::from_bytes(b.data(), b.size());
        }
    }
    for (const auto& [lvl, allowed] : kParents) {
        if (lvl != level) continue;
        bool ok = allowed.empty() ? !parent : allowed.count(parent_level) > 0;
        if (!ok && !(parent && parent_level.empty())) {
            std::string want;
            for (auto a : allowed) want += (want.empty() ? "" : ", ") + std::string(a.empty() ? "none" : a);
            out.push_back(mk(def, "parent_id", "address.parent_level",
                             "上级地址级别不符合地址层级（街路巷›门牌›楼栋›单元›楼层›户室）",
                             "a " + level + " must sit under " + (want.empty() ? "nothing" : want) +
                                 ", not " + (parent ? parent_level : std::string("nothing"))));
        }
    }
    if (auto* ac = text_slot(def, rec, "admin_code")) {
        bool digits = std::all_of(ac->begin(), ac->end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || (ac->size() != 6 && ac->size() != 9 && ac->size() != 12) ||
            !RegionTable::builtin().has_county(ac->substr(0, 6)))
            out.push_back(mk(def, "admin_code", "region.unknown", "行政区划代码无效",
                             "must be 6, 9 or 12 digits starting with a GB/T 2260 county code"));
    }
    auto lon = rec.real("lon"), lat = rec.real("lat");
    if (lon.has_value() != lat.has_value())
        out.push_back(mk(def, lon ? "lat" : "lon", "coords.pair", "经纬度须同时填写",
                         "longitude and latitude go together"));
    if (lon && (*lon < 73 || *lon > 136))
        out.push_back(mk(def, "lon", "coords.range", "经度超出中国范围", "must be within China (73 to 136)"));
    if (lat && (*lat < 3 || *lat > 54))
        out.push_back(mk(def, "lat", "coords.range", "纬度超出中国范围", "must be within China (3 to 54)"));
    if (lon && lat && rec.text("crs").empty())
        out.push_back(mk(def, "crs", "coords.crs", "填写坐标时须注明坐标系",
                         "is required with coordinates (wgs84, gcj02 or cgcs2000)"));
    if (before.exists && rec.text("status") == "retired") {
        auto st = db.cached(
            "SELECT 1 FROM address WHERE parent_id=?1 AND coalesce(status,'active')<>'retired' LIMIT 1");
        st.bind_blob(1, rec.id.bytes.data(), 16);
        if (st.step())
            out.push_back(mk(def, "status", "address.active_children", "注销地址前须先注销其下级地址",
                             "cannot retire an address that still has active child addresses"));
    }
}

void validate_house(Database& db, ApplyCache& cache, const RecordDef& def, Record& rec, Issues& out) {
    if (auto a = rec.ref("address_id")) {
        auto level = address_level(db, cache, *a);
        if (level && (*level == "road" || *level == "compound"))
            out.push_back(mk(def, "address_id", "house.address_level",
                             "房屋须位于门牌、楼栋、单元、楼层或户室级地址",
                             "a house must be at a doorplate, building, unit, floor or room address"));
        auto st = db.cached("SELECT 1 FROM house WHERE address_id=?1 AND id<>?2 LIMIT 1");
        st.bind_blob(1, a->bytes.data(), 16);
        st.bind_blob(2, rec.id.bytes.data(), 16);
        if (st.step())
            out.push_back(mk(def, "address_id", "house.duplicate", "该地址已登记房屋",
                             "a house is already registered at this address"));
    }
    auto rooms = rec.integer("rooms");
    if (rooms && (*rooms < 0 || *rooms > 10000))
        out.push_back(mk(def, "rooms", "range", "间数应在0至10000之间", "must be between 0 and 10000"));
    auto area = rec.real("area_m2"), living = rec.real("living_area_m2");
    if (area && (*area <= 0 || *area > 1e6))
        out.push_back(mk(def, "area_m2", "range", "建筑面积应大于0", "must be greater than 0"));
    if (living && *living < 0)
        out.push_back(mk(def, "living_area_m2", "range", "居住面积不能为负", "must not be negative"));
    if (area && living && *living > *area)
        out.push_back(mk(def, "living_area_m2", "house.living_area", "居住面积不能大于建筑面积",
                         "must not exceed the floor area"));
    check_any_phone(def, rec, "owner_phone", out);
}

void validate_unit(Database& db, const RecordDef& def, Record& rec, Issues& out) {
    if (auto* code = text_slot(def, rec, "uscc")) {
        auto chk = check_uscc(*code, fname(def, "uscc"));
        if (!chk.ok()) {
            out.insert(out.end(), chk.issues.begin(), chk.issues.end());
        } else {
            *code = chk.normalized;
            auto st = db.cached("SELECT name FROM unit WHERE uscc=?1 AND id<>?2 LIMIT 1");
            st.bind(1, std::string_view(*code));
            st.bind_blob(2, rec.id.bytes.data(), 16);
            if (st.step())
                out.push_back(mk(def, "uscc", "unit.duplicate", "该统一社会信用代码已登记（" + st.text(0) + "）",
                                 "already registered to another unit"));
        }
    }
    check_any_phone(def, rec, "phone", out);
}

void check_date_order(const RecordDef& def, const Record& rec, std::string_view from,
                      std::string_view to, Issues& out) {
    auto a = Date::parse(rec.text(from)), b = Date::parse(rec.text(to));
    if (a && b && *b < *a)
        out.push_back(mk(def, to, "date.order", "结束日期不能早于开始日期",
                         "must not be before " + std::string(from)));
}

void check_target(Database& db, ApplyCache& cache, const RecordDef& def, const Record& rec, std::string_view type_field,
                  std::string_view id_field, Issues& out) {
    std::string tcode = rec.text(type_field);
    auto id = rec.ref(id_field);
    if (tcode.empty() != !id.has_value()) {
        out.push_back(mk(def, id ? type_field : id_field, "target.pair", "对象类型与对象须同时填写",
                         "object type and object id go together"));
        return;
    }
    if (!id) return;
    auto t = type_of_target(tcode);
    if (t && !exists(db, cache, *t, *id))
        out.push_back(mk(def, id_field, "ref.missing", "指向的对象不存在",
                         "refers to a " + tcode + " " + id->str() + " that does not exist"));
}

}  // namespace

Issues check_field(const RecordDef& def, const FieldDef& f, Value& v, Date today, int64_t now) {
    Issues out;
    if (is_null(v)) return out;
    auto wrong_type = [&] {
        out.push_back(mk(def, f.name, "field.type", std::string(f.zh) + "的数据类型不正确",
                         std::string("must be ") + type_en(f.type)));
        return out;
    };
    switch (f.type) {
        case FieldType::Text:
        case FieldType::Date:
        case FieldType::Enum:
        case FieldType::Labels: {
            auto* s = std::get_if<std::string>(&v);
            if (!s) return wrong_type();
            std::string t = trim(*s);
            if (t.empty()) {
                v = std::monostate{};
                return out;
            }
            *s = t;
            break;
        }
        case FieldType::Int:
        case FieldType::Time:
            if (auto* b = std::get_if<bool>(&v)) v = static_cast<int64_t>(*b);
            if (!std::holds_alternative<int64_t>(v)) return wrong_type();
            break;
        case FieldType::Real:
            if (auto* i = std::get_if<int64_t>(&v)) v = static_cast<double>(*i);
            if (!std::holds_alternative<double>(v)) return wrong_type();
            break;
        case FieldType::Bool:
            if (auto* i = std::get_if<int64_t>(&v); i && (*i == 0 || *i == 1)) v = (*i == 1);
            if (!std::holds_alternative<bool>(v)) return wrong_type();
            break;
        case FieldType::Ref:
            if (!std::holds_alternative<Uuid>(v) || std::get<Uuid>(v).is_nil()) return wrong_type();
            break;
    }
    switch (f.type) {
        case FieldType::Text: {
            const auto& s = std::get<std::string>(v);
            if (utf8_length(s) > f.max_len)
                out.push_back(mk(def, f.name, "text.too_long",
                                 std::string(f.zh) + "不能超过" + std::to_string(f.max_len) + "个字",
                                 "must be at most " + std::to_string(f.max_len) + " characters"));
            break;
        }
        case FieldType::Date: {
            auto d = Date::parse(std::get<std::string>(v));
            if (!d)
                out.push_back(mk(def, f.name, "date.format", std::string(f.zh) + "不是有效日期",
                                 "must be a real date written YYYY-MM-DD"));
            else if (f.not_future && *d > today)
                out.push_back(mk(def, f.name, "date.future", std::string(f.zh) + "不能晚于今天",
                                 "must not be in the future"));
            break;
        }
        case FieldType::Time:
            // Ten minutes of slack for a device clock that runs a little fast.
            if (f.not_future && std::get<int64_t>(v) > now + 10 * 60 * 1000)
                out.push_back(mk(def, f.name, "time.future", std::string(f.zh) + "不能晚于当前时间",
                                 "must not be in the future"));
            break;
        case FieldType::Enum:
            if (!find_enum(f, std::get<std::string>(v)))
                out.push_back(mk(def, f.name, "enum.unknown", std::string(f.zh) + "的取值无效",
                                 "'" + std::get<std::string>(v) + "' is not one of: " + codes_of(f)));
            break;
        case FieldType::Labels: {
            std::set<std::string> codes;
            std::string_view s = std::get<std::string>(v);
            size_t start = 0;
            while (start <= s.size()) {
                size_t comma = s.find(',', start);
                std::string c = trim(s.substr(start, comma == std::string_view::npos ? comma : comma - start));
                if (!c.empty()) {
                    if (!find_enum(f, c))
                        out.push_back(mk(def, f.name, "enum.unknown", std::string(f.zh) + "的取值无效",
                                         "'" + c + "' is not one of: " + codes_of(f)));
                    codes.insert(c);
                }
                if (comma == std::string_view::npos) break;
                start = comma + 1;
            }
            std::string joined;
            for (const auto& c : codes) joined += (joined.empty() ? "" : ",") + c;
            if (joined.empty()) v = std::monostate{};
            else v = joined;
            break;
        }
        default: break;
    }
    return out;
}

Issues validate_record(Database& db, ApplyCache& cache, const RecordDef& def, Record& rec,
                       const Row& before, Date today, int64_t /*now_ms*/) {
    Issues out;
    switch (def.type) {
        case RecordType::Person: validate_person(db, def, rec, before, today, out); break;
        case RecordType::Residence: validate_residence(db, cache, def, rec, out); break;
        case RecordType::Address: validate_address(db, def, rec, before, out); break;
        case RecordType::House: validate_house(db, cache, def, rec, out); break;
        case RecordType::Unit: validate_unit(db, def, rec, out); break;
        case RecordType::Employment: check_date_order(def, rec, "hire_date", "leave_date", out); break;
        case RecordType::Task: check_target(db, cache, def, rec, "target_type", "target_id", out); break;
        case RecordType::Flag: check_target(db, cache, def, rec, "subject_type", "subject_id", out); break;
        case RecordType::RewardClaim: {
            std::string m = rec.text("month");
            if (!m.empty() && !Date::parse(m + "-01"))
                out.push_back(mk(def, "month", "date.format", "月份格式应为YYYY-MM", "must be written YYYY-MM"));
            if (auto a = rec.real("amount"); a && *a < 0)
                out.push_back(mk(def, "amount", "range", "金额不能为负", "must not be negative"));
            break;
        }
        default: break;
    }
    check_required(def, rec, out);
    check_refs(db, cache, def, rec, out);
    return out;
}

}  // namespace fieldgrid::detail
