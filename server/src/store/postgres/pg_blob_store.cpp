#include "store/postgres/pg_blob_store.hpp"

#include <pqxx/pqxx>

namespace livedesk::store {
namespace {
// Serializes the table's creation by nodes starting together.
constexpr std::int64_t kBlobSchemaLock = 0x6c69766564657362;
}  // namespace

PgBlobStore::PgBlobStore(std::string url) : url_(std::move(url)) {
  std::lock_guard lock(mutex_);
  try {
    pqxx::work txn(connection());
    txn.exec_params("SELECT pg_advisory_xact_lock($1)", kBlobSchemaLock);
    txn.exec("CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64), "
             "bytes BYTEA NOT NULL)");
    txn.commit();
  } catch (const pqxx::pqxx_exception& error) {
    throw StoreError(std::string("cannot prepare the blobs table: ") + error.base().what());
  }
}

PgBlobStore::~PgBlobStore() = default;

pqxx::connection& PgBlobStore::connection() {
  // A connection lost since the last call is replaced (the call that found it broken failed).
  if (!connection_ || !connection_->is_open()) connection_ = std::make_unique<pqxx::connection>(url_);
  return *connection_;
}

void PgBlobStore::put(std::string_view sha256, std::string_view bytes) {
  std::lock_guard lock(mutex_);
  try {
    pqxx::work txn(connection());
    txn.exec_params("INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                    std::string(sha256), pqxx::binarystring(bytes.data(), bytes.size()));
    txn.commit();
  } catch (const pqxx::pqxx_exception& error) {
    connection_.reset();
    throw StoreError(std::string("cannot store the file: ") + error.base().what());
  }
}

std::optional<std::string> PgBlobStore::get(std::string_view sha256) {
  std::lock_guard lock(mutex_);
  try {
    pqxx::read_transaction txn(connection());
    auto rows = txn.exec_params("SELECT bytes FROM blobs WHERE sha256 = $1", std::string(sha256));
    if (rows.empty()) return std::nullopt;
    return pqxx::binarystring(rows[0][0]).str();
  } catch (const pqxx::pqxx_exception& error) {
    connection_.reset();
    throw StoreError(std::string("cannot read the file: ") + error.base().what());
  }
}

}  // namespace livedesk::store
