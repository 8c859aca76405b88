#pragma once
// The chat half of the PostgreSQL Store: customers, sessions, messages,
// ratings, blocks, presence and the agent tools. The final class (pg_store.cpp)
// owns the connection and supplies it through db(); it also implements the
// rest of Store (users, audit, settings, transactions).
// Sessions, customers, ratings and presence are in pg_chat_store.cpp, messages
// in pg_message_store.cpp, transfers, canned responses and notes in
// pg_tools_store.cpp, blocks, their lookups and the audit query in
// pg_admin_store.cpp, metrics in pg_metrics_store.cpp, uploads in
// pg_upload_store.cpp. Each file lists its statements for preparing at open.
#include <span>

#include "store/postgres/pg_connection.hpp"
#include "store/store.hpp"

namespace livedesk::store::postgres {

// Statements of each file above, prepared once per connection.
std::span<const PgStatement> chat_statements();
std::span<const PgStatement> message_statements();
std::span<const PgStatement> tools_statements();
std::span<const PgStatement> admin_statements();
std::span<const PgStatement> metrics_statements();
std::span<const PgStatement> upload_statements();

// Store methods over PgConnection; the connection comes from the final class.
class PgChatStore : public Store {
 public:
  Customer upsert_customer(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) override;
  std::optional<Customer> find_customer(std::int64_t id) override;

  std::int64_t insert_session(const ChatSession& session) override;
  void update_session(const ChatSession& session) override;
  std::optional<ChatSession> find_session(std::int64_t id) override;
  std::vector<ChatSession> list_sessions_by_status(std::string_view status) override;
  std::optional<ChatSession> latest_closed_session_of_customer(std::int64_t customer_id) override;

  std::int64_t insert_message(const Message& message) override;
  std::optional<Message> find_message_by_client_id(std::int64_t session_id, std::string_view sender_type,
                                                   std::string_view client_msg_id) override;
  std::vector<Message> messages_after(std::int64_t session_id, std::int64_t after_seq, int limit) override;
  std::optional<Message> last_message(std::int64_t session_id) override;
  int advance_message_status(std::int64_t session_id, std::string_view sender_type, std::int64_t up_to_seq,
                             std::string_view status) override;

  void insert_rating(const CsatRating& rating) override;
  std::optional<CsatRating> find_rating(std::int64_t session_id) override;

  bool is_email_blocked(std::string_view email_lowercase) override;

  std::int64_t insert_transfer(const Transfer& transfer) override;
  void resolve_transfer(std::int64_t id, std::string_view status, std::int64_t resolved_ms) override;
  std::optional<Transfer> find_transfer(std::int64_t id) override;
  std::vector<Transfer> pending_transfers() override;
  std::vector<Transfer> transfers_of_session(std::int64_t session_id) override;

  std::int64_t insert_canned(const CannedResponse& canned) override;
  void update_canned(const CannedResponse& canned) override;
  bool delete_canned(std::int64_t id) override;
  std::optional<CannedResponse> find_canned(std::int64_t id) override;
  std::vector<CannedResponse> search_canned(std::int64_t user_id, std::string_view prefix, int limit) override;

  std::int64_t insert_note(const Note& note) override;
  void update_note(const Note& note) override;
  std::optional<Note> find_note(std::int64_t id) override;
  std::vector<Note> notes_of_session(std::int64_t session_id) override;

  std::int64_t insert_block(const CustomerBlock& block) override;
  std::optional<CustomerBlock> lift_block(std::string_view email_lowercase, std::int64_t lifted_by,
                                          std::int64_t at_ms) override;
  std::vector<CustomerBlock> active_blocks() override;
  std::optional<Customer> find_customer_by_email(std::string_view email_lowercase) override;
  std::vector<ChatSession> open_sessions_of_customer(std::int64_t customer_id) override;

  std::vector<AuditEntry> query_audit(const AuditQuery& query) override;

  void update_staff_presence(std::int64_t user_id, std::string_view status, std::int64_t last_active_ms) override;

  void insert_upload(const UploadedFile& file) override;
  std::optional<UploadedFile> find_upload(std::int64_t session_id, std::string_view sha256) override;

  std::vector<ChatSession> sessions_touched_since(std::int64_t since_ms) override;
  std::vector<RatingRow> ratings_since(std::int64_t since_ms) override;
  std::vector<MessageCount> message_counts_since(std::int64_t since_ms) override;
  std::vector<std::pair<std::string, std::int64_t>> statuses_below(std::int64_t session_id,
                                                                   std::string_view sender_type, std::int64_t up_to_seq,
                                                                   std::string_view status,
                                                                   std::int64_t since_ms) override;

 protected:
  // Owned by the derived class; lives as long as the object.
  virtual PgConnection& db() = 0;
};

}  // namespace livedesk::store::postgres
