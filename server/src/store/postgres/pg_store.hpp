#pragma once
// The Store on a PostgreSQL server, for running several nodes on one database.
// One connection per Store (the store executor is its only user, store.hpp);
// statements are prepared once per connection. Within run_in_transaction the
// isolation is PostgreSQL's default, READ COMMITTED.
//
// Where it differs from the SQLite store, because PostgreSQL does: text must be
// valid UTF-8 without NUL bytes (StoreError otherwise, never a silently cut
// value). A lost connection fails the call in progress with StoreError (a
// COMMIT cut off this way may or may not have happened); the next call outside
// a transaction connects afresh.
#include <memory>
#include <string>

#include "store/store.hpp"

namespace livedesk::store {

// Connects to `url` (postgresql://user[:password]@host[:port]/database[?...]
// or libpq's key=value form) and applies pending migrations, in one
// transaction under an advisory lock so nodes starting together migrate once.
// Throws StoreError when it cannot connect, a migration fails, or the database
// is newer than this build.
std::unique_ptr<Store> open_postgres_store(const std::string& url);

}  // namespace livedesk::store
