#pragma once
// Small RAII wrappers over SQLite handles; sqlite3.h stays out of public headers.
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace fieldgrid {

class SqliteError : public std::runtime_error {
public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    [[nodiscard]] int code() const { return code_; }

private:
    int code_;
};

class Statement {
public:
    Statement(sqlite3* db, std::string_view sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& o) noexcept;
    Statement& operator=(Statement&&) = delete;

    // Binding is 1-based, as in SQLite.
    Statement& bind(int i, int64_t v);
    Statement& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Statement& bind(int i, double v);
    Statement& bind(int i, std::string_view v);  // text
    Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
    Statement& bind_blob(int i, const void* data, size_t size);
    Statement& bind_null(int i);

    // True while a row is available.
    [[nodiscard]] bool step();
    void run();  // steps to the end
    void reset();

    [[nodiscard]] int column_type(int i) const;  // SQLITE_INTEGER etc.
    [[nodiscard]] bool is_null(int i) const;
    [[nodiscard]] int64_t int64(int i) const;
    [[nodiscard]] double real(int i) const;
    [[nodiscard]] std::string text(int i) const;
    [[nodiscard]] std::string_view text_view(int i) const;  // valid until the next step
    [[nodiscard]] std::string_view blob(int i) const;       // valid until the next step
    [[nodiscard]] int columns() const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
};

// A cached statement on loan: reset when the loan ends, so no read snapshot outlives its use
// (an un-reset SELECT keeps WAL readers on an old snapshot and blocks checkpoints).
class CachedStatement {
public:
    explicit CachedStatement(Statement& st) : st_(&st) {}
    ~CachedStatement() { st_->reset(); }
    CachedStatement(const CachedStatement&) = delete;
    CachedStatement& operator=(const CachedStatement&) = delete;

    template <typename... A>
    CachedStatement& bind(A&&... a) {
        st_->bind(std::forward<A>(a)...);
        return *this;
    }
    CachedStatement& bind_blob(int i, const void* data, size_t size) {
        st_->bind_blob(i, data, size);
        return *this;
    }
    CachedStatement& bind_null(int i) {
        st_->bind_null(i);
        return *this;
    }
    [[nodiscard]] bool step() { return st_->step(); }
    void run() { st_->run(); }
    [[nodiscard]] int column_type(int i) const { return st_->column_type(i); }
    [[nodiscard]] bool is_null(int i) const { return st_->is_null(i); }
    [[nodiscard]] int64_t int64(int i) const { return st_->int64(i); }
    [[nodiscard]] double real(int i) const { return st_->real(i); }
    [[nodiscard]] std::string text(int i) const { return st_->text(i); }
    [[nodiscard]] std::string_view text_view(int i) const { return st_->text_view(i); }
    [[nodiscard]] std::string_view blob(int i) const { return st_->blob(i); }
    [[nodiscard]] int columns() const { return st_->columns(); }
    [[nodiscard]] Statement& statement() { return *st_; }

private:
    Statement* st_;
};

class Database {
public:
    enum class Mode { ReadWrite, ReadWriteCreate, ReadOnly };
    Database(const std::string& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(std::string_view sql);
    [[nodiscard]] Statement prepare(std::string_view sql);
    // A prepared statement kept for the life of the connection, reset before it is returned.
    // Keyed by the text's address, so the text must outlive the connection (a literal or a
    // static string): hashing the SQL on every call cost more than running short statements.
    [[nodiscard]] CachedStatement cached(const char* sql);
    [[nodiscard]] CachedStatement cached(const std::string& sql) { return cached(sql.c_str()); }
    CachedStatement cached(std::string&&) = delete;
    [[nodiscard]] int64_t scalar_int(std::string_view sql);
    [[nodiscard]] std::optional<std::string> scalar_text(std::string_view sql);
    [[nodiscard]] int64_t changes() const;
    [[nodiscard]] const std::string& path() const { return path_; }
    [[nodiscard]] sqlite3* handle() const { return db_; }

private:
    std::string path_;
    sqlite3* db_ = nullptr;
    std::unordered_map<const void*, std::unique_ptr<Statement>> cache_;
};

// BEGIN IMMEDIATE on construction; rolls back in the destructor unless committed.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace fieldgrid
