#pragma once
// The persistence boundary: everything above store/ talks to this interface and
// never learns whether SQLite or PostgreSQL sits behind it.
//
// Contract: a Store is used by exactly one thread at a time, the store executor
// thread (see store/store_executor.hpp). Implementations do no locking of their
// own. Times are unix milliseconds (domain/iso_time.hpp converts them).
// Failures throw StoreError; a violated uniqueness rule throws DuplicateError,
// so callers can answer 409 without parsing messages.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "domain/role.hpp"

namespace livedesk::store {

// Any failure of the underlying database (I/O, constraint, corrupt data, bad schema).
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A unique constraint was violated (username taken, duplicate rating, ...).
struct DuplicateError : StoreError {
  using StoreError::StoreError;
};

// A staff account (agent, supervisor or admin) as stored.
struct StaffUser {
  std::int64_t id = 0;
  std::string username;
  std::string name;
  domain::Role role = domain::Role::agent;
  std::string password_hash;
  std::string status = "offline";  // active | idle | in_call | offline
  int capacity = 3;                // concurrent chats before the agent counts as in_call
  std::int64_t last_active_ms = 0;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> disabled_ms;  // set when the account was switched off; rows stay for history
};

// What it takes to create a staff account; status and capacity start at their defaults.
struct NewStaffUser {
  std::string username;
  std::string name;
  domain::Role role;
  std::string password_hash;
  std::int64_t created_ms;
};

// One line of the audit trail: who did what to which object, and when.
struct AuditEntry {
  std::int64_t id = 0;  // ignored by append_audit; assigned by the store
  std::int64_t at_ms = 0;
  std::optional<std::int64_t> actor_user_id;  // empty for the system itself
  std::string action;
  std::string target_type;
  std::string target_id;
  std::string detail_json;  // a JSON document; empty is stored (and read back) as "{}"
};

// A customer as known by email (the service lowercases it before it gets here).
struct Customer {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::int64_t created_ms = 0;
};

// One chat between a customer and (once assigned) an agent.
struct ChatSession {
  std::int64_t id = 0;  // ignored by insert_session; assigned by the store
  std::int64_t customer_id = 0;
  std::optional<std::int64_t> agent_id;  // empty while waiting in the queue
  std::string status = "waiting";        // waiting | active | closed
  int priority = 0;
  std::string subject;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> assigned_ms, first_response_ms, closed_ms;
  std::optional<std::string> close_reason;  // resolved | missed | blocked (only when closed)
  std::int64_t next_seq = 1;                // seq the next message of the session gets
};

// A file sent with a message; the bytes live elsewhere, at `url`.
struct Attachment {
  std::string name;
  std::string mime;
  std::int64_t size = 0;
  std::string url;
};

// One message of a session; seq orders it within the session (1, 2, ...).
struct Message {
  std::int64_t id = 0;  // ignored by insert_message; assigned by the store
  std::int64_t session_id = 0;
  std::int64_t seq = 0;
  std::string sender_type;  // customer | agent | system
  std::optional<std::int64_t> sender_user_id;  // required when sender_type is agent
  std::string type = "text";                   // text | image | file | audio | video
  std::string body;
  std::string status = "sent";  // sent | delivered | read | failed
  std::optional<std::string> client_msg_id;  // the sender's own id, makes a resend idempotent
  std::optional<Attachment> attachment;
  std::int64_t created_ms = 0;
};

// The customer's satisfaction rating of a session (at most one per session).
// A rating with the agent of its chat (metrics seeding).
struct RatingRow {
  std::int64_t session_id = 0;
  int rating = 0;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> agent_id;
};

// Messages of one type and status in one UTC hour (metrics seeding).
struct MessageCount {
  std::int64_t utc_hour = 0;
  std::string type;
  std::string status;
  std::int64_t count = 0;
};

// A file uploaded to a session, stored by content hash.
struct UploadedFile {
  std::int64_t session_id = 0;
  std::string sha256;  // 64 hex characters
  std::string name;
  std::string mime;
  std::int64_t size = 0;
  std::int64_t created_ms = 0;
};

struct CsatRating {
  std::int64_t session_id = 0;
  int rating = 0;  // 1..5
  std::string comment;
  std::int64_t created_ms = 0;
};

// A request to hand a chat to another agent, or (to_agent_id empty) back to the queue.
struct Transfer {
  std::int64_t id = 0;  // ignored by insert_transfer; assigned by the store
  std::int64_t session_id = 0;
  std::int64_t from_agent_id = 0;
  std::optional<std::int64_t> to_agent_id;  // empty: back to the queue
  std::string reason;
  std::string status = "pending";  // pending | accepted | declined | expired | cancelled
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> resolved_ms;  // set exactly when status is not pending
};

// A saved reply an agent inserts by shortcut.
struct CannedResponse {
  std::int64_t id = 0;  // ignored by insert_canned; assigned by the store
  std::optional<std::int64_t> owner_user_id;  // empty: shared with every agent
  std::string shortcut;                      // unique per owner (shared ones count as one owner)
  std::string title;
  std::string body;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

// A staff-only note on a session; a whisper is a note meant for the agents in the chat right now.
struct Note {
  std::int64_t id = 0;  // ignored by insert_note; assigned by the store
  std::int64_t session_id = 0;
  std::int64_t author_user_id = 0;
  std::string kind = "note";  // note | whisper
  std::string body;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::optional<std::int64_t> deleted_ms;  // set when deleted; the row stays for the audit trail
};

// A block on an email (checked when a chat starts); lifting keeps the row.
struct CustomerBlock {
  std::int64_t id = 0;  // ignored by insert_block; assigned by the store
  std::optional<std::int64_t> customer_id;  // the customer with that email, when known
  std::string email;                        // lowercase
  std::string reason;
  std::optional<std::int64_t> blocked_by;  // empty: blocked by the system
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> lifted_ms;
  std::optional<std::int64_t> lifted_by;
};

// Filters of query_audit; every one that is set must match (AND).
struct AuditQuery {
  std::int64_t before_id = 0;  // only ids below it; <= 0: no bound
  std::optional<std::int64_t> actor_user_id;
  std::optional<std::int64_t> from_ms;  // at_ms >= from_ms
  std::optional<std::int64_t> to_ms;    // at_ms < to_ms
  std::optional<std::string> action;    // exact match
  int limit = 50;                       // <= 0 returns nothing
};

// The persistence interface; one implementation per database.
class Store {
 public:
  virtual ~Store() = default;

  virtual int schema_version() = 0;  // highest applied migration
  virtual bool ping() = 0;           // runs SELECT 1; false on error

  virtual std::int64_t create_user(const NewStaffUser&) = 0;  // throws DuplicateError if username taken
  virtual std::optional<StaffUser> find_user_by_username(std::string_view username) = 0;  // exact match
  virtual std::optional<StaffUser> find_user(std::int64_t id) = 0;
  virtual std::vector<StaffUser> list_users() = 0;  // ordered by id

  virtual std::int64_t append_audit(const AuditEntry&) = 0;
  // Newest first, id < before_id (before_id <= 0 means no bound); limit <= 0 returns nothing.
  virtual std::vector<AuditEntry> list_audit(std::int64_t before_id, int limit) = 0;

  // Customers. An email already known keeps its row (id, created_ms) and takes the new name.
  virtual Customer upsert_customer(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) = 0;
  virtual std::optional<Customer> find_customer(std::int64_t id) = 0;

  // Sessions.
  virtual std::int64_t insert_session(const ChatSession& session) = 0;  // ignores session.id, returns the new id
  // Writes agent_id, status, priority, assigned_ms, first_response_ms, closed_ms,
  // close_reason and next_seq of the row with session.id; StoreError if there is none.
  virtual void update_session(const ChatSession& session) = 0;
  virtual std::optional<ChatSession> find_session(std::int64_t id) = 0;
  virtual std::vector<ChatSession> list_sessions_by_status(std::string_view status) = 0;  // by created_ms, id
  // The customer's most recently closed (by closed_ms) session that had an agent.
  virtual std::optional<ChatSession> latest_closed_session_of_customer(std::int64_t customer_id) = 0;

  // Messages. insert_message returns the new id; DuplicateError when the session
  // already has that seq, or that client_msg_id from the same sender_type.
  virtual std::int64_t insert_message(const Message& message) = 0;
  virtual std::optional<Message> find_message_by_client_id(std::int64_t session_id, std::string_view sender_type,
                                                           std::string_view client_msg_id) = 0;
  // seq > after_seq, ascending, at most `limit` (limit <= 0 returns nothing).
  virtual std::vector<Message> messages_after(std::int64_t session_id, std::int64_t after_seq, int limit) = 0;
  virtual std::optional<Message> last_message(std::int64_t session_id) = 0;  // highest seq
  // Receipts. `sender_type` names whose messages are marked (the side opposite
  // the reader). Sets `status` (delivered | read) on that sender's messages of
  // the session with seq <= up_to_seq whose status is lower (sent < delivered <
  // read; failed is never touched), so status only moves forward. Returns the
  // number of rows changed; "sent" changes nothing, any other status is a StoreError.
  virtual int advance_message_status(std::int64_t session_id, std::string_view sender_type, std::int64_t up_to_seq,
                                     std::string_view status) = 0;

  // Ratings. DuplicateError when the session already has one; StoreError when out of 1..5.
  virtual void insert_rating(const CsatRating& rating) = 0;
  virtual std::optional<CsatRating> find_rating(std::int64_t session_id) = 0;

  // Blocks: true while a block on that email has not been lifted.
  virtual bool is_email_blocked(std::string_view email_lowercase) = 0;

  // Transfers. insert_transfer returns the new id; DuplicateError when the
  // session already has a pending one.
  virtual std::int64_t insert_transfer(const Transfer& transfer) = 0;
  // Moves a pending transfer to `status` (accepted | declined | expired |
  // cancelled); StoreError if there is no pending transfer with that id.
  virtual void resolve_transfer(std::int64_t id, std::string_view status, std::int64_t resolved_ms) = 0;
  virtual std::optional<Transfer> find_transfer(std::int64_t id) = 0;
  virtual std::vector<Transfer> pending_transfers() = 0;  // oldest first (created_ms, id)
  virtual std::vector<Transfer> transfers_of_session(std::int64_t session_id) = 0;  // oldest first (created_ms, id)

  // Canned responses. DuplicateError when the owner (or the shared set)
  // already has that shortcut; a personal one may reuse a shared shortcut.
  virtual std::int64_t insert_canned(const CannedResponse& canned) = 0;
  // Writes shortcut, title, body and updated_ms of the row with canned.id;
  // DuplicateError as above, StoreError if there is no such row.
  virtual void update_canned(const CannedResponse& canned) = 0;
  virtual bool delete_canned(std::int64_t id) = 0;  // false if there was no such row
  virtual std::optional<CannedResponse> find_canned(std::int64_t id) = 0;
  // The shared ones and `user_id`'s own whose shortcut or title starts with
  // `prefix` (ASCII case-insensitive; empty matches all): the user's own
  // first, then by shortcut, at most `limit` (limit <= 0 returns nothing).
  // Other users' personal responses are never returned.
  virtual std::vector<CannedResponse> search_canned(std::int64_t user_id, std::string_view prefix, int limit) = 0;

  // Notes. insert_note returns the new id.
  virtual std::int64_t insert_note(const Note& note) = 0;
  // Writes body, updated_ms and deleted_ms of the row with note.id; StoreError if there is none.
  virtual void update_note(const Note& note) = 0;
  virtual std::optional<Note> find_note(std::int64_t id) = 0;  // deleted ones too
  // Not deleted, both kinds, by created_ms, id.
  virtual std::vector<Note> notes_of_session(std::int64_t session_id) = 0;

  // Blocks. insert_block returns the new id; DuplicateError when that email
  // already has an active (not lifted) block.
  virtual std::int64_t insert_block(const CustomerBlock& block) = 0;
  // Lifts the email's active block and returns it as lifted; nullopt if none is active.
  virtual std::optional<CustomerBlock> lift_block(std::string_view email_lowercase, std::int64_t lifted_by,
                                                  std::int64_t at_ms) = 0;
  virtual std::vector<CustomerBlock> active_blocks() = 0;  // newest first (created_ms, id descending)
  virtual std::optional<Customer> find_customer_by_email(std::string_view email_lowercase) = 0;  // exact match
  // The customer's sessions that are waiting or active, by created_ms, id.
  virtual std::vector<ChatSession> open_sessions_of_customer(std::int64_t customer_id) = 0;

  // The audit trail filtered by `query`, newest first (id descending).
  virtual std::vector<AuditEntry> query_audit(const AuditQuery& query) = 0;

  // Staff presence (status: active | idle | in_call | offline); StoreError if no such user.
  virtual void update_staff_presence(std::int64_t user_id, std::string_view status, std::int64_t last_active_ms) = 0;

  // Attachments: uploading the same bytes to the same session twice keeps the first row.
  virtual void insert_upload(const UploadedFile& file) = 0;
  virtual std::optional<UploadedFile> find_upload(std::int64_t session_id, std::string_view sha256) = 0;

  // Seeding the dashboard's running aggregates at start-up (docs/metrics.md).
  // Sessions created, assigned, answered or closed at or after `since_ms`.
  virtual std::vector<ChatSession> sessions_touched_since(std::int64_t since_ms) = 0;
  virtual std::vector<RatingRow> ratings_since(std::int64_t since_ms) = 0;
  // Message counts per UTC hour (unix ms / 3 600 000), type and status, since `since_ms`.
  virtual std::vector<MessageCount> message_counts_since(std::int64_t since_ms) = 0;
  // How many of the `sender_type` messages a receipt up to `up_to_seq` would
  // raise to `status`, by their current status, counting only those created
  // at or after `since_ms`. Call before advance_message_status.
  virtual std::vector<std::pair<std::string, std::int64_t>> statuses_below(std::int64_t session_id,
                                                                            std::string_view sender_type,
                                                                            std::int64_t up_to_seq,
                                                                            std::string_view status,
                                                                            std::int64_t since_ms) = 0;

  // Settings every node of a cluster must agree on (the shared JWT secret).
  // Returns the value stored under `key`, first storing `value_if_absent` when
  // there is none. Atomic across processes: nodes that race on their first
  // start all get the one value that was stored first.
  virtual std::string shared_setting(std::string_view key, const std::string& value_if_absent) = 0;

  // Runs `work` atomically: everything it writes commits together, or nothing
  // does if it throws (the exception propagates). Calls nest: an inner call is
  // a savepoint, so a failing inner unit (one job of a group commit) rolls back
  // alone while the outer transaction goes on.
  virtual void run_in_transaction(const std::function<void(Store&)>& work) = 0;
};

}  // namespace livedesk::store
