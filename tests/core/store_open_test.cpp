// Opening files that are missing, foreign, damaged or too new: a clear error, the file untouched.
#include <gtest/gtest.h>

#include <fstream>
#include <sqlite3.h>

#include "fieldgrid/store/store.h"
#include "test_util.h"

using namespace fieldgrid;
using namespace fieldgrid::testing;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void spit(const std::string& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary);
    out << data;
}

StoreError::Code open_error(const std::string& path, bool create = true) {
    try {
        StoreOptions o;
        o.create = create;
        Store::open(path, o);
    } catch (const StoreError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
        return e.code();
    }
    ADD_FAILURE() << "opened " << path;
    return StoreError::Code::Io;
}

}  // namespace

TEST(StoreOpen, CreatesANewStoreWithItsSchema) {
    TempDir dir;
    auto s = Store::open(dir.file("new.db"));
    EXPECT_EQ(s->schema_version(), Store::kSchemaVersion);
    EXPECT_EQ(s->db().scalar_int("PRAGMA application_id"), Store::kApplicationId);
    EXPECT_EQ(*s->db().scalar_text("PRAGMA journal_mode"), "wal");
    EXPECT_FALSE(s->device_id().is_nil());
}

TEST(StoreOpen, KeepsItsDeviceIdAcrossOpens) {
    TempDir dir;
    Uuid id = Store::open(dir.file("a.db"))->device_id();
    EXPECT_EQ(Store::open(dir.file("a.db"))->device_id(), id);
}

TEST(StoreOpen, MissingFileWithoutCreate) {
    TempDir dir;
    EXPECT_EQ(open_error(dir.file("absent.db"), false), StoreError::Code::NotFound);
    EXPECT_FALSE(std::filesystem::exists(dir.file("absent.db")));
}

TEST(StoreOpen, TextFileIsNotTouched) {
    TempDir dir;
    std::string path = dir.file("notes.txt");
    spit(path, "这不是数据库 / not a database\n");
    EXPECT_EQ(open_error(path), StoreError::Code::NotFieldgrid);
    EXPECT_EQ(slurp(path), "这不是数据库 / not a database\n");
}

TEST(StoreOpen, AnotherApplicationsSqliteFileIsNotTouched) {
    TempDir dir;
    std::string path = dir.file("other.db");
    {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE songs(title TEXT); INSERT INTO songs VALUES('x');", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    std::string before = slurp(path);
    EXPECT_EQ(open_error(path), StoreError::Code::NotFieldgrid);
    EXPECT_EQ(slurp(path), before);
    EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(StoreOpen, DamagedFileIsReportedAndNotTouched) {
    TempDir dir;
    std::string path = dir.file("damaged.db");
    {
        auto s = Store::open(path);
        auto p = person("张三", "360426199101010071");
        expect_ok(s->apply(p));
        s->db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::string data = slurp(path);
    ASSERT_GT(data.size(), 4096u);
    // Keep the 100-byte header, scribble over the schema page.
    for (size_t i = 100; i < 4096; ++i) data[i] = static_cast<char>(0xA5);
    spit(path, data);
    EXPECT_EQ(open_error(path), StoreError::Code::Damaged);
    EXPECT_EQ(slurp(path), data);
}

TEST(StoreOpen, NewerSchemaIsRefused) {
    TempDir dir;
    std::string path = dir.file("future.db");
    { auto s = Store::open(path); s->db().exec("PRAGMA user_version = 99"); }
    EXPECT_EQ(open_error(path), StoreError::Code::TooNew);
}

TEST(StoreOpen, DirectoryIsNotADatabase) {
    TempDir dir;
    std::filesystem::create_directories(dir.file("folder"));
    EXPECT_EQ(open_error(dir.file("folder")), StoreError::Code::Io);
}
