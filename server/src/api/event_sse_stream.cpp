#include "api/event_sse_stream.hpp"

namespace livedesk::api {

std::string EventSseStream::format(const service::StreamEvent& event) {
  std::string out;
  out.reserve(event.json.size() + event.type.size() + 40);
  out += "id: " + std::to_string(event.position) + "\n";
  out += "event: " + event.type + "\n";
  out += "data: " + event.json + "\n\n";  // serialized JSON holds no newline
  return out;
}

void EventSseStream::pull(std::function<void(Chunk)> done) {
  {
    std::lock_guard lock(mutex_);
    if (cancelled_) return;
    pending_ = std::move(done);
  }
  read_next();
}

void EventSseStream::cancel() {
  std::lock_guard lock(mutex_);
  cancelled_ = true;
  pending_ = nullptr;
  if (waiter_) feed_.watermark().cancel(*waiter_);
  waiter_.reset();
}

void EventSseStream::finish(Chunk chunk) {
  std::function<void(Chunk)> done;
  {
    std::lock_guard lock(mutex_);
    done = std::move(pending_);
    pending_ = nullptr;
  }
  if (done) done(std::move(chunk));
}

void EventSseStream::read_next() {
  auto self = shared_from_this();
  const bool queued = feed_.read(after_, page_limit_, filter_, [self](std::optional<service::EventPage> page) {
    // A failed read or a position pruned under a slow consumer ends the stream: the consumer reconnects with
    // Last-Event-ID and is told (503, or 410 position_pruned).
    if (!page || page->pruned) return self->finish(std::nullopt);
    self->after_ = page->next_after;
    if (!page->events.empty()) {
      std::string chunk;
      for (const auto& event : page->events) chunk += format(event);
      return self->finish(std::move(chunk));
    }
    // No lock across wait_beyond: it may wake at once, on this thread. Ids grow, so a late store never
    // replaces the id of a newer wait.
    const auto id = self->feed_.watermark().wait_beyond(self->after_, [self](bool) { self->read_next(); });
    std::lock_guard lock(self->mutex_);
    if (self->cancelled_) {
      self->feed_.watermark().cancel(id);
      return;
    }
    if (!self->waiter_ || *self->waiter_ < id) self->waiter_ = id;
  });
  if (!queued) finish(std::nullopt);
}

}  // namespace livedesk::api
