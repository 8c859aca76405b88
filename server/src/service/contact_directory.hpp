#pragma once
// Contacts as staff read them (GET /api/v1/contacts, /contacts/{id}) and the widget identity's state, read on the
// store executor's readers (never an io thread, never the chat engine's thread). Each read calls `done` once,
// there, with the answer or a ChatError (404 not_found, 400 bad_cursor, 503 when the store fails); it returns
// false (done is not called) when the store is shutting down.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "domain/contact_views.hpp"
#include "service/chat_types.hpp"

namespace livedesk::store {
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

struct IdentitySettings {
  bool configured = false;
  std::optional<std::int64_t> rotated_ms;
};

class ContactDirectory {
 public:
  static constexpr int kMaxLimit = 100;

  explicit ContactDirectory(store::StoreExecutor& store) : store_(store) {}

  // Newest sighting first; `cursor` is a previous page's next_cursor for the same `query`.
  bool list(std::string query, int limit, std::optional<std::string> cursor,
            std::function<void(Outcome<domain::ContactPageView>)> done);
  bool find(std::int64_t id, std::function<void(Outcome<domain::ContactDetailView>)> done);
  bool identity_settings(std::function<void(Outcome<IdentitySettings>)> done);

 private:
  store::StoreExecutor& store_;
};

}  // namespace livedesk::service
