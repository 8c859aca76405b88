#pragma once
// The search projection: keeps the conversation search index (store/conversation_store.hpp) following the event
// log. Its place in the log is the durable cursor "search_projection" (store/outbox_store.hpp). Each round, in
// one transaction: the events after the cursor (a batch) name the conversations they change (messages, notes,
// sessions, contacts' names and emails, erasures); those go into the search queue (search_dirty) and the cursor
// moves past the batch. Then the queue's due conversations are indexed afresh from the raw tables: a closed,
// erased or deleted one at once, an open one once it has waited `delay` since its first change not yet indexed.
// Indexing writes the whole conversation, so the delay is what keeps a long busy chat from being written again
// every round (its cost would grow with its length); a crash between rounds only repeats idempotent work.
//
// A rebuild (no cursor yet, as after an upgrade, or a log pruned past the cursor) clears the index, puts the
// cursor at the log's end and walks every session by id in later rounds, a batch each, its progress kept in the
// cursor "search_rebuild" (position: the last session id indexed); events keep being applied meanwhile.
//
// Threads: run() from any thread (the leader's periodic task). A round reads the log on one of the store
// executor's readers (read_changes), then applies what it found as a write job on its writer (apply_changes),
// which checks the cursor has not moved meanwhile; one round at a time (run() during a round is a no-op), and a
// full round posts the next. apply_round() and rebuild() are the same work on a Store the caller owns (tests,
// `livedesk search rebuild`).
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "domain/clock.hpp"

namespace livedesk::store {
class Store;
class StoreExecutor;
}  // namespace livedesk::store

namespace livedesk::service {

// What one round read from the log: the conversations to queue, and how far the cursor may move.
struct SearchChanges {
  bool rebuild = false;   // no cursor, or the log was pruned past it: start a rebuild instead
  std::int64_t from = 0;  // the cursor when read
  std::int64_t to = 0;    // the last event read (from, when none)
  std::size_t events = 0;
  std::vector<std::int64_t> sessions;
};

// See the file comment.
class SearchProjection {
 public:
  static constexpr const char* kCursor = "search_projection";
  static constexpr const char* kRebuildCursor = "search_rebuild";

  SearchProjection(store::StoreExecutor& store, const domain::Clock& clock, std::chrono::milliseconds delay,
                   std::size_t batch = 500)
      : store_(store), clock_(clock), delay_(delay), batch_(batch) {}

  void run();

  // The two halves of a round; apply_changes runs in one transaction and returns what apply_round does.
  static SearchChanges read_changes(store::Store& store, std::size_t batch);
  static bool apply_changes(store::Store& store, const SearchChanges& changes, std::size_t batch, std::int64_t now_ms,
                            std::int64_t delay_ms);
  // One round on `store` at `now_ms` (a rebuild started is followed by the round's reading); true when there is more to
  // do at once (a full batch of events, of due conversations or of the rebuild's sessions).
  static bool apply_round(store::Store& store, std::size_t batch, std::int64_t now_ms, std::int64_t delay_ms);
  // Rebuilds the whole index on `store` now (one transaction per batch); returns the conversations indexed.
  static std::size_t rebuild(store::Store& store, std::size_t batch);

 private:
  void post_round();
  void post_write(std::shared_ptr<const SearchChanges> changes);

  store::StoreExecutor& store_;
  const domain::Clock& clock_;
  const std::chrono::milliseconds delay_;
  const std::size_t batch_;
  std::atomic<bool> running_{false};
};

}  // namespace livedesk::service
