#include "store/postgres/pg_tag_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_TAG "SELECT t.id, t.name, t.color, t.created_ms, t.archived_ms FROM tags t "

// tags_by_name (the name with ASCII letters lowered) turns a name taken ignoring case into DuplicateError.
constexpr PgStatement kInsertTag{
    "insert_tag", "INSERT INTO tags(name, color, created_ms, archived_ms) VALUES ($1, $2, $3, $4) RETURNING id"};
constexpr PgStatement kUpdateTag{"update_tag", "UPDATE tags SET name = $2, color = $3, archived_ms = $4 WHERE id = $1"};
constexpr PgStatement kFindTag{"find_tag", LIVEDESK_PG_TAG "WHERE t.id = $1"};
constexpr PgStatement kAllTags{"all_tags", LIVEDESK_PG_TAG "WHERE $1::boolean OR t.archived_ms IS NULL ORDER BY t.id"};
constexpr PgStatement kAddSessionTag{"add_session_tag",
                                     "INSERT INTO session_tags(session_id, tag_id, added_by, added_ms) "
                                     "VALUES ($1, $2, $3, $4) ON CONFLICT (session_id, tag_id) DO NOTHING"};
constexpr PgStatement kRemoveSessionTag{"remove_session_tag",
                                        "DELETE FROM session_tags WHERE session_id = $1 AND tag_id = $2"};
// Served by the primary key (session_id, tag_id).
constexpr PgStatement kTagsOfSession{
    "tags_of_session",
    LIVEDESK_PG_TAG "JOIN session_tags st ON st.tag_id = t.id WHERE st.session_id = $1 ORDER BY t.id"};

constexpr PgStatement kTaggingsOfSession{
    "taggings_of_session", "SELECT tag_id, added_by, added_ms FROM session_tags WHERE session_id = $1 ORDER BY tag_id"};

#undef LIVEDESK_PG_TAG

constexpr PgStatement kStatements[] = {kInsertTag,     kUpdateTag,        kFindTag,       kAllTags,
                                       kAddSessionTag, kRemoveSessionTag, kTagsOfSession, kTaggingsOfSession};

}  // namespace

std::span<const PgStatement> PgTagStore::statements() { return kStatements; }

std::int64_t PgTagStore::insert(const Tag& t) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertTag, t.name, t.color, t.created_ms, t.archived_ms)[0][0]);
  });
}

void PgTagStore::update(const Tag& t) {
  db_.write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdateTag, t.id, t.name, t.color, t.archived_ms).affected_rows() == 0)
      throw StoreError("no tag " + std::to_string(t.id) + " to update");
  });
}

std::optional<Tag> PgTagStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<Tag>(exec(tx, kFindTag, id)); });
}

std::vector<Tag> PgTagStore::all(bool include_archived) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<Tag>(exec(tx, kAllTags, include_archived ? "true" : "false"));
  });
}

bool PgTagStore::add_to_session(std::int64_t session_id, std::int64_t tag_id, std::optional<std::int64_t> added_by,
                                std::int64_t added_ms) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return exec(tx, kAddSessionTag, session_id, tag_id, added_by, added_ms).affected_rows() > 0;
  });
}

bool PgTagStore::remove_from_session(std::int64_t session_id, std::int64_t tag_id) {
  return db_.write(
      [&](pqxx::transaction_base& tx) { return exec(tx, kRemoveSessionTag, session_id, tag_id).affected_rows() > 0; });
}

std::vector<Tag> PgTagStore::of_session(std::int64_t session_id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_all<Tag>(exec(tx, kTagsOfSession, session_id)); });
}

std::vector<Tagging> PgTagStore::taggings_of(std::int64_t session_id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_all<Tagging>(exec(tx, kTaggingsOfSession, session_id)); });
}

}  // namespace livedesk::store::postgres
