#include "store/sqlite/sqlite_tag_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectTag = "SELECT t.id, t.name, t.color, t.created_ms, t.archived_ms FROM tags t ";

}  // namespace

std::int64_t SqliteTagStore::insert(const Tag& tag) {
  // tags_by_name (lower(name)) turns a name taken ignoring case into DuplicateError.
  auto insert = statements_.use("INSERT INTO tags(name, color, created_ms, archived_ms) VALUES (?1, ?2, ?3, ?4)");
  insert->bind(1, tag.name);
  insert->bind(2, tag.color);
  insert->bind(3, tag.created_ms);
  insert->bind(4, tag.archived_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteTagStore::update(const Tag& tag) {
  auto update = statements_.use("UPDATE tags SET name = ?2, color = ?3, archived_ms = ?4 WHERE id = ?1");
  update->bind(1, tag.id);
  update->bind(2, tag.name);
  update->bind(3, tag.color);
  update->bind(4, tag.archived_ms);
  update->run();
  if (sqlite3_changes(db_) == 0) throw StoreError("no tag " + std::to_string(tag.id) + " to update");
}

std::optional<Tag> SqliteTagStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectTag) + "WHERE t.id = ?1");
  query->bind(1, id);
  return read_first<Tag>(*query);
}

std::vector<Tag> SqliteTagStore::all(bool include_archived) {
  auto query = statements_.use(std::string(kSelectTag) + "WHERE ?1 OR t.archived_ms IS NULL ORDER BY t.id");
  query->bind(1, include_archived ? 1 : 0);
  return read_all<Tag>(*query);
}

bool SqliteTagStore::add_to_session(std::int64_t session_id, std::int64_t tag_id,
                                    std::optional<std::int64_t> added_by, std::int64_t added_ms) {
  auto insert = statements_.use(
      "INSERT INTO session_tags(session_id, tag_id, added_by, added_ms) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT(session_id, tag_id) DO NOTHING");
  insert->bind(1, session_id);
  insert->bind(2, tag_id);
  insert->bind(3, added_by);
  insert->bind(4, added_ms);
  insert->run();
  return sqlite3_changes(db_) > 0;
}

bool SqliteTagStore::remove_from_session(std::int64_t session_id, std::int64_t tag_id) {
  auto remove = statements_.use("DELETE FROM session_tags WHERE session_id = ?1 AND tag_id = ?2");
  remove->bind(1, session_id);
  remove->bind(2, tag_id);
  remove->run();
  return sqlite3_changes(db_) > 0;
}

std::vector<Tag> SqliteTagStore::of_session(std::int64_t session_id) {
  // Served by the primary key (session_id, tag_id).
  auto query = statements_.use(std::string(kSelectTag) +
                               "JOIN session_tags st ON st.tag_id = t.id WHERE st.session_id = ?1 ORDER BY t.id");
  query->bind(1, session_id);
  return read_all<Tag>(*query);
}

std::vector<Tagging> SqliteTagStore::taggings_of(std::int64_t session_id) {
  auto query =
      statements_.use("SELECT tag_id, added_by, added_ms FROM session_tags WHERE session_id = ?1 ORDER BY tag_id");
  query->bind(1, session_id);
  return read_all<Tagging>(*query);
}

}  // namespace livedesk::store::sqlite
