#include "store/postgres/pg_migrations.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <string>

#include "store/store.hpp"

namespace livedesk::store::postgres {

namespace {

// Migration 1 of store/sqlite/migrations.cpp, read for PostgreSQL; its
// comments there explain each table. Differences of dialect only:
//  - ids are BIGINT identities (never reused, like AUTOINCREMENT); ALWAYS, so a
//    stray explicit id cannot put a row ahead of the sequence and make a later
//    insert collide;
//  - times are BIGINT unix milliseconds;
//  - "lowercase" means no ASCII capital, as SQLite's ASCII-only lower() has it,
//    whatever the database's locale;
//  - detail_json is TEXT checked by a cast to json, like json_valid().
constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE staff_users (
  id             BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username       TEXT    NOT NULL UNIQUE CHECK (length(username) > 0),
  name           TEXT    NOT NULL,
  role           TEXT    NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
  password_hash  TEXT    NOT NULL,
  status         TEXT    NOT NULL DEFAULT 'offline'
                         CHECK (status IN ('active', 'idle', 'in_call', 'offline')),
  capacity       INTEGER NOT NULL DEFAULT 3 CHECK (capacity >= 0),
  last_active_ms BIGINT  NOT NULL DEFAULT 0,
  created_ms     BIGINT  NOT NULL,
  disabled_ms    BIGINT
);

CREATE TABLE customers (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email      TEXT   NOT NULL UNIQUE
                    CHECK (email = translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')),
  name       TEXT   NOT NULL,
  created_ms BIGINT NOT NULL
);

CREATE TABLE chat_sessions (
  id                BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id       BIGINT  NOT NULL REFERENCES customers(id),
  agent_id          BIGINT  REFERENCES staff_users(id),
  status            TEXT    NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'active', 'closed')),
  priority          INTEGER NOT NULL DEFAULT 0,
  subject           TEXT    NOT NULL DEFAULT '',
  created_ms        BIGINT  NOT NULL,
  assigned_ms       BIGINT,
  first_response_ms BIGINT,
  closed_ms         BIGINT,
  close_reason      TEXT    CHECK (close_reason IS NULL OR close_reason IN ('resolved', 'missed', 'blocked')),
  next_seq          BIGINT  NOT NULL DEFAULT 1 CHECK (next_seq >= 1),
  customer_token_id TEXT    UNIQUE,
  CHECK (status <> 'active' OR (agent_id IS NOT NULL AND assigned_ms IS NOT NULL)),
  CHECK ((status = 'closed') = (closed_ms IS NOT NULL)),
  CHECK (close_reason IS NULL OR status = 'closed')
);
CREATE INDEX chat_sessions_by_status_created ON chat_sessions(status, created_ms);
CREATE INDEX chat_sessions_by_agent_status   ON chat_sessions(agent_id, status);
CREATE INDEX chat_sessions_by_created        ON chat_sessions(created_ms);
CREATE INDEX chat_sessions_by_closed         ON chat_sessions(closed_ms);
CREATE INDEX chat_sessions_by_customer       ON chat_sessions(customer_id, created_ms);

CREATE TABLE messages (
  id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id       BIGINT NOT NULL REFERENCES chat_sessions(id),
  seq              BIGINT NOT NULL CHECK (seq >= 1),
  sender_type      TEXT   NOT NULL CHECK (sender_type IN ('customer', 'agent', 'system')),
  sender_user_id   BIGINT REFERENCES staff_users(id),
  type             TEXT   NOT NULL DEFAULT 'text' CHECK (type IN ('text', 'image', 'file', 'audio', 'video')),
  body             TEXT   NOT NULL DEFAULT '',
  status           TEXT   NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'delivered', 'read', 'failed')),
  client_msg_id    TEXT,
  attachment_name  TEXT,
  attachment_mime  TEXT,
  attachment_size  BIGINT CHECK (attachment_size IS NULL OR attachment_size >= 0),
  attachment_url   TEXT,
  created_ms       BIGINT NOT NULL,
  UNIQUE (session_id, seq),
  UNIQUE (session_id, sender_type, client_msg_id),
  CHECK (sender_type <> 'agent' OR sender_user_id IS NOT NULL)
);
CREATE INDEX messages_by_created ON messages(created_ms);

CREATE TABLE csat_ratings (
  id         BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id BIGINT  NOT NULL UNIQUE REFERENCES chat_sessions(id),
  rating     INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment    TEXT    NOT NULL DEFAULT '',
  created_ms BIGINT  NOT NULL
);
CREATE INDEX csat_ratings_by_created ON csat_ratings(created_ms);

CREATE TABLE notes (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id     BIGINT NOT NULL REFERENCES chat_sessions(id),
  author_user_id BIGINT NOT NULL REFERENCES staff_users(id),
  body           TEXT   NOT NULL,
  created_ms     BIGINT NOT NULL,
  updated_ms     BIGINT NOT NULL,
  deleted_ms     BIGINT
);
CREATE INDEX notes_by_session ON notes(session_id, created_ms);

CREATE TABLE canned_responses (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  owner_user_id BIGINT REFERENCES staff_users(id),
  shortcut      TEXT   NOT NULL CHECK (length(shortcut) > 0),
  title         TEXT   NOT NULL,
  body          TEXT   NOT NULL,
  created_ms    BIGINT NOT NULL,
  updated_ms    BIGINT NOT NULL
);
CREATE UNIQUE INDEX canned_responses_by_owner_shortcut
  ON canned_responses(coalesce(owner_user_id, 0), shortcut);

CREATE TABLE transfers (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id    BIGINT NOT NULL REFERENCES chat_sessions(id),
  from_agent_id BIGINT NOT NULL REFERENCES staff_users(id),
  to_agent_id   BIGINT REFERENCES staff_users(id),
  reason        TEXT   NOT NULL DEFAULT '',
  status        TEXT   NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'accepted', 'declined', 'expired', 'cancelled')),
  created_ms    BIGINT NOT NULL,
  resolved_ms   BIGINT,
  CHECK ((status = 'pending') = (resolved_ms IS NULL))
);
CREATE INDEX transfers_by_session ON transfers(session_id, created_ms);
CREATE UNIQUE INDEX transfers_one_pending_per_session ON transfers(session_id) WHERE status = 'pending';
CREATE INDEX transfers_pending_by_target ON transfers(to_agent_id) WHERE status = 'pending';

CREATE TABLE customer_blocks (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id BIGINT REFERENCES customers(id),
  email       TEXT   NOT NULL
                     CHECK (email = translate(email, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')),
  reason      TEXT   NOT NULL DEFAULT '',
  blocked_by  BIGINT REFERENCES staff_users(id),
  created_ms  BIGINT NOT NULL,
  lifted_ms   BIGINT,
  lifted_by   BIGINT REFERENCES staff_users(id),
  CHECK (lifted_by IS NULL OR lifted_ms IS NOT NULL)
);
CREATE UNIQUE INDEX customer_blocks_one_active_per_email ON customer_blocks(email) WHERE lifted_ms IS NULL;
CREATE INDEX customer_blocks_by_customer ON customer_blocks(customer_id);

CREATE TABLE audit_log (
  id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at_ms         BIGINT NOT NULL,
  actor_user_id BIGINT REFERENCES staff_users(id),
  action        TEXT   NOT NULL CHECK (length(action) > 0),
  target_type   TEXT   NOT NULL DEFAULT '',
  target_id     TEXT   NOT NULL DEFAULT '',
  detail_json   TEXT   NOT NULL DEFAULT '{}' CHECK (detail_json::json IS NOT NULL)
);
CREATE INDEX audit_log_by_at    ON audit_log(at_ms);
CREATE INDEX audit_log_by_actor ON audit_log(actor_user_id, at_ms);
)sql";

constexpr std::string_view kNoteKinds = R"sql(
ALTER TABLE notes ADD COLUMN kind TEXT NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'whisper'));
)sql";

constexpr std::string_view kAttachments = R"sql(
CREATE TABLE attachments (
  id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id BIGINT NOT NULL REFERENCES chat_sessions(id),
  sha256     TEXT   NOT NULL CHECK (length(sha256) = 64),
  name       TEXT   NOT NULL,
  mime       TEXT   NOT NULL,
  size       BIGINT NOT NULL CHECK (size >= 0),
  created_ms BIGINT NOT NULL,
  UNIQUE (session_id, sha256)
);
)sql";

constexpr std::string_view kSettings = R"sql(
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// The event log (store/event_store.hpp). A sequence would leave holes (its
// numbers are not rolled back), so positions come from one counter row: the
// update is rolled back with its transaction, and its row lock makes
// concurrent appenders take positions in commit order.
constexpr std::string_view kEvents = R"sql(
CREATE TABLE event_log_head (
  only_row BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
  position BIGINT  NOT NULL
);
INSERT INTO event_log_head(only_row, position) VALUES (TRUE, 0);
CREATE TABLE events (
  position   BIGINT PRIMARY KEY,
  event_id   TEXT   NOT NULL,
  type       TEXT   NOT NULL,
  created_ms BIGINT NOT NULL,
  payload    TEXT   NOT NULL
);
)sql";

// API tokens (docs/api.md "API tokens"): the secret itself is never stored, only its keyed hash.
constexpr std::string_view kApiTokens = R"sql(
CREATE TABLE api_tokens (
  id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name         TEXT   NOT NULL CHECK (length(name) > 0),
  scopes       TEXT   NOT NULL,
  secret_hash  TEXT   NOT NULL,
  created_by   BIGINT REFERENCES staff_users(id),
  created_ms   BIGINT NOT NULL,
  last_used_ms BIGINT,
  revoked_ms   BIGINT,
  revoked_by   BIGINT REFERENCES staff_users(id)
);
)sql";

// Migration 7 of store/sqlite/migrations.cpp (webhooks, their attempts, the outbox's cursors).
constexpr std::string_view kWebhooks = R"sql(
CREATE TABLE webhooks (
  id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url             TEXT    NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),
  event_types     TEXT    NOT NULL,
  secret          TEXT    NOT NULL CHECK (length(secret) > 0),
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  disabled_reason TEXT,
  disabled_ms     BIGINT,
  created_ms      BIGINT  NOT NULL,
  updated_ms      BIGINT  NOT NULL
);
CREATE TABLE webhook_attempts (
  id          BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id  BIGINT  NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  position    BIGINT  NOT NULL,
  event_id    TEXT    NOT NULL,
  attempt     INTEGER NOT NULL CHECK (attempt >= 1),
  at_ms       BIGINT  NOT NULL,
  status_code BIGINT,
  latency_ms  BIGINT  NOT NULL,
  error       TEXT    NOT NULL,
  manual      INTEGER NOT NULL DEFAULT 0 CHECK (manual IN (0, 1))
);
CREATE INDEX webhook_attempts_by_webhook ON webhook_attempts(webhook_id, id);
CREATE INDEX webhook_attempts_by_time ON webhook_attempts(at_ms);
CREATE TABLE outbox_cursors (
  consumer         TEXT    PRIMARY KEY,
  position         BIGINT  NOT NULL CHECK (position >= 0),
  pending_position BIGINT,
  attempts         INTEGER NOT NULL DEFAULT 0,
  first_attempt_ms BIGINT,
  next_attempt_ms  BIGINT
);
)sql";

// Migration 8 of store/sqlite/migrations.cpp (conversations and contacts), read for PostgreSQL. The
// search projection is a table with a tsvector over the same four fields (weighted customer A, subject B,
// messages C, notes D) and a GIN index; text is folded with public.unaccent ('simple' configuration), as SQLite's
// unicode61 remove_diacritics folds it. unaccent is a trusted extension: the database's owner may create it.
constexpr std::string_view kConversations = R"sql(
CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public;
ALTER TABLE customers ALTER COLUMN email DROP NOT NULL;
ALTER TABLE customers
  ADD COLUMN external_id       TEXT UNIQUE,
  ADD COLUMN identity_verified INTEGER NOT NULL DEFAULT 0 CHECK (identity_verified IN (0, 1)),
  ADD COLUMN visitor_id        TEXT UNIQUE,
  ADD COLUMN attributes        TEXT NOT NULL DEFAULT '{}' CHECK (attributes::json IS NOT NULL),
  ADD COLUMN last_seen_ms      BIGINT,
  ADD COLUMN updated_ms        BIGINT,
  ADD COLUMN merged_into       BIGINT REFERENCES customers(id),
  ADD COLUMN erased_ms         BIGINT;
UPDATE customers c SET updated_ms = c.created_ms,
  last_seen_ms = (SELECT max(s.created_ms) FROM chat_sessions s WHERE s.customer_id = c.id);
ALTER TABLE customers ALTER COLUMN updated_ms SET DEFAULT 0, ALTER COLUMN updated_ms SET NOT NULL;
CREATE INDEX customers_by_last_seen ON customers(last_seen_ms);
CREATE INDEX customers_by_name ON customers(name);

CREATE TABLE contact_notes (
  id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id    BIGINT NOT NULL REFERENCES customers(id),
  author_user_id BIGINT NOT NULL REFERENCES staff_users(id),
  body           TEXT   NOT NULL CHECK (length(body) > 0),
  created_ms     BIGINT NOT NULL,
  updated_ms     BIGINT NOT NULL,
  deleted_ms     BIGINT
);
CREATE INDEX contact_notes_by_customer ON contact_notes(customer_id, created_ms);

CREATE TABLE tags (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        TEXT   NOT NULL CHECK (length(name) > 0),
  color       TEXT   NOT NULL DEFAULT '',
  created_ms  BIGINT NOT NULL,
  archived_ms BIGINT
);
CREATE UNIQUE INDEX tags_by_name ON tags(translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));
CREATE TABLE session_tags (
  session_id BIGINT NOT NULL REFERENCES chat_sessions(id),
  tag_id     BIGINT NOT NULL REFERENCES tags(id),
  added_by   BIGINT REFERENCES staff_users(id),
  added_ms   BIGINT NOT NULL,
  PRIMARY KEY (session_id, tag_id)
);
CREATE INDEX session_tags_by_tag ON session_tags(tag_id, session_id);

CREATE TABLE dispositions (
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name        TEXT   NOT NULL CHECK (length(name) > 0),
  created_ms  BIGINT NOT NULL,
  archived_ms BIGINT
);
CREATE UNIQUE INDEX dispositions_by_name
  ON dispositions(translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'));
ALTER TABLE chat_sessions ADD COLUMN disposition_id BIGINT REFERENCES dispositions(id);
ALTER TABLE chat_sessions ADD COLUMN erased_ms BIGINT;
CREATE INDEX chat_sessions_by_disposition ON chat_sessions(disposition_id, id);
CREATE INDEX chat_sessions_by_customer_id ON chat_sessions(customer_id, id);
CREATE INDEX chat_sessions_by_agent_id    ON chat_sessions(agent_id, id);

CREATE TABLE conversation_search (
  session_id BIGINT   PRIMARY KEY REFERENCES chat_sessions(id),
  customer   TEXT     NOT NULL DEFAULT '',
  subject    TEXT     NOT NULL DEFAULT '',
  messages   TEXT     NOT NULL DEFAULT '',
  notes      TEXT     NOT NULL DEFAULT '',
  document   tsvector NOT NULL
);
CREATE INDEX conversation_search_by_document ON conversation_search USING GIN (document);
)sql";

// Migration 9 of store/sqlite/migrations.cpp (the search queue), and the search's text configuration:
// 'simple' with accents dropped first (the unaccent dictionary), for the document, the query and the snippets
// alike, so a snippet highlights "Müller" for a search for "muller" (SQLite's unicode61 does this itself).
constexpr std::string_view kSearchConfiguration = R"sql(
CREATE TABLE search_dirty (
  session_id BIGINT PRIMARY KEY,
  since_ms   BIGINT NOT NULL
);
CREATE TEXT SEARCH CONFIGURATION livedesk_search (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION livedesk_search
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword,
                    hword_numpart
  WITH public.unaccent, pg_catalog.simple;
)sql";

// Migration 10 of store/sqlite/migrations.cpp, its contact half: the contact list's order and a search's
// lowered name and email as indexes (a page read every contact and sorted them). The search needs no change here: the
// GIN index answers a prefix query from its sorted entries.
constexpr std::string_view kContactOrder = R"sql(
CREATE INDEX customers_by_seen ON customers((coalesce(last_seen_ms, created_ms)), id);
CREATE INDEX customers_by_lower_name ON customers((lower(name) COLLATE "C"));
CREATE INDEX customers_by_email_bytes ON customers((email COLLATE "C"));
)sql";

constexpr std::array kMigrations{
    Migration{1, "initial schema", kInitialSchema},
    Migration{2, "note kinds", kNoteKinds},
    Migration{3, "attachments", kAttachments},
    Migration{4, "shared settings", kSettings},
    Migration{5, "event log", kEvents},
    Migration{6, "api tokens", kApiTokens},
    Migration{7, "webhooks and outbox", kWebhooks},
    Migration{8, "conversations and contacts", kConversations},
    Migration{9, "conversation search", kSearchConfiguration},
    Migration{10, "search prefixes and contact order", kContactOrder},
};

// Any constant will do, as long as no other code on the database uses it:
// "LDSKMIGR" read as a 64-bit number.
constexpr const char* kTakeMigrationLock = "SELECT pg_advisory_xact_lock(5495609028183148370)";

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int highest_applied_version(pqxx::transaction_base& tx) {
  return tx.exec("SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0].as<int>();
}

bool is_applied(pqxx::transaction_base& tx, int version) {
  return !tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1", version).empty();
}

void apply_one(pqxx::transaction_base& tx, const Migration& migration) {
  try {
    tx.exec(std::string(migration.sql));
    tx.exec_params("INSERT INTO schema_migrations(version, applied_at_ms) VALUES ($1, $2)", migration.version,
                   now_ms());
  } catch (const pqxx::pqxx_exception& error) {
    throw StoreError("migration " + std::to_string(migration.version) + " (" + std::string(migration.description) +
                     ") failed: " + error.base().what());
  }
}

}  // namespace

std::span<const Migration> all_migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

int apply_migrations(pqxx::connection& connection) {
  static_assert(std::is_sorted(kMigrations.begin(), kMigrations.end(),
                               [](const Migration& a, const Migration& b) { return a.version < b.version; }),
                "migrations must be listed in ascending version order");
  try {
    pqxx::work tx(connection);
    tx.exec(kTakeMigrationLock);
    // Checked rather than CREATE TABLE IF NOT EXISTS, which would log a notice on every start.
    if (tx.exec("SELECT to_regclass('schema_migrations') IS NULL")[0][0].as<bool>()) {
      tx.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at_ms BIGINT NOT NULL)");
    }
    const int found = highest_applied_version(tx);
    if (found > latest_schema_version()) {
      throw StoreError("database schema version " + std::to_string(found) + " is newer than this build (" +
                       std::to_string(latest_schema_version()) + "); upgrade livedesk");
    }
    for (const Migration& migration : kMigrations) {
      if (!is_applied(tx, migration.version)) apply_one(tx, migration);
    }
    const int version = highest_applied_version(tx);
    tx.commit();
    return version;
  } catch (const pqxx::pqxx_exception& error) {
    throw StoreError(std::string("cannot migrate the PostgreSQL schema: ") + error.base().what());
  }
}

}  // namespace livedesk::store::postgres
