#pragma once
// The MessageStore (messages and their receipts) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/message_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Messages and their receipts in SQLite.
class SqliteMessageStore final : public MessageStore {
 public:
  SqliteMessageStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  std::int64_t insert(const Message& message) override;
  std::optional<Message> find_by_client_id(std::int64_t session_id, std::string_view sender_type,
                                           std::string_view client_msg_id) override;
  std::vector<Message> after(std::int64_t session_id, std::int64_t after_seq, int limit) override;
  std::optional<Message> last(std::int64_t session_id) override;
  int advance_status(std::int64_t session_id, std::string_view sender_type, std::int64_t up_to_seq,
                     std::string_view status) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
