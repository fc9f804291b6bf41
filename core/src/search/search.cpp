#include "fieldgrid/search/search.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <unordered_set>

#include "fieldgrid/search/pinyin.h"
#include "fieldgrid/validation/id_number.h"
#include "fieldgrid/validation/mobile.h"
#include "fieldgrid/validation/uscc.h"

namespace fieldgrid {

namespace {

struct Collector {
    size_t want;  // offset + limit + 1
    std::vector<SearchHit> hits;
    std::unordered_set<Uuid, UuidHash> seen;
    bool full() const { return hits.size() >= want; }
    size_t left() const { return want - hits.size(); }
    void add(SearchHit h) {
        if (full() || !seen.insert(h.id).second) return;
        hits.push_back(std::move(h));
    }
};

template <typename S>
Uuid blob_id(const S& st, int col) {
    auto b = st.blob(col);
    return Uuid::from_bytes(b.data(), b.size());
}

// People whose key equals (or starts with) the text; walks the key's index in order.
void people_by_key(Database& db, Collector& c, const char* column, const std::string& key,
                   bool prefix, MatchKind kind) {
    if (c.full() || key.empty()) return;
    // Statement text built once (thread-safe static), stable for the statement cache.
    static const std::map<std::string, std::string> kSql = [] {
        std::map<std::string, std::string> m;
        for (std::string col : {"id_no", "phone", "name", "_py", "_ini"}) {
            m[col + "*"] = "SELECT id, name, id_no FROM person WHERE " + col + " > ?1 AND " + col +
                           " < ?2 ORDER BY " + col + ", id LIMIT ?3";
            m[col + "="] = "SELECT id, name, id_no FROM person WHERE " + col + " = ?1 ORDER BY id LIMIT ?3";
        }
        return m;
    }();
    auto st = db.cached(kSql.at(std::string(column) + (prefix ? "*" : "=")));
    st.bind(1, std::string_view(key));
    if (prefix) st.bind(2, std::string_view(key + "\xff"));
    st.bind(3, static_cast<int64_t>(c.left() + c.seen.size()));
    while (st.step() && !c.full()) {
        c.add(SearchHit{HitKind::Person, kind, blob_id(st, 0), st.text(1), st.text(2)});
    }
}

std::string fts_phrase(std::string_view text) {
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"') out += "\"\"";
        else out.push_back(ch);
    }
    return out + "\"";
}

size_t utf8_chars(std::string_view s) {
    size_t n = 0;
    for (unsigned char ch : s)
        if ((ch & 0xc0) != 0x80) ++n;
    return n;
}

void people_by_address(Database& db, Collector& c, const std::string& text) {
    if (c.full() || utf8_chars(text) < 3) return;  // the trigram index needs 3 characters
    auto st = db.cached(
        "SELECT p.id, p.name, p.id_no, a._full FROM address_fts f"
        " JOIN address a ON a.rowid = f.rowid"
        " JOIN residence r ON r.address_id = a.id AND r.status = 'living'"
        " JOIN person p ON p.id = r.person_id"
        " WHERE address_fts MATCH ?1 ORDER BY length(a._full), a._full, p.id LIMIT ?2");
    st.bind(1, std::string_view(fts_phrase(text)));
    st.bind(2, static_cast<int64_t>(c.left() + c.seen.size()));
    while (st.step() && !c.full())
        c.add(SearchHit{HitKind::Person, MatchKind::AddressText, blob_id(st, 0), st.text(1), st.text(2)});
}

void houses_by_address(Database& db, Collector& c, const std::string& text) {
    if (c.full() || utf8_chars(text) < 3) return;
    auto st = db.cached(
        "SELECT h.id, a._full, h.type FROM address_fts f JOIN address a ON a.rowid = f.rowid"
        " JOIN house h ON h.address_id = a.id"
        " WHERE address_fts MATCH ?1 ORDER BY length(a._full), a._full LIMIT ?2");
    st.bind(1, std::string_view(fts_phrase(text)));
    st.bind(2, static_cast<int64_t>(c.left() + c.seen.size()));
    while (st.step() && !c.full())
        c.add(SearchHit{HitKind::House, MatchKind::AddressText, blob_id(st, 0), st.text(1), st.text(2)});
}

void units_by_text(Database& db, Collector& c, const std::string& text) {
    if (c.full() || utf8_chars(text) < 3) return;
    {
        auto st = db.cached(
            "SELECT u.id, u.name, u.type FROM unit_fts f JOIN unit u ON u.rowid = f.rowid"
            " WHERE unit_fts MATCH ?1 ORDER BY length(u.name), u.name LIMIT ?2");
        st.bind(1, std::string_view(fts_phrase(text)));
        st.bind(2, static_cast<int64_t>(c.left() + c.seen.size()));
        while (st.step() && !c.full())
            c.add(SearchHit{HitKind::Unit, MatchKind::UnitName, blob_id(st, 0), st.text(1), st.text(2)});
    }
    auto st = db.cached(
        "SELECT u.id, u.name, a._full FROM address_fts f JOIN address a ON a.rowid = f.rowid"
        " JOIN unit u ON u.address_id = a.id"
        " WHERE address_fts MATCH ?1 ORDER BY length(a._full), a._full LIMIT ?2");
    st.bind(1, std::string_view(fts_phrase(text)));
    st.bind(2, static_cast<int64_t>(c.left() + c.seen.size()));
    while (st.step() && !c.full())
        c.add(SearchHit{HitKind::Unit, MatchKind::AddressText, blob_id(st, 0), st.text(1), st.text(2)});
}

void addresses_by_text(Database& db, Collector& c, const std::string& text) {
    if (c.full() || utf8_chars(text) < 3) return;
    auto st = db.cached(
        "SELECT a.id, a._full, a.level FROM address_fts f JOIN address a ON a.rowid = f.rowid"
        " WHERE address_fts MATCH ?1 ORDER BY length(a._full), a._full LIMIT ?2");
    st.bind(1, std::string_view(fts_phrase(text)));
    st.bind(2, static_cast<int64_t>(c.left() + c.seen.size()));
    while (st.step() && !c.full())
        c.add(SearchHit{HitKind::Address, MatchKind::AddressText, blob_id(st, 0), st.text(1), st.text(2)});
}

// A person's subtitle: where they live now and the masked ID number.
void describe_people(Database& db, std::vector<SearchHit>& hits) {
    for (auto& h : hits) {
        if (h.kind != HitKind::Person) continue;
        std::string masked = mask_id(h.match == MatchKind::AddressText ? std::string() : h.subtitle);
        std::string where = h.match == MatchKind::AddressText ? h.subtitle : std::string();
        if (h.match == MatchKind::AddressText) {
            auto st = db.cached("SELECT id_no FROM person WHERE id=?1");
            st.bind_blob(1, h.id.bytes.data(), 16);
            if (st.step()) masked = mask_id(st.text(0));
        } else {
            auto st = db.cached(
                "SELECT a._full FROM residence r JOIN address a ON a.id = r.address_id"
                " WHERE r.person_id=?1 ORDER BY r.status <> 'living', r.move_in_date DESC LIMIT 1");
            st.bind_blob(1, h.id.bytes.data(), 16);
            if (st.step()) where = st.text(0);
        }
        h.subtitle = where.empty() ? masked : where + " · " + masked;
    }
}

bool all_of_class(std::string_view s, int (*pred)(int)) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [&](char ch) { return pred(static_cast<unsigned char>(ch)) != 0; });
}

}  // namespace

std::string mask_id(std::string_view id) {
    if (id.size() <= 8) return std::string(id);
    return std::string(id.substr(0, 4)) + std::string(id.size() - 8, '*') +
           std::string(id.substr(id.size() - 4));
}

SearchPage search(Database& db, const SearchQuery& q) {
    std::string text;
    {
        // Trim, and fold runs of spaces.
        size_t b = q.text.find_first_not_of(" \t"), e = q.text.find_last_not_of(" \t");
        if (b != std::string::npos) text = q.text.substr(b, e - b + 1);
    }
    SearchPage page;
    if (text.empty() || q.limit == 0) return page;
    Collector c{q.offset + q.limit + 1, {}, {}};

    std::string compact;
    for (char ch : text)
        if (ch != ' ' && ch != '-') compact.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
    bool han = has_han(text);

    if (!han && q.people) {
        // An ID number: 15 or 18 characters, looked up in its normalised 18-digit form.
        if (compact.size() == 18 || compact.size() == 15) {
            std::string key = compact;
            if (compact.size() == 15 && all_of_class(compact, ::isdigit)) {
                std::string first17 = compact.substr(0, 6) + "19" + compact.substr(6);
                key = first17 + id_check_char(first17);
            }
            people_by_key(db, c, "id_no", key, false, MatchKind::IdNumber);
        }
        if (compact.size() >= 5 && compact.size() <= 17 && all_of_class(compact, ::isalnum) &&
            !all_of_class(compact, ::isalpha))
            people_by_key(db, c, "id_no", compact, false, MatchKind::IdNumber);  // passports
        auto m = check_mobile(text);
        if (m.ok()) people_by_key(db, c, "phone", m.normalized, false, MatchKind::Phone);
    }
    if (!han && q.units && compact.size() == 18) {
        auto u = check_uscc(compact);
        if (u.ok()) {
            auto st = db.cached("SELECT id, name, type FROM unit WHERE uscc=?1");
            st.bind(1, std::string_view(u.normalized));
            while (st.step())
                c.add(SearchHit{HitKind::Unit, MatchKind::UnitCode, blob_id(st, 0), st.text(1), st.text(2)});
        }
    }
    if (q.people) {
        if (han) {
            people_by_key(db, c, "name", text, false, MatchKind::Name);
        } else {
            std::string py = normalize_pinyin_query(text);
            if (all_of_class(py, ::isalpha)) {
                people_by_key(db, c, "_py", py, false, MatchKind::Pinyin);
                people_by_key(db, c, "_ini", py, false, MatchKind::Initials);
            }
        }
    }
    if (q.people) {
        if (han) {
            people_by_key(db, c, "name", text, true, MatchKind::NamePrefix);
        } else {
            std::string py = normalize_pinyin_query(text);
            if (all_of_class(py, ::isalpha)) {
                people_by_key(db, c, "_py", py, true, MatchKind::PinyinPrefix);
                people_by_key(db, c, "_ini", py, true, MatchKind::InitialsPrefix);
            }
        }
    }
    if (q.units) units_by_text(db, c, text);
    if (q.houses) houses_by_address(db, c, text);
    if (q.addresses) addresses_by_text(db, c, text);
    if (q.people) people_by_address(db, c, text);

    if (c.hits.size() > q.offset) {
        size_t end = std::min(c.hits.size(), q.offset + q.limit);
        page.hits.assign(c.hits.begin() + static_cast<long>(q.offset), c.hits.begin() + static_cast<long>(end));
        page.more = c.hits.size() > end;
    }
    describe_people(db, page.hits);
    return page;
}

std::string_view match_name(MatchKind m) {
    switch (m) {
        case MatchKind::IdNumber: return "id_no";
        case MatchKind::Phone: return "phone";
        case MatchKind::UnitCode: return "uscc";
        case MatchKind::Name: return "name";
        case MatchKind::Pinyin: return "pinyin";
        case MatchKind::Initials: return "initials";
        case MatchKind::NamePrefix: return "name_prefix";
        case MatchKind::PinyinPrefix: return "pinyin_prefix";
        case MatchKind::InitialsPrefix: return "initials_prefix";
        case MatchKind::UnitName: return "unit_name";
        case MatchKind::AddressText: return "address";
    }
    return "?";
}

std::string_view hit_kind_name(HitKind k) {
    switch (k) {
        case HitKind::Person: return "person";
        case HitKind::House: return "house";
        case HitKind::Unit: return "unit";
        case HitKind::Address: return "address";
    }
    return "?";
}

}  // namespace fieldgrid
