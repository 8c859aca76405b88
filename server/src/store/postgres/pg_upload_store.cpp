// Which session may see which uploaded file (see pg_chat_store.hpp).
#include "store/postgres/pg_chat_store.hpp"
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

constexpr PgStatement kStatements[] = {kInsertUpload, kFindUpload};

}  // namespace

std::span<const PgStatement> upload_statements() { return kStatements; }

void PgChatStore::insert_upload(const UploadedFile& f) {
  db().write([&](pqxx::transaction_base& tx) {
    exec(tx, kInsertUpload, f.session_id, f.sha256, f.name, f.mime, f.size, f.created_ms);
  });
}

std::optional<UploadedFile> PgChatStore::find_upload(std::int64_t session_id, std::string_view sha256) {
  return db().read([&](pqxx::transaction_base& tx) {
    return read_first<UploadedFile>(exec(tx, kFindUpload, session_id, sha256), [](const pqxx::row& row) {
      return UploadedFile{as_int64(row[0]), as_text(row[1]),  as_text(row[2]),
                          as_text(row[3]),  as_int64(row[4]), as_int64(row[5])};
    });
  });
}

}  // namespace livedesk::store::postgres
