// Where `livedesk-bench seed` writes its history: one database, bulk rows
// written past the Store interfaces (prepared statements on SQLite, COPY on
// PostgreSQL) because the Store has no way to write a conversation as it was
// two years ago (its times, states, tags and ratings in one go), and one row
// at a time through it would make a million messages take minutes.
//
// Contract: the schema is already migrated (the Store was opened first); the
// history tables are empty (checked by history_is_empty before writing);
// write() commits its batch or throws; finish() makes the database look as if
// the server had written the rows (sequences past the ids, statistics).
// One thread; the sink owns its connection.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>

#include "seed/seed_rows.hpp"

namespace livedesk::bench {

class SeedSink {
 public:
  virtual ~SeedSink() = default;
  // No contact and no conversation yet.
  virtual bool history_is_empty() = 0;
  virtual void write(const SeedBatch& batch) = 0;
  virtual void finish() = 0;
  // {"database_bytes", "search_index_bytes"|null, ...}: what the data takes on disk now.
  virtual boost::json::object sizes() = 0;
};

}  // namespace livedesk::bench
