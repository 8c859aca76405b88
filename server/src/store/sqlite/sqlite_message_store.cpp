// The messages part of SqliteChatStore (see sqlite_chat_store.hpp).
#include <string>

#include "store/sqlite/sqlite_chat_store.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectMessage =
    "SELECT id, session_id, seq, sender_type, sender_user_id, type, body, status, client_msg_id, "
    "attachment_name, attachment_mime, attachment_size, attachment_url, created_ms FROM messages ";

Message read_message(const Statement& row) {
  Message message;
  message.id = row.column_int64(0);
  message.session_id = row.column_int64(1);
  message.seq = row.column_int64(2);
  message.sender_type = row.column_text(3);
  message.sender_user_id = row.column_optional_int64(4);
  message.type = row.column_text(5);
  message.body = row.column_text(6);
  message.status = row.column_text(7);
  message.client_msg_id = row.column_optional_text(8);
  // insert_message writes all four attachment columns or none; any one set means an attachment.
  if (!row.column_is_null(9) || !row.column_is_null(10) || !row.column_is_null(11) || !row.column_is_null(12)) {
    Attachment attachment;
    attachment.name = row.column_text(9);
    attachment.mime = row.column_text(10);
    attachment.size = row.column_int64(11);
    attachment.url = row.column_text(12);
    message.attachment = std::move(attachment);
  }
  message.created_ms = row.column_int64(13);
  return message;
}

}  // namespace

std::int64_t SqliteChatStore::insert_message(const Message& message) {
  auto insert = statements().use(
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
  return sqlite3_last_insert_rowid(connection());
}

std::optional<Message> SqliteChatStore::find_message_by_client_id(std::int64_t session_id,
                                                                  std::string_view sender_type,
                                                                  std::string_view client_msg_id) {
  // Served by UNIQUE(session_id, sender_type, client_msg_id).
  auto query = statements().use(std::string(kSelectMessage) +
                                "WHERE session_id = ?1 AND sender_type = ?2 AND client_msg_id = ?3");
  query->bind(1, session_id);
  query->bind(2, sender_type);
  query->bind(3, client_msg_id);
  if (!query->step()) return std::nullopt;
  return read_message(*query);
}

std::vector<Message> SqliteChatStore::messages_after(std::int64_t session_id, std::int64_t after_seq, int limit) {
  std::vector<Message> messages;
  if (limit <= 0) return messages;  // SQLite reads a negative LIMIT as "no limit"
  // Served by UNIQUE(session_id, seq): a range scan, no sort.
  auto query = statements().use(std::string(kSelectMessage) +
                                "WHERE session_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
  query->bind(1, session_id);
  query->bind(2, after_seq);
  query->bind(3, limit);
  while (query->step()) messages.push_back(read_message(*query));
  return messages;
}

std::optional<Message> SqliteChatStore::last_message(std::int64_t session_id) {
  auto query = statements().use(std::string(kSelectMessage) + "WHERE session_id = ?1 ORDER BY seq DESC LIMIT 1");
  query->bind(1, session_id);
  if (!query->step()) return std::nullopt;
  return read_message(*query);
}

int SqliteChatStore::advance_message_status(std::int64_t session_id, std::string_view sender_type,
                                            std::int64_t up_to_seq, std::string_view status) {
  if (status == "sent") return 0;  // the lowest status: nothing is ever below it
  if (status != "delivered" && status != "read") {
    throw StoreError("a receipt cannot set message status \"" + std::string(status) + "\"");
  }
  // Lower than delivered: sent. Lower than read: sent, delivered. failed is never advanced.
  auto update = statements().use(
      "UPDATE messages SET status = ?4 "
      "WHERE session_id = ?1 AND sender_type = ?2 AND seq <= ?3 "
      "AND (status = 'sent' OR (status = 'delivered' AND ?4 = 'read'))");
  update->bind(1, session_id);
  update->bind(2, sender_type);
  update->bind(3, up_to_seq);
  update->bind(4, status);
  update->run();
  return sqlite3_changes(connection());
}

}  // namespace livedesk::store::sqlite
