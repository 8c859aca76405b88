#pragma once
// The persistence boundary: everything above store/ talks to this interface and
// never learns whether SQLite or PostgreSQL sits behind it.
//
// A Store is one unit of work on one database connection: it hands out the
// store of each aggregate (s.sessions(), s.messages(), ...) and runs work in a
// transaction. The aggregate stores belong to it and live as long as it does.
//
// Contract: a Store (and every aggregate store it hands out) is used by exactly
// one thread at a time, the store executor thread (see store/store_executor.hpp).
// Implementations do no locking of their own. Times are unix milliseconds
// (domain/iso_time.hpp converts them). Failures throw StoreError; a violated
// uniqueness rule throws DuplicateError, so callers can answer 409 without
// parsing messages.
#include <functional>
#include <optional>

#include "store/account_store.hpp"
#include "store/api_token_store.hpp"
#include "store/audit_store.hpp"
#include "store/block_store.hpp"
#include "store/canned_store.hpp"
#include "store/contact_store.hpp"
#include "store/conversation_store.hpp"
#include "store/event_store.hpp"
#include "store/fencing_token.hpp"
#include "store/message_store.hpp"
#include "store/metrics_store.hpp"
#include "store/note_store.hpp"
#include "store/outbox_store.hpp"
// #14 privacy
#include "store/privacy_store.hpp"
#include "store/rating_store.hpp"
#include "store/session_store.hpp"
#include "store/setting_store.hpp"
#include "store/store_error.hpp"
#include "store/transfer_store.hpp"
#include "store/upload_store.hpp"
#include "store/webhook_store.hpp"
// Tags and dispositions (#14)
#include "store/disposition_store.hpp"
#include "store/tag_store.hpp"

namespace livedesk::store {

// The unit of work; one implementation per database.
class Store {
 public:
  virtual ~Store() = default;

  virtual AccountStore& accounts() = 0;
  virtual AuditStore& audit() = 0;
  virtual ContactStore& contacts() = 0;
  virtual SessionStore& sessions() = 0;
  virtual MessageStore& messages() = 0;
  virtual RatingStore& ratings() = 0;
  virtual TransferStore& transfers() = 0;
  virtual NoteStore& notes() = 0;
  virtual CannedStore& canned() = 0;
  virtual BlockStore& blocks() = 0;
  virtual UploadStore& uploads() = 0;
  virtual SettingStore& settings() = 0;
  virtual MetricsStore& metrics() = 0;
  virtual EventStore& events() = 0;
  virtual ApiTokenStore& api_tokens() = 0;
  virtual WebhookStore& webhooks() = 0;
  virtual OutboxStore& outbox() = 0;
  // Tags and dispositions (#14)
  virtual TagStore& tags() = 0;
  virtual DispositionStore& dispositions() = 0;
  // #14 privacy
  virtual PrivacyStore& privacy() = 0;
  // Conversations as history and their search (#14)
  virtual ConversationStore& conversations() = 0;

  virtual int schema_version() = 0;  // highest applied migration
  virtual bool ping() = 0;           // runs SELECT 1; false on error

  // Runs `work` atomically: everything it writes commits together, or nothing
  // does if it throws (the exception propagates). Calls nest: an inner call is
  // a savepoint, so a failing inner unit (one job of a group commit) rolls back
  // alone while the outer transaction goes on.
  virtual void run_in_transaction(const std::function<void(Store&)>& work) = 0;

  // From now on every write transaction first proves that `token` is the
  // cluster's current lead, in that transaction, or fails with FencedError
  // before it writes anything; nullopt writes unchecked again. A successor's
  // election waits for a transaction that proved the old token to end, so
  // each commit happens wholly before or wholly after a hand-over. One node on
  // SQLite has no cluster: nothing to prove, the token is ignored.
  virtual void fence_writes(std::optional<FencingToken> token) = 0;
};

}  // namespace livedesk::store
