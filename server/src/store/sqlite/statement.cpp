#include "store/sqlite/statement.hpp"

#include <cctype>
#include <limits>

#include "store/store_error.hpp"

namespace livedesk::store::sqlite {

namespace {

bool only_whitespace(const char* begin, const char* end) {
  for (const char* c = begin; c != end; ++c) {
    if (!std::isspace(static_cast<unsigned char>(*c))) return false;
  }
  return true;
}

int checked_length(std::string_view sql) {
  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw StoreError("SQL text too long");
  }
  return static_cast<int>(sql.size());
}

}  // namespace

void throw_sqlite_error(sqlite3* db, std::string_view context) {
  const int code = sqlite3_extended_errcode(db);
  std::string message(context);
  message += ": ";
  message += sqlite3_errmsg(db);
  // A primary-key clash is a duplicate too (e.g. a migration version recorded twice).
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    throw DuplicateError(message);
  }
  throw StoreError(message);
}

void execute_script(sqlite3* db, std::string_view sql) {
  const char* next = sql.data();
  const char* const end = sql.data() + sql.size();
  while (next != end && !only_whitespace(next, end)) {
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    if (sqlite3_prepare_v2(db, next, checked_length({next, static_cast<std::size_t>(end - next)}), &raw,
                           &tail) != SQLITE_OK) {
      throw_sqlite_error(db, "prepare script");
    }
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(raw, sqlite3_finalize);
    next = tail;
    if (!statement) continue;  // a comment-only fragment compiles to nothing
    int rc;
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) throw_sqlite_error(db, sqlite3_sql(statement.get()));
  }
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  const char* tail = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), checked_length(sql), &statement_, &tail) != SQLITE_OK) {
    throw_sqlite_error(db, "prepare \"" + std::string(sql) + "\"");
  }
  if (statement_ == nullptr) throw StoreError("empty SQL statement");
  if (!only_whitespace(tail, sql.data() + sql.size())) {
    sqlite3_finalize(statement_);
    throw StoreError("more than one SQL statement in \"" + std::string(sql) + "\"");
  }
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::bind(int index, std::int64_t value) {
  if (sqlite3_bind_int64(statement_, index, value) != SQLITE_OK) throw_sqlite_error(db_, "bind");
}

void Statement::bind(int index, std::string_view text) {
  if (sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8) !=
      SQLITE_OK) {
    throw_sqlite_error(db_, "bind");
  }
}

void Statement::bind(int index, const std::optional<std::int64_t>& value) {
  if (value) {
    bind(index, *value);
  } else {
    bind_null(index);
  }
}

void Statement::bind(int index, const std::optional<std::string>& text) {
  if (text) {
    bind(index, std::string_view(*text));
  } else {
    bind_null(index);
  }
}

void Statement::bind_null(int index) {
  if (sqlite3_bind_null(statement_, index) != SQLITE_OK) throw_sqlite_error(db_, "bind");
}

bool Statement::step() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw_sqlite_error(db_, sqlite3_sql(statement_));
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() noexcept {
  // sqlite3_reset repeats the last step's error, which step() already reported.
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

std::int64_t Statement::column_int64(int column) const { return sqlite3_column_int64(statement_, column); }

int Statement::column_int(int column) const { return sqlite3_column_int(statement_, column); }

std::string Statement::column_text(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (text == nullptr) return {};
  // Size after the text call: the conversion to UTF-8 may change it.
  return std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)));
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_int64(column);
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_text(column);
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

StatementCache::Lease::~Lease() {
  statement_->reset();
  statement_->leased_ = false;
}

StatementCache::Lease StatementCache::use(std::string_view sql) {
  auto found = statements_.find(std::string(sql));
  if (found == statements_.end()) {
    auto statement = std::make_unique<Statement>(db_, sql);
    found = statements_.emplace(std::string(sql), std::move(statement)).first;
  }
  Statement& statement = *found->second;
  if (statement.leased_) throw StoreError("statement already in use: " + std::string(sql));
  statement.leased_ = true;
  return Lease(statement);
}

}  // namespace livedesk::store::sqlite
