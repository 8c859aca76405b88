#include "store/sqlite/sqlite_upload_store.hpp"

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

void SqliteUploadStore::insert(const UploadedFile& file) {
  auto insert = statements_.use(
      "INSERT INTO attachments(session_id, sha256, name, mime, size, created_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT(session_id, sha256) DO NOTHING");
  insert->bind(1, file.session_id);
  insert->bind(2, file.sha256);
  insert->bind(3, file.name);
  insert->bind(4, file.mime);
  insert->bind(5, file.size);
  insert->bind(6, file.created_ms);
  insert->run();
}

std::optional<UploadedFile> SqliteUploadStore::find(std::int64_t session_id, std::string_view sha256) {
  auto query = statements_.use(
      "SELECT session_id, sha256, name, mime, size, created_ms FROM attachments WHERE session_id = ?1 AND sha256 = ?2");
  query->bind(1, session_id);
  query->bind(2, sha256);
  return read_first<UploadedFile>(*query);
}

std::vector<UploadedFile> SqliteUploadStore::of_session(std::int64_t session_id) {
  // Served by the UNIQUE (session_id, sha256) index; the sort is over one session's few files.
  auto query = statements_.use(
      "SELECT session_id, sha256, name, mime, size, created_ms FROM attachments WHERE session_id = ?1 "
      "ORDER BY created_ms, id");
  query->bind(1, session_id);
  return read_all<UploadedFile>(*query);
}

}  // namespace livedesk::store::sqlite
