#pragma once
// Versioned schema migrations for the SQLite store. Migrations are append-only:
// a released migration is never edited; a change to the schema is a new entry
// with the next version. Each runs in its own transaction and is recorded in
// schema_migrations(version, applied_at_ms), so a half-applied one never sticks.
#include <span>
#include <string_view>

struct sqlite3;

namespace livedesk::store::sqlite {

// One step of the schema's history.
struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;  // a fixed script; never built from values
  bool rebuilds_tables = false;  // runs with foreign keys off, checked before it commits
};

// Every migration, in ascending version order.
std::span<const Migration> all_migrations();

// The version the schema has once every migration has run.
int latest_schema_version();

// Applies the migrations this database lacks, skipping those already applied,
// and returns the resulting version. Safe against a second process migrating
// at the same time (each step re-checks under the write lock). Throws
// StoreError when a step fails (that step is rolled back) or when the database
// is newer than this build knows, rather than run old code on a newer schema.
int apply_migrations(sqlite3* db);

}  // namespace livedesk::store::sqlite
