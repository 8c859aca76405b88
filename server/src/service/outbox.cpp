#include "service/outbox.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "domain/iso_time.hpp"
#include "store/store.hpp"
#include "support/json_log.hpp"

namespace livedesk::service {

Outbox::Outbox(store::Store& store, OutboxConsumer& consumer, const domain::Clock& clock, OutboxOptions options,
               std::function<double()> unit_random)
    : store_(store), consumer_(consumer), clock_(clock), options_(options), unit_random_(std::move(unit_random)) {
  if (!unit_random_) unit_random_ = [this] { return std::uniform_real_distribution<double>(0.0, 1.0)(random_engine_); };
}

Outbox::~Outbox() { stop(); }

void Outbox::start() {
  std::lock_guard lock(mutex_);
  if (running_) return;
  running_ = true;
  thread_ = std::thread([this] { loop(); });
}

void Outbox::stop() {
  std::thread thread;
  {
    std::lock_guard lock(mutex_);
    if (!running_) return;
    running_ = false;
    ++generation_;  // results of this run's deliveries are dropped when they come
    finished_.clear();
    thread = std::move(thread_);
  }
  wake_.notify_all();
  thread.join();
  flights_.clear();
  flight_count_ = 0;
}

bool Outbox::has_results() const {
  std::lock_guard lock(mutex_);
  return !finished_.empty();
}

std::size_t Outbox::in_flight() const { return flight_count_; }

void Outbox::loop() {
  std::unique_lock lock(mutex_);
  while (running_) {
    lock.unlock();
    run_round();
    lock.lock();
    wake_.wait_for(lock, options_.poll, [this] { return !running_ || !finished_.empty(); });
  }
}

int Outbox::run_round() {
  std::vector<Finished> finished;
  std::uint64_t generation;
  {
    std::lock_guard lock(mutex_);
    finished.swap(finished_);
    generation = generation_;
  }
  int started = 0;
  try {
    for (const auto& f : finished)
      if (f.generation == generation) apply(f);
    const auto now_ms = domain::to_unix_ms(clock_.now());
    const auto targets = consumer_.targets(store_);
    // A target that went away (deleted, paused) keeps no flight: its result, if it comes, is dropped.
    std::erase_if(flights_, [&](const auto& entry) {
      return std::find(targets.begin(), targets.end(), entry.first) == targets.end();
    });
    for (const auto& target : targets)
      if (!flights_.contains(target) && start_next(target, now_ms)) ++started;
  } catch (const std::exception& error) {
    support::log_event(spdlog::level::warn, "outbox_round_failed", {{"error", error.what()}});
  }
  flight_count_ = flights_.size();
  return started;
}

store::OutboxCursor Outbox::cursor_of(const std::string& target) {
  if (auto cursor = store_.outbox().find(target)) return *cursor;
  // A target is given its cursor when it is created; one without starts at the log's end, never at its start.
  store::OutboxCursor cursor{target, store_.events().last_position(), std::nullopt, 0, std::nullopt, std::nullopt};
  store_.outbox().save(cursor);
  return cursor;
}

bool Outbox::start_next(const std::string& target, std::int64_t now_ms) {
  auto cursor = cursor_of(target);
  if (cursor.pending_position) {
    if (cursor.next_attempt_ms && *cursor.next_attempt_ms > now_ms) return false;
    auto events = store_.events().read_after(*cursor.pending_position - 1, 1);
    if (!events.empty() && events[0].position == *cursor.pending_position) {
      launch(target, cursor, std::move(events[0]), now_ms);
      return true;
    }
    // Pruned while it was held back (older than the log's retention): nothing left to send.
    support::log_event(spdlog::level::warn, "outbox_event_pruned",
                       {{"target", target}, {"position", *cursor.pending_position}});
    cursor.position = *cursor.pending_position;
    cursor.pending_position.reset();
    cursor.attempts = 0;
    cursor.first_attempt_ms.reset();
    cursor.next_attempt_ms.reset();
    store_.outbox().save(cursor);
    return false;
  }
  const auto start = cursor.position;
  for (auto& event : store_.events().read_after(cursor.position, options_.read_batch)) {
    if (consumer_.wants(target, event)) {
      if (cursor.position != start) store_.outbox().save(cursor);
      launch(target, cursor, std::move(event), now_ms);
      return true;
    }
    cursor.position = event.position;
  }
  if (cursor.position != start) store_.outbox().save(cursor);
  return false;
}

void Outbox::launch(const std::string& target, store::OutboxCursor cursor, store::EventRecord event,
                    std::int64_t now_ms) {
  const int attempt = cursor.attempts + 1;
  if (!cursor.pending_position || !cursor.first_attempt_ms) {
    // Durable before it leaves: a restart knows which event was on its way, and when its retries began.
    cursor.pending_position = event.position;
    cursor.first_attempt_ms = now_ms;
    cursor.next_attempt_ms = now_ms;
    store_.outbox().save(cursor);
  }
  std::uint64_t generation;
  {
    std::lock_guard lock(mutex_);
    generation = generation_;
  }
  flights_[target] = Flight{event, attempt, now_ms};
  consumer_.send(target, flights_[target].event, attempt, [this, generation, target](OutboxResult result) {
    {
      std::lock_guard lock(mutex_);
      if (generation != generation_) return;
      finished_.push_back({generation, target, std::move(result)});
    }
    wake_.notify_all();
  });
}

void Outbox::apply(const Finished& finished) {
  const auto found = flights_.find(finished.target);
  if (found == flights_.end()) return;
  const Flight flight = found->second;
  flights_.erase(found);
  const auto& result = finished.result;
  const auto now_ms = domain::to_unix_ms(clock_.now());
  store_.run_in_transaction([&](store::Store& s) {
    auto cursor = s.outbox().find(finished.target);
    if (!cursor || cursor->pending_position != flight.event.position) return;  // moved on meanwhile (by hand)
    consumer_.record(s, finished.target, flight.event, flight.attempt, result);
    if (result.delivered) {
      cursor->position = flight.event.position;
      cursor->pending_position.reset();
      cursor->attempts = 0;
      cursor->first_attempt_ms.reset();
      cursor->next_attempt_ms.reset();
    } else if (now_ms - cursor->first_attempt_ms.value_or(flight.started_ms) >= options_.retry_for.count()) {
      consumer_.give_up(s, finished.target,
                        "deliveries failed for " + std::to_string(options_.retry_for.count() / 1000) +
                            " s (last: " + result.error + ")");
      // The cursor stays on the event: a re-enabled target starts again with it, and with a fresh window.
      cursor->attempts = 0;
      cursor->first_attempt_ms.reset();
      cursor->next_attempt_ms.reset();
    } else {
      cursor->attempts = flight.attempt;
      const auto wait = options_.backoff.delay(flight.attempt, unit_random_(), result.retry_after);
      cursor->next_attempt_ms = now_ms + wait.count();
    }
    s.outbox().save(*cursor);
  });
}

}  // namespace livedesk::service
