#pragma once
// The UploadStore (uploaded files) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/upload_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Uploaded files in PostgreSQL.
class PgUploadStore final : public UploadStore {
 public:
  explicit PgUploadStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  void insert(const UploadedFile& file) override;
  std::optional<UploadedFile> find(std::int64_t session_id, std::string_view sha256) override;
  std::vector<UploadedFile> of_session(std::int64_t session_id) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
