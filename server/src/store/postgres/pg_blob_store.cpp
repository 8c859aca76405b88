#include "store/postgres/pg_blob_store.hpp"

namespace livedesk::store {
namespace {
// Serializes the table's creation by nodes starting together.
constexpr std::int64_t kBlobSchemaLock = 0x6c69766564657362;
}  // namespace

PgBlobStore::PgBlobStore(std::string url) : connection_(std::move(url)) {
  try {
    pqxx::work txn(connection_.raw());
    txn.exec_params("SELECT pg_advisory_xact_lock($1)", kBlobSchemaLock);
    txn.exec("CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64), "
             "bytes BYTEA NOT NULL)");
    txn.commit();
  } catch (...) {
    postgres::rethrow_as_store_error();
  }
}

void PgBlobStore::put(std::string_view sha256, std::string_view bytes) {
  std::lock_guard lock(mutex_);
  connection_.write([&](pqxx::transaction_base& tx) {
    tx.exec_params("INSERT INTO blobs (sha256, bytes) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
                   std::string(sha256), pqxx::binarystring(bytes.data(), bytes.size()));
  });
}

std::optional<std::string> PgBlobStore::get(std::string_view sha256) {
  std::lock_guard lock(mutex_);
  return connection_.read([&](pqxx::transaction_base& tx) -> std::optional<std::string> {
    auto rows = tx.exec_params("SELECT bytes FROM blobs WHERE sha256 = $1", std::string(sha256));
    if (rows.empty()) return std::nullopt;
    return pqxx::binarystring(rows[0][0]).str();
  });
}

void PgBlobStore::remove(std::string_view sha256) {
  std::lock_guard lock(mutex_);
  connection_.write([&](pqxx::transaction_base& tx) {
    tx.exec_params("DELETE FROM blobs WHERE sha256 = $1", std::string(sha256));
  });
}

}  // namespace livedesk::store
