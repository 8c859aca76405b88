#pragma once
// Versioned schema migrations for the PostgreSQL store: the same versions,
// meaning the same schema, as store/sqlite/migrations.hpp, in PostgreSQL's
// dialect. Append-only like those: a released migration is never edited.
// Applied migrations are recorded in schema_migrations(version, applied_at_ms).
#include <pqxx/pqxx>
#include <span>
#include <string_view>

namespace livedesk::store::postgres {

// One step of the schema's history.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;  // a fixed script; never built from values
};

// Every migration, in ascending version order.
std::span<const Migration> all_migrations();

// The version the schema has once every migration has run.
int latest_schema_version();

// Applies the migrations the database lacks in ONE transaction that first
// takes a transaction-scoped advisory lock, so nodes starting together against
// one database migrate it once: the others wait, then find nothing to do.
// Returns the resulting version. Throws StoreError when a step fails
// (everything is rolled back) or when the database is newer than this build.
// Call on a connection with no transaction open.
int apply_migrations(pqxx::connection& connection);

}  // namespace livedesk::store::postgres
