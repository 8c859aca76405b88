#pragma once
// A contact's export (GET /api/v1/contacts/{id}/export, docs/api.md "Privacy"): everything livedesk holds about
// one contact, read on the store executor's readers (never an io thread, never the chat engine's thread), then
// audited as contact.exported through the chat service (the leader's engine, calls::RecordContactExport). The
// export is handed to `done` only once its audit entry has committed: an export nobody can trace never leaves.
// `done` is called once, from a reader or the chat service's thread, with the export or a ChatError (404
// not_found, 403 forbidden for an agent, 503 when the store fails or the audit cannot be saved);
// export_contact returns false (done is not called) when the store is shutting down.
#include <cstdint>
#include <functional>

#include "domain/clock.hpp"
#include "domain/privacy_views.hpp"
#include "service/chat_service.hpp"

namespace livedesk::store {
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

// Reads and audits contact exports; see the file comment. The store and chat service outlive it.
class ContactExporter {
 public:
  ContactExporter(store::StoreExecutor& store, ChatService& chat, const domain::Clock& clock)
      : store_(store), chat_(chat), clock_(clock) {}

  bool export_contact(Actor actor, std::int64_t contact_id, Done<domain::ContactExportView> done);

 private:
  store::StoreExecutor& store_;
  ChatService& chat_;
  const domain::Clock& clock_;
};

}  // namespace livedesk::service
