#pragma once
// The TagStore (tags, session_tags) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/postgres/pg_connection.hpp"
#include "store/tag_store.hpp"

namespace livedesk::store::postgres {

// Tags in PostgreSQL.
class PgTagStore final : public TagStore {
 public:
  explicit PgTagStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const Tag& tag) override;
  void update(const Tag& tag) override;
  std::optional<Tag> find(std::int64_t id) override;
  std::vector<Tag> all(bool include_archived) override;
  bool add_to_session(std::int64_t session_id, std::int64_t tag_id, std::optional<std::int64_t> added_by,
                      std::int64_t added_ms) override;
  bool remove_from_session(std::int64_t session_id, std::int64_t tag_id) override;
  std::vector<Tag> of_session(std::int64_t session_id) override;
  std::vector<Tagging> taggings_of(std::int64_t session_id) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
