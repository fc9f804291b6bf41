// Each schema step, and a database written by an older version brought up to date.
#include <gtest/gtest.h>

#include "fieldgrid/search/search.h"
#include "fieldgrid/store/store.h"
#include "test_util.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

TEST(Migration, Version1HasRecordsMetadataAndOutbox) {
    TempDir dir;
    StoreOptions o;
    o.target_version = 1;
    auto s = Store::open(dir.file("v1.db"), o);
    EXPECT_EQ(s->schema_version(), 1);
    for (const auto& def : all_records())
        EXPECT_EQ(s->db().scalar_int("SELECT count(*) FROM sqlite_master WHERE name='" + std::string(def.name) + "'"), 1) << def.name;
    EXPECT_EQ(s->db().scalar_int("SELECT count(*) FROM sqlite_master WHERE name='outbox'"), 1);
    EXPECT_EQ(s->db().scalar_int("SELECT count(*) FROM sqlite_master WHERE name='address_fts'"), 0);
}

TEST(Migration, Version2AddsSearchKeysAndLabelsForExistingData) {
    TempDir dir;
    std::string path = dir.file("old.db");
    Uuid person_id = new_uuid(), road = new_uuid(), door = new_uuid(), house = new_uuid();
    {
        StoreOptions o;
        o.target_version = 1;
        auto s = Store::open(path, o);
        // Rows as version 1 of the program wrote them.
        auto& db = s->db();
        auto ins = [&](const std::string& sql, std::initializer_list<Uuid> ids) {
            auto st = db.prepare(sql);
            int i = 1;
            for (const auto& id : ids) st.bind_blob(i++, id.bytes.data(), 16);
            st.run();
        };
        ins("INSERT INTO person(id, id_type, id_no, name, _meta) VALUES(?1, 'resident_id', '360426199101010071', '单田芳', x'')", {person_id});
        ins("INSERT INTO address(id, level, name, _meta) VALUES(?1, 'road', '珠溪路', x'')", {road});
        ins("INSERT INTO address(id, parent_id, level, name, _meta) VALUES(?1, ?2, 'doorplate', '12号', x'')", {door, road});
        ins("INSERT INTO house(id, address_id, type, use, rooms, _meta) VALUES(?1, ?2, 'homestead', 'rented', 2, x'')", {house, door});
        for (int i = 0; i < 10; ++i)
            ins("INSERT INTO residence(id, person_id, address_id, category, status, _meta) VALUES(?1, ?2, ?3, 'laihu', 'living', x'')",
                {new_uuid(), person_id, door});
    }
    auto s = Store::open(path);
    EXPECT_EQ(s->schema_version(), Store::kSchemaVersion);
    auto by_pinyin = search(s->db(), SearchQuery{"shantianfang"});
    ASSERT_EQ(by_pinyin.hits.size(), 1u);
    EXPECT_EQ(by_pinyin.hits[0].id, person_id);
    EXPECT_EQ(s->address_text(door), "珠溪路12号");
    auto labels = s->house_labels(house);
    EXPECT_NE(std::find(labels.begin(), labels.end(), "key_house"), labels.end());
    EXPECT_NE(std::find(labels.begin(), labels.end(), "group_rental_suspected"), labels.end());
    auto by_address = search(s->db(), SearchQuery{"珠溪路12"});
    EXPECT_FALSE(by_address.hits.empty());
}

TEST(Migration, Version3AddsSyncBookkeeping) {
    TempDir dir;
    StoreOptions o;
    o.target_version = 2;
    std::string path = dir.file("v2.db");
    {
        auto s = Store::open(path, o);
        EXPECT_EQ(s->schema_version(), 2);
        EXPECT_EQ(s->db().scalar_int("SELECT count(*) FROM sqlite_master WHERE name='sync_conflict'"), 0);
        // An edit made before the upgrade stays pending afterwards.
        s->db().exec("INSERT INTO outbox(rtype, rid, payload, created_ms) VALUES(4, x'00', x'', 0)");
    }
    auto s = Store::open(path);
    EXPECT_EQ(s->schema_version(), 3);
    EXPECT_EQ(s->db().scalar_int("SELECT count(*) FROM sqlite_master WHERE name='sync_conflict'"), 1);
    EXPECT_EQ(s->db().scalar_int("SELECT count(*) FROM outbox WHERE state='pending' AND base_seq=0"), 1);
    EXPECT_EQ(s->stats().outbox_pending, 1);
}
