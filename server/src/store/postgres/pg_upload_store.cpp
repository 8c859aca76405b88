#include "store/postgres/pg_upload_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

// The same bytes uploaded to the same session again keep the first row.
constexpr PgStatement kInsertUpload{
    "insert_upload",
    "INSERT INTO attachments(session_id, sha256, name, mime, size, created_ms) VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (session_id, sha256) DO NOTHING"};
constexpr PgStatement kFindUpload{
    "find_upload",
    "SELECT session_id, sha256, name, mime, size, created_ms FROM attachments WHERE session_id = $1 AND sha256 = $2"};

// Served by the UNIQUE (session_id, sha256) index; the sort is over one session's few files.
constexpr PgStatement kUploadsOfSession{
    "uploads_of_session",
    "SELECT session_id, sha256, name, mime, size, created_ms FROM attachments WHERE session_id = $1 "
    "ORDER BY created_ms, id"};

constexpr PgStatement kStatements[] = {kInsertUpload, kFindUpload, kUploadsOfSession};

}  // namespace

std::span<const PgStatement> PgUploadStore::statements() { return kStatements; }

void PgUploadStore::insert(const UploadedFile& f) {
  db_.write([&](pqxx::transaction_base& tx) {
    exec(tx, kInsertUpload, f.session_id, f.sha256, f.name, f.mime, f.size, f.created_ms);
  });
}

std::optional<UploadedFile> PgUploadStore::find(std::int64_t session_id, std::string_view sha256) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<UploadedFile>(exec(tx, kFindUpload, session_id, sha256)); });
}

std::vector<UploadedFile> PgUploadStore::of_session(std::int64_t session_id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_all<UploadedFile>(exec(tx, kUploadsOfSession, session_id)); });
}

}  // namespace livedesk::store::postgres
