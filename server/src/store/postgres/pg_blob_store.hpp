#pragma once
// Attachments kept in PostgreSQL (table `blobs`, BYTEA by SHA-256), so every
// node of a cluster serves every file whichever node received the upload.
// Used instead of FileBlobStore when the server runs on PostgreSQL. Safe from
// any thread (one PgConnection behind a mutex; the file worker is its only
// caller in practice). Failures throw StoreError; a lost connection is
// replaced at the next call (PgConnection).
#include <mutex>
#include <string>

#include "store/blob_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store {

// BlobStore on a PostgreSQL connection of its own; see the file comment.
class PgBlobStore final : public BlobStore {
 public:
  // Connects and creates the table when missing. StoreError if it cannot.
  explicit PgBlobStore(std::string url);

  void put(std::string_view sha256, std::string_view bytes) override;
  std::optional<std::string> get(std::string_view sha256) override;
  void remove(std::string_view sha256) override;

 private:
  std::mutex mutex_;
  postgres::PgConnection connection_;
};

}  // namespace livedesk::store
