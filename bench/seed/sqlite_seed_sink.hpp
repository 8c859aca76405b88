// The SeedSink on the server's SQLite file (<data-dir>/livedesk.db): its own
// connection, one prepared INSERT per table, one transaction per batch.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "seed/seed_sink.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace livedesk::bench {

class SqliteSeedSink : public SeedSink {
 public:
  // The file must exist and be migrated (open the Store on it first). Dies on error.
  explicit SqliteSeedSink(std::filesystem::path database_file);
  ~SqliteSeedSink() override;

  bool history_is_empty() override;
  void write(const SeedBatch& batch) override;
  void finish() override;
  boost::json::object sizes() override;

 private:
  void exec(const std::string& sql);
  int64_t scalar(const std::string& sql);
  sqlite3_stmt* insert_for(const SeedTable& table);

  std::filesystem::path file_;
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> inserts_;
};

}  // namespace livedesk::bench
