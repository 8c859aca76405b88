#include "store/sqlite/sqlite_store.hpp"

#include <sqlite3.h>

#include <string>

#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_account_store.hpp"
#include "store/sqlite/sqlite_audit_store.hpp"
#include "store/sqlite/sqlite_api_token_store.hpp"
#include "store/sqlite/sqlite_block_store.hpp"
#include "store/sqlite/sqlite_canned_store.hpp"
#include "store/sqlite/sqlite_contact_store.hpp"
#include "store/sqlite/sqlite_message_store.hpp"
#include "store/sqlite/sqlite_event_store.hpp"
#include "store/sqlite/sqlite_outbox_store.hpp"
// #14 privacy
#include "store/sqlite/sqlite_privacy_store.hpp"
#include "store/sqlite/sqlite_conversation_store.hpp"
#include "store/sqlite/sqlite_webhook_store.hpp"
#include "store/sqlite/sqlite_metrics_store.hpp"
#include "store/sqlite/sqlite_note_store.hpp"
#include "store/sqlite/sqlite_rating_store.hpp"
#include "store/sqlite/sqlite_session_store.hpp"
#include "store/sqlite/sqlite_setting_store.hpp"
#include "store/sqlite/sqlite_transfer_store.hpp"
#include "store/sqlite/sqlite_upload_store.hpp"
#include "store/sqlite/statement.hpp"
// Tags and dispositions (#14)
#include "store/sqlite/sqlite_disposition_store.hpp"
#include "store/sqlite/sqlite_tag_store.hpp"

namespace livedesk::store {

namespace {

using sqlite::Statement;
using sqlite::StatementCache;

struct DatabaseCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DatabaseHandle = std::unique_ptr<sqlite3, DatabaseCloser>;

DatabaseHandle open_database(const std::filesystem::path& file) {
  sqlite3* raw = nullptr;
  // NOMUTEX: the one-thread-at-a-time contract makes SQLite's own locking redundant.
  const int rc =
      sqlite3_open_v2(file.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  DatabaseHandle db(raw);  // even a failed open allocates a handle that must be closed
  if (rc != SQLITE_OK) {
    const std::string reason = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    throw StoreError("cannot open database " + file.string() + ": " + reason);
  }
  // Lets errors say SQLITE_CONSTRAINT_UNIQUE rather than just SQLITE_CONSTRAINT.
  sqlite3_extended_result_codes(raw, 1);
  return db;
}

void configure(sqlite3* db) {
  // busy_timeout first, so the pragmas below wait out another process's lock.
  Statement(db, "PRAGMA busy_timeout = 5000").run();
  Statement journal(db, "PRAGMA journal_mode = WAL");
  // The pragma answers with the mode in effect; a filesystem without shared
  // memory support silently keeps the rollback journal, which we refuse.
  const std::string mode = journal.step() ? journal.column_text(0) : std::string();
  if (mode != "wal") throw StoreError("cannot enable WAL journal mode (got \"" + mode + "\")");
  journal.run();
  // FULL: every commit reaches the disk before it is acknowledged, so an
  // acknowledged message survives a power cut, not only a crash. Group commit
  // makes that one fsync per batch (about 0.2 ms on this machine's disk).
  Statement(db, "PRAGMA synchronous = FULL").run();
  Statement(db, "PRAGMA foreign_keys = ON").run();
}

// The Store over one SQLite connection; statements are compiled once and cached,
// and every aggregate store works on that connection and that cache.
class SqliteStore final : public Store {
 public:
  explicit SqliteStore(DatabaseHandle db) : db_(std::move(db)), statements_(db_.get()) {}

  AccountStore& accounts() override { return accounts_; }
  AuditStore& audit() override { return audit_; }
  ContactStore& contacts() override { return contacts_; }
  SessionStore& sessions() override { return sessions_; }
  MessageStore& messages() override { return messages_; }
  RatingStore& ratings() override { return ratings_; }
  TransferStore& transfers() override { return transfers_; }
  NoteStore& notes() override { return notes_; }
  CannedStore& canned() override { return canned_; }
  BlockStore& blocks() override { return blocks_; }
  UploadStore& uploads() override { return uploads_; }
  SettingStore& settings() override { return settings_; }
  MetricsStore& metrics() override { return metrics_; }
  EventStore& events() override { return events_; }
  ApiTokenStore& api_tokens() override { return api_tokens_; }
  WebhookStore& webhooks() override { return webhooks_; }
  OutboxStore& outbox() override { return outbox_; }
  // Tags and dispositions (#14)
  TagStore& tags() override { return tags_; }
  DispositionStore& dispositions() override { return dispositions_; }
  // #14 privacy
  PrivacyStore& privacy() override { return privacy_; }
  ConversationStore& conversations() override { return conversations_; }

  int schema_version() override {
    auto query = statements_.use("SELECT ifnull(max(version), 0) FROM schema_migrations");
    query->step();
    return query->column_int(0);
  }

  bool ping() override {
    try {
      auto query = statements_.use("SELECT 1");
      return query->step() && query->column_int(0) == 1;
    } catch (const StoreError&) {
      return false;
    }
  }

  void fence_writes(std::optional<FencingToken>) override {}

  void run_in_transaction(const std::function<void(Store&)>& work) override {
    // Inside an open transaction the unit becomes a savepoint, so it can fail alone.
    const bool outermost = sqlite3_get_autocommit(db_.get()) != 0;
    statements_.use(outermost ? "BEGIN IMMEDIATE" : "SAVEPOINT nested_unit")->run();
    try {
      work(*this);
      statements_.use(outermost ? "COMMIT" : "RELEASE nested_unit")->run();
    } catch (...) {
      roll_back(outermost);
      throw;
    }
  }

 private:
  void roll_back(bool outermost) noexcept {
    // SQLite itself ends the whole transaction after some errors (disk full, I/O).
    if (sqlite3_get_autocommit(db_.get()) != 0) return;
    try {
      if (outermost) {
        statements_.use("ROLLBACK")->run();
      } else {
        // ROLLBACK TO keeps the savepoint open; RELEASE then drops it.
        statements_.use("ROLLBACK TO nested_unit")->run();
        statements_.use("RELEASE nested_unit")->run();
      }
    } catch (const StoreError&) {
      // The error that started the rollback is the one the caller needs.
    }
  }

  DatabaseHandle db_;
  StatementCache statements_;  // declared after db_: finalized before the connection closes
  sqlite::SqliteAccountStore accounts_{db_.get(), statements_};
  sqlite::SqliteAuditStore audit_{db_.get(), statements_};
  sqlite::SqliteContactStore contacts_{db_.get(), statements_};
  sqlite::SqliteSessionStore sessions_{db_.get(), statements_};
  sqlite::SqliteMessageStore messages_{db_.get(), statements_};
  sqlite::SqliteRatingStore ratings_{db_.get(), statements_};
  sqlite::SqliteTransferStore transfers_{db_.get(), statements_};
  sqlite::SqliteNoteStore notes_{db_.get(), statements_};
  sqlite::SqliteCannedStore canned_{db_.get(), statements_};
  sqlite::SqliteBlockStore blocks_{db_.get(), statements_};
  sqlite::SqliteUploadStore uploads_{db_.get(), statements_};
  sqlite::SqliteSettingStore settings_{db_.get(), statements_};
  sqlite::SqliteMetricsStore metrics_{db_.get(), statements_};
  sqlite::SqliteEventStore events_{db_.get(), statements_};
  sqlite::SqliteApiTokenStore api_tokens_{db_.get(), statements_};
  sqlite::SqliteWebhookStore webhooks_{db_.get(), statements_};
  sqlite::SqliteOutboxStore outbox_{db_.get(), statements_};
  // Tags and dispositions (#14)
  sqlite::SqliteTagStore tags_{db_.get(), statements_};
  sqlite::SqliteDispositionStore dispositions_{db_.get(), statements_};
  // #14 privacy
  sqlite::SqlitePrivacyStore privacy_{db_.get(), statements_};
  sqlite::SqliteConversationStore conversations_{db_.get(), statements_};
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& database_file) {
  DatabaseHandle db = open_database(database_file);
  configure(db.get());
  sqlite::apply_migrations(db.get());
  return std::make_unique<SqliteStore>(std::move(db));
}

}  // namespace livedesk::store
