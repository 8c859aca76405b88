#include "store/sqlite/sqlite_message_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectMessage =
    "SELECT id, session_id, seq, sender_type, sender_user_id, type, body, status, client_msg_id, "
    "attachment_name, attachment_mime, attachment_size, attachment_url, created_ms FROM messages ";

}  // namespace

std::int64_t SqliteMessageStore::insert(const Message& message) {
  auto insert = statements_.use(
      "INSERT INTO messages(session_id, seq, sender_type, sender_user_id, type, body, status, client_msg_id, "
      "attachment_name, attachment_mime, attachment_size, attachment_url, created_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
  insert->bind(1, message.session_id);
  insert->bind(2, message.seq);
  insert->bind(3, message.sender_type);
  insert->bind(4, message.sender_user_id);
  insert->bind(5, message.type);
  insert->bind(6, message.body);
  insert->bind(7, message.status);
  insert->bind(8, message.client_msg_id);
  if (message.attachment) {
    insert->bind(9, message.attachment->name);
    insert->bind(10, message.attachment->mime);
    insert->bind(11, message.attachment->size);
    insert->bind(12, message.attachment->url);
  }  // else ?9..?12 stay NULL (a leased statement starts with every binding cleared)
  insert->bind(13, message.created_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

std::optional<Message> SqliteMessageStore::find_by_client_id(std::int64_t session_id, std::string_view sender_type,
                                                             std::string_view client_msg_id) {
  // Served by UNIQUE(session_id, sender_type, client_msg_id).
  auto query = statements_.use(std::string(kSelectMessage) +
                               "WHERE session_id = ?1 AND sender_type = ?2 AND client_msg_id = ?3");
  query->bind(1, session_id);
  query->bind(2, sender_type);
  query->bind(3, client_msg_id);
  return read_first<Message>(*query);
}

std::vector<Message> SqliteMessageStore::after(std::int64_t session_id, std::int64_t after_seq, int limit) {
  if (limit <= 0) return {};  // SQLite reads a negative LIMIT as "no limit"
  // Served by UNIQUE(session_id, seq): a range scan, no sort.
  auto query = statements_.use(std::string(kSelectMessage) +
                               "WHERE session_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
  query->bind(1, session_id);
  query->bind(2, after_seq);
  query->bind(3, limit);
  return read_all<Message>(*query);
}

std::optional<Message> SqliteMessageStore::last(std::int64_t session_id) {
  auto query = statements_.use(std::string(kSelectMessage) + "WHERE session_id = ?1 ORDER BY seq DESC LIMIT 1");
  query->bind(1, session_id);
  return read_first<Message>(*query);
}

int SqliteMessageStore::advance_status(std::int64_t session_id, std::string_view sender_type, std::int64_t up_to_seq,
                                       std::string_view status) {
  if (status == "sent") return 0;  // the lowest status: nothing is ever below it
  if (status != "delivered" && status != "read") {
    throw StoreError("a receipt cannot set message status \"" + std::string(status) + "\"");
  }
  // Lower than delivered: sent. Lower than read: sent, delivered. failed is never advanced.
  auto update = statements_.use(
      "UPDATE messages SET status = ?4 "
      "WHERE session_id = ?1 AND sender_type = ?2 AND seq <= ?3 "
      "AND (status = 'sent' OR (status = 'delivered' AND ?4 = 'read'))");
  update->bind(1, session_id);
  update->bind(2, sender_type);
  update->bind(3, up_to_seq);
  update->bind(4, status);
  update->run();
  return sqlite3_changes(db_);
}

}  // namespace livedesk::store::sqlite
