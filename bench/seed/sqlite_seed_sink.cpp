#include "seed/sqlite_seed_sink.hpp"

#include <sqlite3.h>

#include <boost/json.hpp>

#include "process/fatal.hpp"

namespace livedesk::bench {

SqliteSeedSink::SqliteSeedSink(std::filesystem::path database_file) : file_(std::move(database_file)) {
  if (sqlite3_open_v2(file_.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK)
    die("cannot open " + file_.string() + ": " + sqlite3_errmsg(db_));
  sqlite3_busy_timeout(db_, 5000);
  // The server's FULL sync costs a flush per batch for nothing here: a seed cut off is started again.
  exec("PRAGMA synchronous = NORMAL");
  exec("PRAGMA foreign_keys = ON");
}

SqliteSeedSink::~SqliteSeedSink() {
  for (auto& [name, stmt] : inserts_) sqlite3_finalize(stmt);
  sqlite3_close(db_);
}

void SqliteSeedSink::exec(const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string what = error ? error : "unknown error";
    sqlite3_free(error);
    die("sqlite: " + what + " in: " + sql);
  }
}

int64_t SqliteSeedSink::scalar(const std::string& sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    die(std::string("sqlite: ") + sqlite3_errmsg(db_) + " in: " + sql);
  int64_t value = -1;
  if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
  sqlite3_finalize(stmt);
  return value;
}

bool SqliteSeedSink::history_is_empty() {
  return scalar("SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM chat_sessions)") == 0;
}

sqlite3_stmt* SqliteSeedSink::insert_for(const SeedTable& table) {
  auto found = inserts_.find(table.name);
  if (found != inserts_.end()) return found->second;
  std::string sql = "INSERT INTO " + table.name + "(";
  std::string values;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    sql += (i ? ", " : "") + table.columns[i];
    values += (i ? ", ?" : "?") + std::to_string(i + 1);
  }
  sql += ") VALUES (" + values + ")";
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    die(std::string("sqlite: ") + sqlite3_errmsg(db_) + " in: " + sql);
  inserts_[table.name] = stmt;
  return stmt;
}

void SqliteSeedSink::write(const SeedBatch& batch) {
  exec("BEGIN IMMEDIATE");
  for (const auto& part : batch) {
    sqlite3_stmt* stmt = insert_for(*part.table);
    for (const auto& row : part.rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        const int at = int(i + 1);
        if (auto* n = std::get_if<int64_t>(&row[i])) {
          sqlite3_bind_int64(stmt, at, *n);
        } else if (auto* s = std::get_if<std::string>(&row[i])) {
          sqlite3_bind_text(stmt, at, s->data(), int(s->size()), SQLITE_STATIC);
        } else {
          sqlite3_bind_null(stmt, at);
        }
      }
      if (sqlite3_step(stmt) != SQLITE_DONE)
        die("sqlite insert into " + part.table->name + ": " + sqlite3_errmsg(db_));
      sqlite3_reset(stmt);
    }
  }
  exec("COMMIT");
}

void SqliteSeedSink::finish() { exec("PRAGMA wal_checkpoint(TRUNCATE)"); }

boost::json::object SqliteSeedSink::sizes() {
  boost::json::object o;
  o["database_bytes"] = scalar("SELECT page_count * page_size FROM pragma_page_count, pragma_page_size");
  // dbstat is compiled into most builds (Debian's); without it the index size is unknown.
  sqlite3_stmt* stmt = nullptr;
  const char* sql = "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'conversation_search%'";
  if (sqlite3_prepare_v2(db_, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    o["search_index_bytes"] = sqlite3_column_int64(stmt, 0);
  } else {
    o["search_index_bytes"] = nullptr;
  }
  sqlite3_finalize(stmt);
  o["search_rows"] = scalar("SELECT count(*) FROM conversation_search");
  return o;
}

}  // namespace livedesk::bench
