#pragma once
// The embedded Store: one SQLite file in WAL mode (readers never block the one
// writer), synchronous=FULL (an acknowledged commit survives a power cut too),
// foreign keys enforced, 5 s busy timeout for a second
// process such as `livedesk user add` writing while the server runs.
#include <filesystem>
#include <memory>

#include "store/store.hpp"

namespace livedesk::store {

// Opens (creating if missing) `database_file`, configures the connection and
// applies pending migrations. The parent directory must already exist.
// Throws StoreError when the file cannot be opened, WAL cannot be enabled, or a
// migration fails. The returned Store obeys store.hpp's one-thread contract.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& database_file);

}  // namespace livedesk::store
