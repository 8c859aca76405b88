// The SeedSink on a PostgreSQL database: its own connection, COPY
// (pqxx::stream_to) per table, one transaction per batch; finish() moves the
// identity sequences past the ids written and runs ANALYZE (what autovacuum
// would do soon after such a load).
#pragma once

#include <memory>
#include <string>

#include "seed/seed_sink.hpp"

namespace livedesk::bench {

class PostgresSeedSink : public SeedSink {
 public:
  // The database must be migrated (open the Store on it first). Dies on error.
  explicit PostgresSeedSink(const std::string& url);
  ~PostgresSeedSink() override;

  bool history_is_empty() override;
  void write(const SeedBatch& batch) override;
  void finish() override;
  boost::json::object sizes() override;

 private:
  int64_t scalar(const std::string& sql);

  struct Connection;  // pqxx's (a typedef there, so it cannot be declared here)
  std::unique_ptr<Connection> connection_;
};

}  // namespace livedesk::bench
