#include "store/postgres/pg_message_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_MESSAGE_COLUMNS                                                       \
  "id, session_id, seq, sender_type, sender_user_id, type, body, status, client_msg_id, " \
  "attachment_name, attachment_mime, attachment_size, attachment_url, created_ms"

constexpr PgStatement kInsertMessage{
    "insert_message",
    "INSERT INTO messages(session_id, seq, sender_type, sender_user_id, type, body, status, client_msg_id, "
    "attachment_name, attachment_mime, attachment_size, attachment_url, created_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"};
// Served by UNIQUE(session_id, sender_type, client_msg_id).
constexpr PgStatement kFindByClientId{"message_by_client_id",
                                      "SELECT " LIVEDESK_PG_MESSAGE_COLUMNS
                                      " FROM messages "
                                      "WHERE session_id = $1 AND sender_type = $2 AND client_msg_id = $3"};
// Served by UNIQUE(session_id, seq): a range scan, no sort.
constexpr PgStatement kMessagesAfter{"messages_after",
                                     "SELECT " LIVEDESK_PG_MESSAGE_COLUMNS
                                     " FROM messages WHERE session_id = $1 AND seq > $2 ORDER BY seq LIMIT $3"};
constexpr PgStatement kLastMessage{"last_message", "SELECT " LIVEDESK_PG_MESSAGE_COLUMNS
                                                   " FROM messages WHERE session_id = $1 ORDER BY seq DESC LIMIT 1"};
// Lower than delivered: sent. Lower than read: sent, delivered. failed is never advanced.
constexpr PgStatement kAdvanceStatus{"advance_message_status",
                                     "UPDATE messages SET status = $4::text "
                                     "WHERE session_id = $1 AND sender_type = $2 AND seq <= $3 "
                                     "AND (status = 'sent' OR (status = 'delivered' AND $4::text = 'read'))"};

#undef LIVEDESK_PG_MESSAGE_COLUMNS

constexpr PgStatement kStatements[] = {kInsertMessage, kFindByClientId, kMessagesAfter, kLastMessage, kAdvanceStatus};

}  // namespace

std::span<const PgStatement> PgMessageStore::statements() { return kStatements; }

std::int64_t PgMessageStore::insert(const Message& m) {
  const Attachment* a = m.attachment ? &*m.attachment : nullptr;
  const auto field = [a](auto member) { return a ? std::optional(a->*member) : std::nullopt; };
  return db_.write_unguarded([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertMessage, m.session_id, m.seq, m.sender_type, m.sender_user_id, m.type, m.body,
                         m.status, m.client_msg_id, field(&Attachment::name), field(&Attachment::mime),
                         field(&Attachment::size), field(&Attachment::url), m.created_ms)[0][0]);
  });
}

std::optional<Message> PgMessageStore::find_by_client_id(std::int64_t session_id, std::string_view sender_type,
                                                         std::string_view client_msg_id) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_first<Message>(exec(tx, kFindByClientId, session_id, sender_type, client_msg_id));
  });
}

std::vector<Message> PgMessageStore::after(std::int64_t session_id, std::int64_t after_seq, int limit) {
  if (limit <= 0) return {};  // as in the SQLite store, though PostgreSQL refuses a negative LIMIT anyway
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<Message>(exec(tx, kMessagesAfter, session_id, after_seq, limit));
  });
}

std::optional<Message> PgMessageStore::last(std::int64_t session_id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<Message>(exec(tx, kLastMessage, session_id)); });
}

int PgMessageStore::advance_status(std::int64_t session_id, std::string_view sender_type, std::int64_t up_to_seq,
                                   std::string_view status) {
  if (status == "sent") return 0;  // the lowest status: nothing is ever below it
  if (status != "delivered" && status != "read") {
    throw StoreError("a receipt cannot set message status \"" + std::string(status) + "\"");
  }
  return db_.write_unguarded([&](pqxx::transaction_base& tx) {
    return static_cast<int>(exec(tx, kAdvanceStatus, session_id, sender_type, up_to_seq, status).affected_rows());
  });
}

}  // namespace livedesk::store::postgres
