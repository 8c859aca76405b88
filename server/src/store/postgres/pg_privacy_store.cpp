#include "store/postgres/pg_privacy_store.hpp"

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

constexpr PgStatement kDeleteAttachments{
    "privacy_delete_attachments", "DELETE FROM attachments WHERE session_id = $1 RETURNING sha256"};
constexpr PgStatement kClearMessages{
    "privacy_clear_messages",
    "UPDATE messages SET body = '', attachment_name = NULL, attachment_mime = NULL, attachment_size = NULL, "
    "attachment_url = NULL WHERE session_id = $1"};
constexpr PgStatement kClearNotes{"privacy_clear_notes", "UPDATE notes SET body = '' WHERE session_id = $1"};
constexpr PgStatement kClearRating{"privacy_clear_rating",
                                   "UPDATE csat_ratings SET comment = '' WHERE session_id = $1"};
constexpr PgStatement kDeleteSearch{"privacy_delete_search", "DELETE FROM conversation_search WHERE session_id = $1"};
constexpr PgStatement kEraseSession{
    "privacy_erase_session", "UPDATE chat_sessions SET subject = '', erased_ms = coalesce(erased_ms, $2) WHERE id = $1"};
constexpr PgStatement kEraseContact{
    "privacy_erase_contact",
    "UPDATE customers SET name = 'Erased contact', email = NULL, external_id = NULL, visitor_id = NULL, "
    "attributes = '{}', identity_verified = 0, erased_ms = coalesce(erased_ms, $2), updated_ms = $2 WHERE id = $1"};
constexpr PgStatement kDeleteContactNotes{"privacy_delete_contact_notes",
                                          "DELETE FROM contact_notes WHERE customer_id = $1"};
constexpr PgStatement kConversationsOf{"privacy_conversations_of",
                                       "SELECT id FROM chat_sessions WHERE customer_id = $1 ORDER BY id"};
constexpr PgStatement kBlobInUse{"privacy_blob_in_use", "SELECT 1 FROM attachments WHERE sha256 = $1 LIMIT 1"};
constexpr PgStatement kClosedBefore{
    "privacy_closed_before",
    "SELECT id FROM chat_sessions WHERE status = 'closed' AND erased_ms IS NULL AND closed_ms < $1 "
    "ORDER BY closed_ms, id LIMIT $2"};
constexpr PgStatement kErasedMs{"privacy_erased_ms", "SELECT erased_ms FROM chat_sessions WHERE id = $1"};

constexpr PgStatement kStatements[] = {kDeleteAttachments, kClearMessages,      kClearNotes,      kClearRating,
                                       kDeleteSearch,      kEraseSession,       kEraseContact,    kDeleteContactNotes,
                                       kConversationsOf,   kBlobInUse,          kClosedBefore,    kErasedMs};

std::vector<std::int64_t> ids(const pqxx::result& result) {
  std::vector<std::int64_t> out;
  for (const auto& row : result) out.push_back(row[0].as<std::int64_t>());
  return out;
}

}  // namespace

std::span<const PgStatement> PgPrivacyStore::statements() { return kStatements; }

ErasedConversation PgPrivacyStore::erase_conversation(std::int64_t session_id, std::int64_t erased_ms) {
  return db_.write([&](pqxx::transaction_base& tx) {
    ErasedConversation erased;
    const auto files = exec(tx, kDeleteAttachments, session_id);
    for (const auto& row : files) erased.blobs.push_back(row[0].as<std::string>());
    erased.attachments = std::int64_t(files.size());
    erased.messages = std::int64_t(exec(tx, kClearMessages, session_id).affected_rows());
    exec(tx, kClearNotes, session_id);
    exec(tx, kClearRating, session_id);
    exec(tx, kDeleteSearch, session_id);
    exec(tx, kEraseSession, session_id, erased_ms);
    return erased;
  });
}

void PgPrivacyStore::erase_contact(std::int64_t contact_id, std::int64_t erased_ms) {
  db_.write([&](pqxx::transaction_base& tx) {
    exec(tx, kEraseContact, contact_id, erased_ms);
    exec(tx, kDeleteContactNotes, contact_id);
  });
}

std::vector<std::int64_t> PgPrivacyStore::conversations_of(std::int64_t contact_id) {
  return db_.read([&](pqxx::transaction_base& tx) { return ids(exec(tx, kConversationsOf, contact_id)); });
}

bool PgPrivacyStore::blob_in_use(std::string_view sha256) {
  return db_.read([&](pqxx::transaction_base& tx) { return !exec(tx, kBlobInUse, sha256).empty(); });
}

std::vector<std::int64_t> PgPrivacyStore::closed_before(std::int64_t cutoff_ms, int limit) {
  return db_.read([&](pqxx::transaction_base& tx) { return ids(exec(tx, kClosedBefore, cutoff_ms, limit)); });
}

std::optional<std::int64_t> PgPrivacyStore::erased_ms(std::int64_t session_id) {
  return db_.read([&](pqxx::transaction_base& tx) -> std::optional<std::int64_t> {
    const auto result = exec(tx, kErasedMs, session_id);
    if (result.empty()) return std::nullopt;
    return as_optional_int64(result[0][0]);
  });
}

}  // namespace livedesk::store::postgres
