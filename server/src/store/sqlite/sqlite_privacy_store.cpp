#include "store/sqlite/sqlite_privacy_store.hpp"

namespace livedesk::store::sqlite {

namespace {
std::vector<std::int64_t> ids(Statement& query) {
  std::vector<std::int64_t> out;
  while (query.step()) out.push_back(query.column_int64(0));
  return out;
}
}  // namespace

ErasedConversation SqlitePrivacyStore::erase_conversation(std::int64_t session_id, std::int64_t erased_ms) {
  ErasedConversation erased;
  {
    auto files = statements_.use("SELECT sha256 FROM attachments WHERE session_id = ?1 ORDER BY id");
    files->bind(1, session_id);
    while (files->step()) erased.blobs.push_back(files->column_text(0));
  }
  auto attachments = statements_.use("DELETE FROM attachments WHERE session_id = ?1");
  attachments->bind(1, session_id);
  attachments->run();
  erased.attachments = sqlite3_changes(db_);
  auto messages = statements_.use(
      "UPDATE messages SET body = '', attachment_name = NULL, attachment_mime = NULL, attachment_size = NULL, "
      "attachment_url = NULL WHERE session_id = ?1");
  messages->bind(1, session_id);
  messages->run();
  erased.messages = sqlite3_changes(db_);
  auto notes = statements_.use("UPDATE notes SET body = '' WHERE session_id = ?1");
  notes->bind(1, session_id);
  notes->run();
  auto rating = statements_.use("UPDATE csat_ratings SET comment = '' WHERE session_id = ?1");
  rating->bind(1, session_id);
  rating->run();
  // The search projection keys its rows by the session id (FTS5 rowid).
  auto search = statements_.use("DELETE FROM conversation_search WHERE rowid = ?1");
  search->bind(1, session_id);
  search->run();
  auto session = statements_.use(
      "UPDATE chat_sessions SET subject = '', erased_ms = coalesce(erased_ms, ?2) WHERE id = ?1");
  session->bind(1, session_id);
  session->bind(2, erased_ms);
  session->run();
  return erased;
}

void SqlitePrivacyStore::erase_contact(std::int64_t contact_id, std::int64_t erased_ms) {
  auto contact = statements_.use(
      "UPDATE customers SET name = 'Erased contact', email = NULL, external_id = NULL, visitor_id = NULL, "
      "attributes = '{}', identity_verified = 0, erased_ms = coalesce(erased_ms, ?2), updated_ms = ?2 WHERE id = ?1");
  contact->bind(1, contact_id);
  contact->bind(2, erased_ms);
  contact->run();
  auto notes = statements_.use("DELETE FROM contact_notes WHERE customer_id = ?1");
  notes->bind(1, contact_id);
  notes->run();
}

std::vector<std::int64_t> SqlitePrivacyStore::conversations_of(std::int64_t contact_id) {
  auto query = statements_.use("SELECT id FROM chat_sessions WHERE customer_id = ?1 ORDER BY id");
  query->bind(1, contact_id);
  return ids(*query);
}

bool SqlitePrivacyStore::blob_in_use(std::string_view sha256) {
  auto query = statements_.use("SELECT 1 FROM attachments WHERE sha256 = ?1 LIMIT 1");
  query->bind(1, sha256);
  return query->step();
}

std::vector<std::int64_t> SqlitePrivacyStore::closed_before(std::int64_t cutoff_ms, int limit) {
  auto query = statements_.use(
      "SELECT id FROM chat_sessions WHERE status = 'closed' AND erased_ms IS NULL AND closed_ms < ?1 "
      "ORDER BY closed_ms, id LIMIT ?2");
  query->bind(1, cutoff_ms);
  query->bind(2, limit);
  return ids(*query);
}

std::optional<std::int64_t> SqlitePrivacyStore::erased_ms(std::int64_t session_id) {
  auto query = statements_.use("SELECT erased_ms FROM chat_sessions WHERE id = ?1");
  query->bind(1, session_id);
  if (!query->step()) return std::nullopt;
  return query->column_optional_int64(0);
}

}  // namespace livedesk::store::sqlite
