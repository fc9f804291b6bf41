// Data derived from records and kept current inside apply(): search keys and house labels.
#include <vector>

#include "fieldgrid/search/pinyin.h"
#include "internal.h"

namespace fieldgrid::detail {

void update_person_keys(Database& db, const Uuid& id, const std::string& name) {
    auto py = name_pinyin(name);
    auto st = db.cached("UPDATE person SET _py=?1, _ini=?2 WHERE id=?3");
    st.bind(1, std::string_view(py.full));
    st.bind(2, std::string_view(py.initials));
    st.bind_blob(3, id.bytes.data(), 16);
    st.run();
}

namespace {

// The node's part of the full address text; floors are implied by room numbers.
std::string own_text(std::string_view level, std::string_view name) {
    if (level == "floor") return "";
    return std::string(name);
}

void set_address_text(Database& db, const Uuid& id, const std::string& parent_full) {
    auto st = db.cached("SELECT rowid, level, name, _full FROM address WHERE id=?1");
    st.bind_blob(1, id.bytes.data(), 16);
    if (!st.step()) return;
    int64_t rowid = st.int64(0);
    std::string full = parent_full + own_text(st.text_view(1), st.text_view(2));
    bool had = !st.is_null(3);
    std::string old = st.text(3);
    if (had && old == full) return;
    if (had) {
        auto del = db.cached("INSERT INTO address_fts(address_fts, rowid, _full) VALUES('delete', ?1, ?2)");
        del.bind(1, rowid);
        del.bind(2, std::string_view(old));
        del.run();
    }
    auto up = db.cached("UPDATE address SET _full=?1 WHERE rowid=?2");
    up.bind(1, std::string_view(full));
    up.bind(2, rowid);
    up.run();
    auto ins = db.cached("INSERT INTO address_fts(rowid, _full) VALUES(?1, ?2)");
    ins.bind(1, rowid);
    ins.bind(2, std::string_view(full));
    ins.run();
}

std::string parent_text(Database& db, const Uuid& id) {
    auto st = db.cached(
        "SELECT p._full FROM address a JOIN address p ON p.id = a.parent_id WHERE a.id=?1");
    st.bind_blob(1, id.bytes.data(), 16);
    return st.step() ? st.text(0) : std::string();
}

}  // namespace

void update_address_text(Database& db, const Uuid& id, bool with_subtree) {
    set_address_text(db, id, parent_text(db, id));
    if (!with_subtree) return;
    // Breadth first down the tree: each child's text is its parent's plus its own name.
    std::vector<std::pair<Uuid, std::string>> frontier;
    {
        auto st = db.cached("SELECT _full FROM address WHERE id=?1");
        st.bind_blob(1, id.bytes.data(), 16);
        if (!st.step()) return;
        frontier.emplace_back(id, st.text(0));
    }
    while (!frontier.empty()) {
        std::vector<std::pair<Uuid, std::string>> next;
        for (const auto& [pid, pfull] : frontier) {
            std::vector<Uuid> kids;
            {
                auto st = db.cached("SELECT id FROM address WHERE parent_id=?1");
                st.bind_blob(1, pid.bytes.data(), 16);
                while (st.step()) {
                    auto b = st.blob(0);
                    kids.push_back(Uuid::from_bytes(b.data(), b.size()));
                }
            }
            for (const auto& k : kids) {
                set_address_text(db, k, pfull);
                auto st = db.cached("SELECT _full FROM address WHERE id=?1");
                st.bind_blob(1, k.bytes.data(), 16);
                if (st.step()) next.emplace_back(k, st.text(0));
            }
        }
        frontier = std::move(next);
    }
}

void update_unit_text(Database& db, const Uuid& id, const std::string& old_name, bool remove_old) {
    auto st = db.cached("SELECT rowid, name FROM unit WHERE id=?1");
    st.bind_blob(1, id.bytes.data(), 16);
    if (!st.step()) return;
    int64_t rowid = st.int64(0);
    if (remove_old) {
        auto del = db.cached("INSERT INTO unit_fts(unit_fts, rowid, name) VALUES('delete', ?1, ?2)");
        del.bind(1, rowid);
        del.bind(2, std::string_view(old_name));
        del.run();
        return;
    }
    std::string name = st.text(1);
    auto ins = db.cached("INSERT INTO unit_fts(rowid, name) VALUES(?1, ?2)");
    ins.bind(1, rowid);
    ins.bind(2, std::string_view(name));
    ins.run();
}

void houses_above(Database& db, const Uuid& address_id, std::unordered_set<Uuid, UuidHash>& out) {
    Uuid cur = address_id;
    for (int depth = 0; depth < 16; ++depth) {
        {
            auto st = db.cached("SELECT id FROM house WHERE address_id=?1");
            st.bind_blob(1, cur.bytes.data(), 16);
            while (st.step()) {
                auto b = st.blob(0);
                out.insert(Uuid::from_bytes(b.data(), b.size()));
            }
        }
        auto up = db.cached("SELECT parent_id FROM address WHERE id=?1");
        up.bind_blob(1, cur.bytes.data(), 16);
        if (!up.step() || up.is_null(0)) return;
        auto b = up.blob(0);
        cur = Uuid::from_bytes(b.data(), b.size());
    }
}

void recompute_house_labels(Database& db, const Uuid& house_id) {
    auto hs = db.cached(
        "SELECT address_id, rooms, area_m2, living_area_m2, use, rented FROM house WHERE id=?1");
    hs.bind_blob(1, house_id.bytes.data(), 16);
    if (!hs.step()) return;
    auto ab = hs.blob(0);
    Uuid address = Uuid::from_bytes(ab.data(), ab.size());
    int64_t rooms = hs.is_null(1) ? 0 : hs.int64(1);
    double area = hs.is_null(2) ? 0 : hs.real(2);
    double living = hs.is_null(3) ? area : hs.real(3);
    std::string use = hs.text(4);
    bool rented = !hs.is_null(5) && hs.int64(5) != 0;

    // Living residents at the house's address and every address below it, per room.
    auto st = db.cached(
        "WITH RECURSIVE sub(id, level, depth) AS ("
        " SELECT id, level, 0 FROM address WHERE id=?1"
        " UNION ALL SELECT a.id, a.level, sub.depth + 1 FROM address a JOIN sub ON a.parent_id = sub.id)"
        " SELECT sub.level, count(r.id), sub.depth FROM sub"
        " LEFT JOIN residence r ON r.address_id = sub.id AND r.status = 'living'"
        " GROUP BY sub.id");
    st.bind_blob(1, address.bytes.data(), 16);
    int64_t occupants = 0, crowded_rooms = 0, room_nodes = 0;
    while (st.step()) {
        int64_t n = st.int64(1);
        occupants += n;
        // Rooms below the house count one by one; a house that is itself a room uses its room count.
        if (st.text_view(0) == "room" && st.int64(2) > 0) {
            ++room_nodes;
            if (n > 2) ++crowded_rooms;
        }
    }
    std::vector<std::string_view> labels;
    bool let = rented || use == "rented" || use == "day_rent" || use == "dormitory";
    if (occupants >= 10) labels.push_back(kLabelKeyHouse);
    // Shanghai rules for letting: at most 2 people per room and at least 5 m² of living area
    // each. They concern rentals (a family at home is not a group rental).
    bool crowded = let && (crowded_rooms > 0 ||
                   (room_nodes == 0 && rooms > 0 && occupants > 2 * rooms) ||
                   (living > 0 && occupants > 0 && living / static_cast<double>(occupants) < 5.0));
    if (crowded) labels.push_back(kLabelGroupRental);
    if (let && (rooms >= 10 || occupants >= 15)) labels.push_back(kLabelConcentratedRental);

    auto occ = db.cached("UPDATE house SET _occupants=?1 WHERE id=?2");
    occ.bind(1, occupants);
    occ.bind_blob(2, house_id.bytes.data(), 16);
    occ.run();
    auto del = db.cached("DELETE FROM house_label WHERE house_id=?1");
    del.bind_blob(1, house_id.bytes.data(), 16);
    del.run();
    for (auto l : labels) {
        auto ins = db.cached("INSERT INTO house_label(house_id, label) VALUES(?1, ?2)");
        ins.bind_blob(1, house_id.bytes.data(), 16);
        ins.bind(2, l);
        ins.run();
    }
}

}  // namespace fieldgrid::detail
