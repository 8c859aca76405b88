#pragma once
// The MessageStore (messages and their receipts) on the connection of a PostgreSQL Store
// (pg_store.cpp), which owns it; used by the Store's one thread. Each method
// runs through PgConnection::read / write (see pg_connection.hpp).
#include <span>

#include "store/message_store.hpp"
#include "store/postgres/pg_connection.hpp"

namespace livedesk::store::postgres {

// Messages and their receipts in PostgreSQL.
class PgMessageStore final : public MessageStore {
 public:
  explicit PgMessageStore(PgConnection& db) : db_(db) {}
  // Its statements, prepared once per connection.
  static std::span<const PgStatement> statements();

  std::int64_t insert(const Message& message) override;
  std::optional<Message> find_by_client_id(std::int64_t session_id, std::string_view sender_type,
                                           std::string_view client_msg_id) override;
  std::vector<Message> after(std::int64_t session_id, std::int64_t after_seq, int limit) override;
  std::optional<Message> last(std::int64_t session_id) override;
  int advance_status(std::int64_t session_id, std::string_view sender_type, std::int64_t up_to_seq,
                     std::string_view status) override;

 private:
  PgConnection& db_;
};

}  // namespace livedesk::store::postgres
