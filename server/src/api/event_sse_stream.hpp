#pragma once
// The body of one Server-Sent Events response of GET /api/v1/events: each pull reads the next page of the log
// after the last position sent (on the store's readers) and answers it as one chunk of `id:`/`event:`/`data:`
// messages, or, when there is none yet, waits on the watermark (no thread) and reads again once it passes. What
// it holds is one page at most. Owned by net/ (shared with the callbacks of its outstanding read or wait).
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>

#include "api/http_types.hpp"
#include "service/event_feed.hpp"

namespace livedesk::api {

// An event stream consumer's response body.
class EventSseStream final : public ResponseStream, public std::enable_shared_from_this<EventSseStream> {
 public:
  EventSseStream(service::EventFeed& feed, std::int64_t after, std::size_t page_limit, service::EventTypeFilter filter)
      : feed_(feed), after_(after), page_limit_(page_limit), filter_(std::move(filter)) {}

  void pull(std::function<void(Chunk)> done) override;
  std::string idle_chunk() const override { return ": heartbeat\n\n"; }
  void cancel() override;

  // The SSE text of one event.
  static std::string format(const service::StreamEvent& event);

 private:
  void read_next();
  void finish(Chunk chunk);

  service::EventFeed& feed_;
  std::mutex mutex_;
  std::int64_t after_;  // the last position read; only the one outstanding read or wait touches it
  const std::size_t page_limit_;
  const service::EventTypeFilter filter_;
  std::function<void(Chunk)> pending_;   // under mutex_
  std::optional<std::uint64_t> waiter_;  // under mutex_
  bool cancelled_ = false;               // under mutex_
};

}  // namespace livedesk::api
