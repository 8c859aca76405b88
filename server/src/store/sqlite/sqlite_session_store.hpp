#pragma once
// The SessionStore (chat sessions) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/session_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Chat sessions in SQLite.
class SqliteSessionStore final : public SessionStore {
 public:
  SqliteSessionStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  // Every column of a ChatSession; metrics reads sessions with it too.
  static constexpr const char* kSelect =
      "SELECT id, customer_id, agent_id, status, priority, subject, created_ms, assigned_ms, first_response_ms, "
      "closed_ms, close_reason, next_seq FROM chat_sessions ";

  std::int64_t insert(const ChatSession& session) override;
  void update(const ChatSession& session) override;
  std::optional<ChatSession> find(std::int64_t id) override;
  std::vector<ChatSession> list_by_status(std::string_view status) override;
  std::optional<ChatSession> latest_closed_of_customer(std::int64_t customer_id) override;
  std::vector<ChatSession> open_of_customer(std::int64_t customer_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
