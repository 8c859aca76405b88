#include "service/search_projection.hpp"

#include <memory>
#include <set>
#include <type_traits>

#include "bus/event_codec.hpp"
#include "domain/iso_time.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"
#include "support/json_log.hpp"

namespace livedesk::service {

namespace {

// The conversations whose search rows `event` changes (customers_ : contacts whose name or email did).
struct Touched {
  std::set<std::int64_t> sessions;
  std::set<std::int64_t> customers;

  void add(const bus::Event& event) {
    std::visit(
        [this](const auto& e) {
          using E = std::decay_t<decltype(e)>;
          if constexpr (std::is_same_v<E, bus::SessionChanged>)
            sessions.insert(e.session.id);
          else if constexpr (std::is_same_v<E, bus::MessageCreated>)
            sessions.insert(e.message.session_id);
          else if constexpr (std::is_same_v<E, bus::NoteChanged>)
            sessions.insert(e.note.session_id);
          else if constexpr (std::is_same_v<E, bus::ContactChanged>)
            customers.insert(e.contact.id);
          else if constexpr (std::is_same_v<E, bus::ContactErased>) {
            sessions.insert(e.sessions.begin(), e.sessions.end());
            if (e.contact) customers.insert(e.contact_id);
          }
        },
        event);
  }
};

void start_rebuild(store::Store& s) {
  s.conversations().clear_index();
  s.outbox().save({SearchProjection::kCursor, s.events().last_position(), std::nullopt, 0, std::nullopt, std::nullopt});
  s.outbox().save({SearchProjection::kRebuildCursor, 0, std::nullopt, 0, std::nullopt, std::nullopt});
}

// One batch of the rebuild's walk: how many conversations it indexed (`batch`: it is not done yet; fewer: it
// is, or there was no rebuild going).
std::size_t rebuild_batch(store::Store& s, std::size_t batch) {
  const auto progress = s.outbox().find(SearchProjection::kRebuildCursor);
  if (!progress) return 0;
  const auto ids = s.conversations().ids_after(progress->position, int(batch));
  for (auto id : ids) s.conversations().index(id);
  if (ids.size() < batch) {
    s.outbox().remove(SearchProjection::kRebuildCursor);
    return ids.size();
  }
  auto next = *progress;
  next.position = ids.back();
  s.outbox().save(next);
  return ids.size();
}

// Only these events change what is searched (a closing makes the conversation due at once).
bool changes_search(std::string_view type) {
  return type == "message.created" || type == "session.created" || type == "session.closed" ||
         type.starts_with("note.") || type.starts_with("whisper.") || type.starts_with("contact.");
}

}  // namespace

SearchChanges SearchProjection::read_changes(store::Store& s, std::size_t batch) {
  SearchChanges changes;
  const auto cursor = s.outbox().find(kCursor);
  // Events the cursor never saw are gone from the log: only reading everything again is right.
  if (!cursor || cursor->position + 1 < s.events().first_position()) {
    changes.rebuild = true;
    return changes;
  }
  changes.from = changes.to = cursor->position;
  const auto events = s.events().read_after(cursor->position, batch);
  changes.events = events.size();
  Touched touched;
  for (const auto& record : events)
    if (changes_search(record.type))
      if (const auto event = bus::decode_event(record.payload)) touched.add(*event);
  for (auto customer : touched.customers)
    for (auto id : s.conversations().ids_of_customer(customer)) touched.sessions.insert(id);
  if (!events.empty()) changes.to = events.back().position;
  changes.sessions.assign(touched.sessions.begin(), touched.sessions.end());
  return changes;
}

bool SearchProjection::apply_changes(store::Store& store, const SearchChanges& changes, std::size_t batch,
                                     std::int64_t now_ms, std::int64_t delay_ms) {
  bool more = false;
  store.run_in_transaction([&](store::Store& s) {
    auto cursor = s.outbox().find(kCursor);
    if (changes.rebuild) {
      if (!cursor || cursor->position + 1 < s.events().first_position()) start_rebuild(s);
      more = true;  // read again from the new cursor
      return;
    }
    // Another round moved the cursor since these changes were read: they are stale, read again.
    if (!cursor || cursor->position != changes.from) {
      more = true;
      return;
    }
    s.conversations().mark_dirty(changes.sessions, now_ms);
    if (changes.to != changes.from) {
      cursor->position = changes.to;
      s.outbox().save(*cursor);
    }
    const auto due = s.conversations().due(now_ms - delay_ms, int(batch));
    for (auto id : due) s.conversations().index(id);
    s.conversations().clear_dirty(due);
    const bool rebuilding = rebuild_batch(s, batch) == batch;
    more = changes.events == batch || due.size() == batch || rebuilding;
  });
  return more;
}

bool SearchProjection::apply_round(store::Store& store, std::size_t batch, std::int64_t now_ms, std::int64_t delay_ms) {
  for (;;) {
    const auto changes = read_changes(store, batch);
    const bool more = apply_changes(store, changes, batch, now_ms, delay_ms);
    if (!changes.rebuild) return more;
  }
}

std::size_t SearchProjection::rebuild(store::Store& store, std::size_t batch) {
  store.run_in_transaction([](store::Store& s) { start_rebuild(s); });
  std::size_t indexed = 0;
  for (;;) {
    std::size_t done = 0;
    store.run_in_transaction([&](store::Store& s) { done = rebuild_batch(s, batch); });
    indexed += done;
    if (done < batch) return indexed;
  }
}

void SearchProjection::run() {
  if (running_.exchange(true)) return;
  post_round();
}

void SearchProjection::post_round() {
  // Reading the log and decoding its events happens on a reader, so the store's writer (what every chat
  // message waits for) only marks the queue, moves the cursor and indexes what is due.
  const bool posted = store_.post_read(
      [this](store::Store& reader) {
        auto changes = std::make_shared<SearchChanges>();
        try {
          *changes = read_changes(reader, batch_);
        } catch (const std::exception& e) {
          support::log_event(spdlog::level::warn, "search index read failed", {{"error", e.what()}});
          running_ = false;
          return;
        }
        post_write(std::move(changes));
      },
      [this](const std::exception&) { running_ = false; });
  if (!posted) running_ = false;
}

void SearchProjection::post_write(std::shared_ptr<const SearchChanges> changes) {
  auto more = std::make_shared<bool>(false);
  const bool posted = store_.post_write(
      [this, changes, more](store::Store& s, store::CommitHooks& hooks) {
        try {
          *more = apply_changes(s, *changes, batch_, domain::to_unix_ms(clock_.now()), delay_.count());
        } catch (const std::exception& e) {
          // The round rolled back alone (its own savepoint); the next tick tries again.
          support::log_event(spdlog::level::warn, "search index round failed", {{"error", e.what()}});
          *more = false;
        }
        hooks.after_commit([this, more](bool committed) {
          if (committed && *more) return post_round();
          running_ = false;
        });
      },
      [this](const std::exception&) { running_ = false; });
  if (!posted) running_ = false;
}

}  // namespace livedesk::service
