#pragma once
// Thin RAII over sqlite3_stmt, and the single place that turns SQLite result
// codes into StoreError / DuplicateError. Values reach SQL only through bind():
// no SQL text in store/sqlite/ is ever built from data.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace livedesk::store::sqlite {

// Throws DuplicateError for a UNIQUE / PRIMARY KEY violation, StoreError otherwise,
// with `context` and sqlite3_errmsg(db) in the message.
[[noreturn]] void throw_sqlite_error(sqlite3* db, std::string_view context);

// Runs a fixed script of one or more statements (migrations, pragmas) with no
// parameters. Never pass text that contains values.
void execute_script(sqlite3* db, std::string_view sql);

// One compiled statement, finalized on destruction.
class Statement {
 public:
  // Compiles exactly one statement; text after it (other than whitespace) is an error,
  // so a second statement can never be silently ignored.
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite. Text is copied (SQLITE_TRANSIENT).
  void bind(int index, std::int64_t value);
  void bind(int index, int value) { bind(index, static_cast<std::int64_t>(value)); }
  void bind(int index, std::string_view text);
  void bind(int index, const char* text) { bind(index, std::string_view(text)); }
  void bind(int index, const std::string& text) { bind(index, std::string_view(text)); }
  void bind(int index, std::nullopt_t) { bind_null(index); }
  void bind(int index, const std::optional<std::int64_t>& value);
  void bind(int index, const std::optional<std::string>& text);
  void bind_null(int index);

  // True while a row is available; false once the statement is done.
  bool step();
  // Steps to completion, discarding any rows (writes, pragmas).
  void run();
  // Ready for the next use: rewinds and clears every binding.
  void reset() noexcept;

  std::int64_t column_int64(int column) const;
  int column_int(int column) const;
  std::string column_text(int column) const;  // NULL reads as ""
  std::optional<std::int64_t> column_optional_int64(int column) const;
  std::optional<std::string> column_optional_text(int column) const;
  bool column_is_null(int column) const;
  int column_count() const { return sqlite3_column_count(statement_); }
  const char* column_name(int column) const { return sqlite3_column_name(statement_, column); }

  // The result column of each member of the row type `row_type` stands for
  // (store/sqlite/sqlite_rows.hpp), kept with the statement so names are
  // resolved once per statement; empty until then. One row type per statement.
  std::vector<int>& column_map(const void* row_type) const {
    if (row_type != mapped_row_type_) {
      mapped_row_type_ = row_type;
      column_map_.clear();
    }
    return column_map_;
  }

  std::string_view sql() const { return sqlite3_sql(statement_); }

 private:
  friend class StatementCache;
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
  bool leased_ = false;
  mutable const void* mapped_row_type_ = nullptr;
  mutable std::vector<int> column_map_;
};

// Compiled statements kept for the life of the connection, keyed by SQL text,
// so hot queries are parsed once.
class StatementCache {
 public:
  // Exclusive use of one cached statement; resets it when dropped, so no read
  // stays open (an open read would pin the WAL snapshot and block checkpoints).
  class Lease {
   public:
    explicit Lease(Statement& statement) : statement_(&statement) {}
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Statement& operator*() const { return *statement_; }
    Statement* operator->() const { return statement_; }

   private:
    Statement* statement_;
  };

  explicit StatementCache(sqlite3* db) : db_(db) {}

  // Prepares on first use. Throws StoreError if the same statement is already
  // leased (re-entrant use would trample its cursor).
  Lease use(std::string_view sql);

 private:
  sqlite3* db_;
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
};

}  // namespace livedesk::store::sqlite
