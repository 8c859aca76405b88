#include "store/sqlite/migrations.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <string>

#include "store/sqlite/statement.hpp"
#include "store/store.hpp"

namespace livedesk::store::sqlite {

namespace {

// The whole product's schema, designed up front so later work extends it.
// Conventions: times are unix milliseconds (INTEGER); enumerations are TEXT with
// a CHECK, so a bad value fails at the write, not in a dashboard later; ids are
// AUTOINCREMENT because they appear in URLs, tokens and paging cursors and must
// never be reused after a delete.
constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE staff_users (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  username       TEXT    NOT NULL UNIQUE CHECK (length(username) > 0),
  name           TEXT    NOT NULL,
  role           TEXT    NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  password_hash  TEXT    NOT NULL,
  status         TEXT    NOT NULL DEFAULT 'offline'
                         CHECK (status IN ('active', 'idle', 'in_call', 'offline')),
  capacity       INTEGER NOT NULL DEFAULT 3 CHECK (capacity >= 0),
  last_active_ms INTEGER NOT NULL DEFAULT 0,
  created_ms     INTEGER NOT NULL,
  disabled_ms    INTEGER  -- accounts are switched off, not deleted: history points at them
);

-- The service lowercases emails; the CHECK catches a caller that forgot (ASCII only).
CREATE TABLE customers (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  email      TEXT    NOT NULL UNIQUE CHECK (email = lower(email)),
  name       TEXT    NOT NULL,
  created_ms INTEGER NOT NULL
);

CREATE TABLE chat_sessions (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id       INTEGER NOT NULL REFERENCES customers(id),
  agent_id          INTEGER REFERENCES staff_users(id),  -- NULL while waiting in the queue
  status            TEXT    NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'active', 'closed')),
  priority          INTEGER NOT NULL DEFAULT 0,
  subject           TEXT    NOT NULL DEFAULT '',
  created_ms        INTEGER NOT NULL,
  assigned_ms       INTEGER,
  first_response_ms INTEGER,
  closed_ms         INTEGER,
  close_reason      TEXT    CHECK (close_reason IS NULL OR close_reason IN ('resolved', 'missed', 'blocked')),
  next_seq          INTEGER NOT NULL DEFAULT 1 CHECK (next_seq >= 1),  -- seq the next message gets
  customer_token_id TEXT    UNIQUE,  -- id of the customer's token, so it can be revoked
  CHECK (status <> 'active' OR (agent_id IS NOT NULL AND assigned_ms IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_ms IS NOT NULL)),
  CHECK (close_reason IS NULL OR status = 'closed')
);
CREATE INDEX chat_sessions_by_status_created ON chat_sessions(status, created_ms);
CREATE INDEX chat_sessions_by_agent_status   ON chat_sessions(agent_id, status);
CREATE INDEX chat_sessions_by_created        ON chat_sessions(created_ms);
CREATE INDEX chat_sessions_by_closed         ON chat_sessions(closed_ms);
CREATE INDEX chat_sessions_by_customer       ON chat_sessions(customer_id, created_ms);

-- UNIQUE(session_id, seq) is also the index for replay after reconnect.
-- UNIQUE(session_id, sender_type, client_msg_id) makes a resend idempotent
-- (NULL client_msg_id never collides).
CREATE TABLE messages (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id       INTEGER NOT NULL REFERENCES chat_sessions(id),
  seq              INTEGER NOT NULL CHECK (seq >= 1),
  sender_type      TEXT    NOT NULL CHECK (sender_type IN ('customer', 'agent', 'system')),
  sender_user_id   INTEGER REFERENCES staff_users(id),
  type             TEXT    NOT NULL DEFAULT 'text' CHECK (type IN ('text', 'image', 'file', 'audio', 'video')),
  body             TEXT    NOT NULL DEFAULT '',
  status           TEXT    NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
  client_msg_id    TEXT,
  attachment_name  TEXT,
  attachment_mime  TEXT,
  attachment_size  INTEGER CHECK (attachment_size IS NULL OR attachment_size >= 0),
  attachment_url   TEXT,
  created_ms       INTEGER NOT NULL,
  UNIQUE (session_id, seq),
  UNIQUE (session_id, sender_type, client_msg_id),
  CHECK (sender_type <> 'agent' OR sender_user_id IS NOT NULL)
);
CREATE INDEX messages_by_created ON messages(created_ms);

CREATE TABLE csat_ratings (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL UNIQUE REFERENCES chat_sessions(id),
  rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment    TEXT    NOT NULL DEFAULT '',
  created_ms INTEGER NOT NULL
);
CREATE INDEX csat_ratings_by_created ON csat_ratings(created_ms);

-- Private to staff. Deleting sets deleted_ms, so the audit trail still resolves.
CREATE TABLE notes (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id     INTEGER NOT NULL REFERENCES chat_sessions(id),
  author_user_id INTEGER NOT NULL REFERENCES staff_users(id),
  body           TEXT    NOT NULL,
  created_ms     INTEGER NOT NULL,
  updated_ms     INTEGER NOT NULL,
  deleted_ms     INTEGER
);
CREATE INDEX notes_by_session ON notes(session_id, created_ms);

-- owner_user_id NULL means shared with every agent. A plain UNIQUE would let
-- two shared rows have one shortcut (NULLs never collide), hence ifnull(.., 0);
-- user ids start at 1.
CREATE TABLE canned_responses (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_user_id INTEGER REFERENCES staff_users(id),
  shortcut      TEXT    NOT NULL CHECK (length(shortcut) > 0),
  title         TEXT    NOT NULL,
  body          TEXT    NOT NULL,
  created_ms    INTEGER NOT NULL,
  updated_ms    INTEGER NOT NULL
);
CREATE UNIQUE INDEX canned_responses_by_owner_shortcut
  ON canned_responses(ifnull(owner_user_id, 0), shortcut);

-- to_agent_id NULL sends the chat back to the queue. At most one pending
-- transfer per session (the partial unique index).
CREATE TABLE transfers (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id    INTEGER NOT NULL REFERENCES chat_sessions(id),
  from_agent_id INTEGER NOT NULL REFERENCES staff_users(id),
  to_agent_id   INTEGER REFERENCES staff_users(id),
  reason        TEXT    NOT NULL DEFAULT '',
  status        TEXT    NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
  created_ms    INTEGER NOT NULL,
  resolved_ms   INTEGER,
  CHECK ((status = 'pending') = (resolved_ms IS NULL))
);
CREATE INDEX transfers_by_session ON transfers(session_id, created_ms);
CREATE UNIQUE INDEX transfers_one_pending_per_session ON transfers(session_id) WHERE status = 'pending';
CREATE INDEX transfers_pending_by_target ON transfers(to_agent_id) WHERE status = 'pending';

-- Blocks are by email (checked when a chat starts, before any customer row may
-- exist); customer_id links the customer when known. Lifting keeps the row.
-- blocked_by NULL: blocked by the system (e.g. abuse detection).
CREATE TABLE customer_blocks (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER REFERENCES customers(id),
  email       TEXT    NOT NULL CHECK (email = lower(email)),
  reason      TEXT    NOT NULL DEFAULT '',
  blocked_by  INTEGER REFERENCES staff_users(id),
  created_ms  INTEGER NOT NULL,
  lifted_ms   INTEGER,
  lifted_by   INTEGER REFERENCES staff_users(id),
  CHECK (lifted_by IS NULL OR lifted_ms IS NOT NULL)
);
CREATE UNIQUE INDEX customer_blocks_one_active_per_email ON customer_blocks(email) WHERE lifted_ms IS NULL;
CREATE INDEX customer_blocks_by_customer ON customer_blocks(customer_id);

CREATE TABLE audit_log (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms         INTEGER NOT NULL,
  actor_user_id INTEGER REFERENCES staff_users(id),  -- NULL: the system itself
  action        TEXT    NOT NULL CHECK (length(action) > 0),
  target_type   TEXT    NOT NULL DEFAULT '',
  target_id     TEXT    NOT NULL DEFAULT '',
  detail_json   TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(detail_json))
);
CREATE INDEX audit_log_by_at    ON audit_log(at_ms);
CREATE INDEX audit_log_by_actor ON audit_log(actor_user_id, at_ms);
)sql";

// Whispers: notes meant for the agents in the chat right now. Existing notes
// take the default. SQLite accepts a CHECK on an added column whose default is
// a constant, and checks the existing rows against it.
constexpr std::string_view kNoteKinds = R"sql(
ALTER TABLE notes ADD COLUMN kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'whisper'));
)sql";

// Uploaded files: the bytes live under the data dir by content hash; this row
// says which session may see them.
constexpr std::string_view kAttachments = R"sql(
CREATE TABLE attachments (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id INTEGER NOT NULL REFERENCES chat_sessions(id),
  sha256     TEXT    NOT NULL CHECK (length(sha256) = 64),
  name       TEXT    NOT NULL,
  mime       TEXT    NOT NULL,
  size       INTEGER NOT NULL CHECK (size >= 0),
  created_ms INTEGER NOT NULL,
  UNIQUE (session_id, sha256)
);
)sql";

// Settings all nodes share (e.g. the JWT secret): written once, read by all.
constexpr std::string_view kSettings = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// The event log (store/event_store.hpp): every committed change in commit order.
// AUTOINCREMENT, so positions are never reused after the oldest rows are pruned.
constexpr std::string_view kEvents = R"sql(
CREATE TABLE events (
  position   INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id   TEXT    NOT NULL,
  type       TEXT    NOT NULL,
  created_ms INTEGER NOT NULL,
  payload    TEXT    NOT NULL
);
)sql";

// API tokens (docs/api.md "API tokens"): the secret itself is never stored, only its keyed hash.
constexpr std::string_view kApiTokens = R"sql(
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT    NOT NULL CHECK (length(name) > 0),
  scopes       TEXT    NOT NULL,
  secret_hash  TEXT    NOT NULL,
  created_by   INTEGER REFERENCES staff_users(id),
  created_ms   INTEGER NOT NULL,
  last_used_ms INTEGER,
  revoked_ms   INTEGER,
  revoked_by   INTEGER REFERENCES staff_users(id)
);
)sql";

// Webhooks (store/webhook_store.hpp) and the outbox's cursors (store/outbox_store.hpp): every
// consumer of the event log keeps its place and its retry here, so a restart resumes where it stopped.
// Attempts are pruned with the log (by at_ms); the index serves an endpoint's newest-first page.
constexpr std::string_view kWebhooks = R"sql(
CREATE TABLE webhooks (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  url             TEXT    NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  event_types     TEXT    NOT NULL,
  secret          TEXT    NOT NULL CHECK (length(secret) > 0),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  disabled_reason TEXT,
  disabled_ms     INTEGER,
  created_ms      INTEGER NOT NULL,
  updated_ms      INTEGER NOT NULL
);
CREATE TABLE webhook_attempts (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id  INTEGER NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  attempt     INTEGER NOT NULL CHECK (attempt >= 1),
  at_ms       INTEGER NOT NULL,
  status_code INTEGER,
  latency_ms  INTEGER NOT NULL,
  error       TEXT    NOT NULL,
  manual      INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1))
);
CREATE INDEX webhook_attempts_by_webhook ON webhook_attempts(webhook_id, id);
CREATE INDEX webhook_attempts_by_time ON webhook_attempts(at_ms);
CREATE TABLE outbox_cursors (
  consumer         TEXT    PRIMARY KEY,
  position         INTEGER NOT NULL CHECK (position >= 0),
  pending_position INTEGER,
  attempts         INTEGER NOT NULL DEFAULT 0,
  first_attempt_ms INTEGER,
  next_attempt_ms  INTEGER
);
)sql";

// Conversations and contacts (#14).
// - customers becomes the contacts table: email may be NULL (an anonymous visitor, known by the widget's
//   visitor_id or the embedding site's user id until an email arrives), and a contact carries the site's
//   user id (external_id, identity_verified when its HMAC checked out), custom attributes (a JSON object),
//   last_seen_ms, merged_into (a contact merged into another keeps its row so old ids resolve) and erased_ms.
//   SQLite cannot drop a NOT NULL, so the table is rebuilt (with foreign keys off, checked before commit).
// - tags (admin-managed, unique by name ignoring ASCII case) and session_tags; dispositions (configurable
//   close reasons, distinct from the contract's close_reason) and chat_sessions.disposition_id.
// - contact_notes: staff notes about a contact (soft-deleted like notes).
// - conversation_search: the full-text projection, one row per conversation (rowid = session id),
//   rebuilt from the raw tables on demand; unicode61 folds case and diacritics.
// - chat_sessions.erased_ms: the conversation's content was erased (its figures stay for reports).
constexpr std::string_view kConversations = R"sql(
CREATE TABLE contacts_rebuilt (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  email             TEXT    UNIQUE CHECK (email IS NULL OR email = lower(email)),
  name              TEXT    NOT NULL,
  created_ms        INTEGER NOT NULL,
  external_id       TEXT    UNIQUE,
  identity_verified INTEGER NOT NULL DEFAULT 0 CHECK (identity_verified IN (0, 1)),
  visitor_id        TEXT    UNIQUE,
  attributes        TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
  last_seen_ms      INTEGER,
  updated_ms        INTEGER NOT NULL DEFAULT 0,
  merged_into       INTEGER REFERENCES customers(id),
  erased_ms         INTEGER
);
INSERT INTO contacts_rebuilt(id, email, name, created_ms, last_seen_ms, updated_ms)
  SELECT c.id, c.email, c.name, c.created_ms,
         (SELECT max(s.created_ms) FROM chat_sessions s WHERE s.customer_id = c.id), c.created_ms
  FROM customers c;
-- The id counter carries over, so an id once given (even to a deleted row) is never given again.
UPDATE sqlite_sequence SET seq = max(seq, ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'customers'), 0))
  WHERE name = 'contacts_rebuilt';
INSERT INTO sqlite_sequence(name, seq)
  SELECT 'contacts_rebuilt', seq FROM sqlite_sequence WHERE name = 'customers'
  AND NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'contacts_rebuilt');
DROP TABLE customers;
ALTER TABLE contacts_rebuilt RENAME TO customers;
CREATE INDEX customers_by_last_seen ON customers(last_seen_ms);
CREATE INDEX customers_by_name ON customers(name);

CREATE TABLE contact_notes (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id    INTEGER NOT NULL REFERENCES customers(id),
  author_user_id INTEGER NOT NULL REFERENCES staff_users(id),
  body           TEXT    NOT NULL CHECK (length(body) > 0),
  created_ms     INTEGER NOT NULL,
  updated_ms     INTEGER NOT NULL,
  deleted_ms     INTEGER
);
CREATE INDEX contact_notes_by_customer ON contact_notes(customer_id, created_ms);

CREATE TABLE tags (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL CHECK (length(name) > 0),
  color       TEXT    NOT NULL DEFAULT '',
  created_ms  INTEGER NOT NULL,
  archived_ms INTEGER
);
CREATE UNIQUE INDEX tags_by_name ON tags(lower(name));
CREATE TABLE session_tags (
  session_id    INTEGER NOT NULL REFERENCES chat_sessions(id),
  tag_id        INTEGER NOT NULL REFERENCES tags(id),
  added_by      INTEGER REFERENCES staff_users(id),
  added_ms      INTEGER NOT NULL,
  PRIMARY KEY (session_id, tag_id)
);
CREATE INDEX session_tags_by_tag ON session_tags(tag_id, session_id);

CREATE TABLE dispositions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT    NOT NULL CHECK (length(name) > 0),
  created_ms  INTEGER NOT NULL,
  archived_ms INTEGER
);
CREATE UNIQUE INDEX dispositions_by_name ON dispositions(lower(name));
ALTER TABLE chat_sessions ADD COLUMN disposition_id INTEGER REFERENCES dispositions(id);
ALTER TABLE chat_sessions ADD COLUMN erased_ms INTEGER;
CREATE INDEX chat_sessions_by_disposition ON chat_sessions(disposition_id, id);
CREATE INDEX chat_sessions_by_customer_id ON chat_sessions(customer_id, id);
CREATE INDEX chat_sessions_by_agent_id    ON chat_sessions(agent_id, id);

CREATE VIRTUAL TABLE conversation_search USING fts5(
  customer, subject, messages, notes,
  tokenize = 'unicode61 remove_diacritics 2'
);
)sql";

// The search queue (#14): conversations changed since the search projection last indexed them, and since when.
// An open conversation is indexed once it has waited --search-index-delay-ms, a closed one at once, so a long
// busy chat is not written to the index again and again (service/search_projection.hpp). No reference to
// chat_sessions: an entry may outlive a session erased meanwhile.
constexpr std::string_view kSearchQueue = R"sql(
CREATE TABLE search_dirty (
  session_id INTEGER PRIMARY KEY,
  since_ms   INTEGER NOT NULL
);
)sql";

// The contact list's order and a search's lowered name as indexes (a page read every contact), and prefix
// indexes for the search (#14): FTS5 answers a prefix query of one to three characters ("c*", "ch*") from
// an index of those prefixes instead of merging the lists of every word that starts so (hundreds for "ch*"), and
// a snippet or a filtered search, which checks one conversation at a time, no longer expands the prefix for each
// (p99 430 ms -> see docs/benchmarks.md). The table is built again: dropping the search cursors makes the search
// projection rebuild it in the background (service/search_projection.hpp).
constexpr std::string_view kSearchPrefixes = R"sql(
DROP TABLE conversation_search;
CREATE VIRTUAL TABLE conversation_search USING fts5(
  customer, subject, messages, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);
DELETE FROM outbox_cursors WHERE consumer IN ('search_projection', 'search_rebuild');
DELETE FROM search_dirty;
CREATE INDEX customers_by_seen ON customers(coalesce(last_seen_ms, created_ms), id);
CREATE INDEX customers_by_lower_name ON customers(lower(name));
)sql";

constexpr std::array kMigrations{
    Migration{1, "initial schema", kInitialSchema},
    Migration{2, "note kinds", kNoteKinds},
    Migration{3, "attachments", kAttachments},
    Migration{4, "shared settings", kSettings},
    Migration{5, "event log", kEvents},
    Migration{6, "api tokens", kApiTokens},
    Migration{7, "webhooks and outbox", kWebhooks},
    Migration{8, "conversations and contacts", kConversations, true},
    Migration{9, "conversation search", kSearchQueue},
    Migration{10, "search prefixes and contact order", kSearchPrefixes},
};

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void ensure_migrations_table(sqlite3* db) {
  execute_script(db,
                 "CREATE TABLE IF NOT EXISTS schema_migrations ("
                 "version INTEGER PRIMARY KEY, applied_at_ms INTEGER NOT NULL)");
}

int highest_applied_version(sqlite3* db) {
  Statement query(db, "SELECT ifnull(max(version), 0) FROM schema_migrations");
  query.step();
  return query.column_int(0);
}

bool is_applied(sqlite3* db, int version) {
  Statement query(db, "SELECT 1 FROM schema_migrations WHERE version = ?1");
  query.bind(1, version);
  return query.step();
}

void roll_back_if_open(sqlite3* db) noexcept {
  // SQLite may already have rolled back by itself (e.g. disk full).
  if (sqlite3_get_autocommit(db) != 0) return;
  try {
    execute_script(db, "ROLLBACK");
  } catch (const StoreError&) {
    // The migration's own error is the one worth reporting.
  }
}

bool foreign_keys_on(sqlite3* db) {
  Statement query(db, "PRAGMA foreign_keys");
  return query.step() && query.column_int(0) != 0;
}

// SQLite's way to rebuild a table others point at (https://sqlite.org/lang_altertable.html, "other kinds
// of table schema changes"): foreign keys off outside the transaction, checked before the commit.
void check_foreign_keys(sqlite3* db) {
  Statement check(db, "PRAGMA foreign_key_check");
  if (check.step()) throw StoreError("foreign key check failed in table " + check.column_text(0));
}

void apply_one(sqlite3* db, const Migration& migration) {
  const bool restore_foreign_keys = migration.rebuilds_tables && foreign_keys_on(db);
  if (restore_foreign_keys) execute_script(db, "PRAGMA foreign_keys = OFF");
  execute_script(db, "BEGIN IMMEDIATE");
  try {
    // Re-check under the write lock: another process may have just applied it.
    if (!is_applied(db, migration.version)) {
      execute_script(db, migration.sql);
      if (migration.rebuilds_tables) check_foreign_keys(db);
      Statement record(db, "INSERT INTO schema_migrations(version, applied_at_ms) VALUES (?1, ?2)");
      record.bind(1, migration.version);
      record.bind(2, now_ms());
      record.run();
    }
    execute_script(db, "COMMIT");
  } catch (const StoreError& error) {
    roll_back_if_open(db);
    if (restore_foreign_keys) execute_script(db, "PRAGMA foreign_keys = ON");
    throw StoreError("migration " + std::to_string(migration.version) + " (" + std::string(migration.description) +
                     ") failed: " + error.what());
  }
  if (restore_foreign_keys) execute_script(db, "PRAGMA foreign_keys = ON");
}

}  // namespace

std::span<const Migration> all_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

int apply_migrations(sqlite3* db) {
  static_assert(std::is_sorted(kMigrations.begin(), kMigrations.end(),
                               [](const Migration& a, const Migration& b) { return a.version < b.version; }),
                "migrations must be listed in ascending version order");
  ensure_migrations_table(db);
  const int found = highest_applied_version(db);
  if (found > latest_schema_version()) {
    throw StoreError("database schema version " + std::to_string(found) + " is newer than this build (" +
                     std::to_string(latest_schema_version()) + "); upgrade livedesk");
  }
  for (const Migration& migration : kMigrations) {
    if (!is_applied(db, migration.version)) apply_one(db, migration);
  }
  return highest_applied_version(db);
}

}  // namespace livedesk::store::sqlite
