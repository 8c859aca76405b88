#include "store/postgres/pg_store.hpp"

#include <span>

#include "store/postgres/pg_account_store.hpp"
#include "store/postgres/pg_audit_store.hpp"
#include "store/postgres/pg_api_token_store.hpp"
#include "store/postgres/pg_block_store.hpp"
#include "store/postgres/pg_canned_store.hpp"
#include "store/postgres/pg_contact_store.hpp"
#include "store/postgres/pg_message_store.hpp"
#include "store/postgres/pg_event_store.hpp"
#include "store/postgres/pg_metrics_store.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_note_store.hpp"
#include "store/postgres/pg_outbox_store.hpp"
// #14 privacy
#include "store/postgres/pg_privacy_store.hpp"
#include "store/postgres/pg_conversation_store.hpp"
#include "store/postgres/pg_rating_store.hpp"
#include "store/postgres/pg_session_store.hpp"
#include "store/postgres/pg_setting_store.hpp"
#include "store/postgres/pg_transfer_store.hpp"
#include "store/postgres/pg_upload_store.hpp"
#include "store/postgres/pg_webhook_store.hpp"
// Tags and dispositions (#14)
#include "store/postgres/pg_disposition_store.hpp"
#include "store/postgres/pg_tag_store.hpp"

namespace livedesk::store {

namespace {

using postgres::as_int;
using postgres::exec;
using postgres::PgConnection;
using postgres::PgStatement;

constexpr PgStatement kSchemaVersion{"schema_version", "SELECT coalesce(max(version), 0) FROM schema_migrations"};
constexpr PgStatement kPing{"ping", "SELECT 1"};

constexpr PgStatement kStatements[] = {kSchemaVersion, kPing};

// The Store over one PostgreSQL connection; every aggregate store works on it.
class PgStore final : public Store {
 public:
  explicit PgStore(std::unique_ptr<PgConnection> connection) : connection_(std::move(connection)) {}

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
    return connection_->read([](pqxx::transaction_base& tx) { return as_int(exec(tx, kSchemaVersion)[0][0]); });
  }

  bool ping() override {
    try {
      return connection_->read([](pqxx::transaction_base& tx) { return as_int(exec(tx, kPing)[0][0]) == 1; });
    } catch (const StoreError&) {
      return false;
    }
  }

  void run_in_transaction(const std::function<void(Store&)>& work) override {
    connection_->transaction([&] { work(*this); });
  }

  void fence_writes(std::optional<FencingToken> token) override { connection_->fence_writes(std::move(token)); }

 private:
  std::unique_ptr<PgConnection> connection_;
  postgres::PgAccountStore accounts_{*connection_};
  postgres::PgAuditStore audit_{*connection_};
  postgres::PgContactStore contacts_{*connection_};
  postgres::PgSessionStore sessions_{*connection_};
  postgres::PgMessageStore messages_{*connection_};
  postgres::PgRatingStore ratings_{*connection_};
  postgres::PgTransferStore transfers_{*connection_};
  postgres::PgNoteStore notes_{*connection_};
  postgres::PgCannedStore canned_{*connection_};
  postgres::PgBlockStore blocks_{*connection_};
  postgres::PgUploadStore uploads_{*connection_};
  postgres::PgSettingStore settings_{*connection_};
  postgres::PgMetricsStore metrics_{*connection_};
  postgres::PgEventStore events_{*connection_};
  postgres::PgApiTokenStore api_tokens_{*connection_};
  postgres::PgWebhookStore webhooks_{*connection_};
  postgres::PgOutboxStore outbox_{*connection_};
  // Tags and dispositions (#14)
  postgres::PgTagStore tags_{*connection_};
  postgres::PgDispositionStore dispositions_{*connection_};
  // #14 privacy
  postgres::PgPrivacyStore privacy_{*connection_};
  postgres::PgConversationStore conversations_{*connection_};
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url) {
  auto connection = std::make_unique<PgConnection>(url);
  postgres::apply_migrations(connection->raw());
  for (const auto statements :
       {std::span<const PgStatement>(kStatements), postgres::PgAccountStore::statements(),
        postgres::PgAuditStore::statements(), postgres::PgContactStore::statements(),
        postgres::PgSessionStore::statements(), postgres::PgMessageStore::statements(),
        postgres::PgRatingStore::statements(), postgres::PgTransferStore::statements(),
        postgres::PgNoteStore::statements(), postgres::PgCannedStore::statements(),
        postgres::PgBlockStore::statements(), postgres::PgUploadStore::statements(),
        postgres::PgSettingStore::statements(), postgres::PgMetricsStore::statements(),
        postgres::PgEventStore::statements(),
        postgres::PgApiTokenStore::statements(),
        postgres::PgWebhookStore::statements(), postgres::PgOutboxStore::statements(),
        // Tags and dispositions (#14)
        postgres::PgTagStore::statements(), postgres::PgDispositionStore::statements(),
        postgres::PgPrivacyStore::statements() /* #14 privacy */,
        postgres::PgConversationStore::statements()}) {
    connection->prepare(statements);
  }
  return std::make_unique<PgStore>(std::move(connection));
}

}  // namespace livedesk::store
