#pragma once
// One kind of consumer of the event log that the Outbox (service/outbox.hpp) delivers for: webhooks now,
// email later. A consumer has targets (each webhook endpoint), each with its own durable cursor, named by
// the target's name ("webhook:12").
//
// Contract: every method is called on the outbox's one thread; the Store given is the outbox's own.
// send()'s `done` may run on any thread, once.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/event_store.hpp"

namespace livedesk::store {
class Store;
}

namespace livedesk::service {

// How one delivery went, as the outbox needs to know it.
struct OutboxResult {
  bool delivered = false;
  std::optional<int> status;  // the receiver's answer, when one came (HTTP status, SMTP reply, ...)
  std::chrono::milliseconds latency{0};
  std::string error;                                     // "" when delivered; "HTTP 503", "timeout", ...
  std::optional<std::chrono::milliseconds> retry_after;  // the receiver asked for a pause
};

// See the file comment.
class OutboxConsumer {
 public:
  virtual ~OutboxConsumer() = default;
  // The targets to deliver to now (inactive ones left out), read afresh every round.
  virtual std::vector<std::string> targets(store::Store& store) = 0;
  // False for an event the target does not take: the cursor passes it by.
  virtual bool wants(const std::string& target, const store::EventRecord& event) = 0;
  // Delivers `event` (try number `attempt`); `done` once with the result.
  virtual void send(const std::string& target, const store::EventRecord& event, int attempt,
                    std::function<void(OutboxResult)> done) = 0;
  // Records the try (in the transaction that also moves the cursor).
  virtual void record(store::Store& store, const std::string& target, const store::EventRecord& event, int attempt,
                      const OutboxResult& result) = 0;
  // The target failed for longer than the retry window: stop delivering to it (in the same transaction).
  virtual void give_up(store::Store& store, const std::string& target, const std::string& reason) = 0;
};

}  // namespace livedesk::service
