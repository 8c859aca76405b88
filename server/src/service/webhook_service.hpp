#pragma once
// The admin use cases of webhooks (docs/api.md, "Webhooks"): register, list, read, change, delete an
// endpoint, page its attempts, send a logged event again by hand, re-enable a disabled endpoint.
// Any node serves them (they go through the store executor); the deliveries themselves are the outbox's,
// on the node that leads.
//
// Threads: any thread may call; `done` runs once, on the store executor's or the checks worker's thread
// (never inside the call). Checks that resolve a host run on the `checks` worker, never the caller's.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/clock.hpp"
#include "domain/webhook_views.hpp"
#include "service/webhook_transport.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::store {
class StoreExecutor;
}

namespace livedesk::service {

using domain::WebhookAttemptView;
using domain::WebhookView;

struct WebhookRefused {
  enum class Reason { invalid, not_found, unavailable } reason;
  std::string message;
};
template <class T>
using WebhookOutcome = std::variant<T, WebhookRefused>;

// What create() and update() take; absent fields are left as they are (update) or defaulted (create).
struct WebhookChange {
  std::optional<std::string> url;
  std::optional<std::vector<std::string>> event_types;
  std::optional<std::string> secret;  // create only
  std::optional<bool> active;
};

// The outcome of a manual retry.
struct WebhookRetried {
  WebhookAttemptView attempt;
};

// Checks a pattern list; a message naming the first bad one, or nullopt.
std::optional<std::string> event_types_problem(const std::vector<std::string>& types);

// See the file comment.
class WebhookService {
 public:
  WebhookService(store::StoreExecutor& store, support::WorkerThread& checks, WebhookTransport& transport,
                 const domain::Clock& clock)
      : store_(store), checks_(checks), transport_(transport), clock_(clock) {}

  void create(WebhookChange change, std::function<void(WebhookOutcome<WebhookView>)> done);
  void list(std::function<void(WebhookOutcome<std::vector<WebhookView>>)> done);
  void get(std::int64_t id, std::function<void(WebhookOutcome<WebhookView>)> done);
  // Setting active = true on a disabled endpoint re-enables it: it resumes with the event it failed on.
  void update(std::int64_t id, WebhookChange change, std::function<void(WebhookOutcome<WebhookView>)> done);
  void remove(std::int64_t id, std::function<void(WebhookOutcome<bool>)> done);
  void attempts(std::int64_t id, std::optional<std::int64_t> before, std::size_t limit,
                std::function<void(WebhookOutcome<std::vector<WebhookAttemptView>>)> done);
  // One more delivery of the logged event at `position`, with its same id, recorded as a manual attempt.
  void retry(std::int64_t id, std::int64_t position, std::function<void(WebhookOutcome<WebhookRetried>)> done);
  // Removes attempts older than `retention` (the event log's), a chunk per call; for a periodic task.
  void prune_attempts(std::chrono::seconds retention);

 private:
  // Runs `then` on the checks worker once `url` passed the transport's checks (or answers `done`).
  template <class T>
  void check_url(const std::optional<std::string>& url, std::function<void(WebhookOutcome<T>)> done,
                 std::function<void()> then);
  void save_change(std::int64_t id, WebhookChange change, std::function<void(WebhookOutcome<WebhookView>)> done);

  store::StoreExecutor& store_;
  support::WorkerThread& checks_;
  WebhookTransport& transport_;
  const domain::Clock& clock_;
};

}  // namespace livedesk::service
