// The event stream (docs/api.md "Event stream", docs/integrations.md):
//   GET /api/v1/events?after=&types=&limit=&wait=   supervisor / events:read
// JSON long-poll by default; Server-Sent Events with `Accept: text/event-stream` (resuming at Last-Event-ID).
#include <charconv>

#include "api/api_error.hpp"
#include "api/event_sse_stream.hpp"
#include "api/json_io.hpp"
#include "api/query_params.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
constexpr std::int64_t kDefaultLimit = 100;
constexpr std::int64_t kDefaultWaitSeconds = 25;
constexpr std::int64_t kMaxWaitSeconds = 60;

Response store_failed() { return error_response(503, "store_unavailable", "the database did not answer"); }

Response pruned(const service::EventPage& page) {
  return error_response(410, "position_pruned",
                        "events after that position have been pruned; the oldest held is " +
                            std::to_string(page.first_position) + " (start again from first_position - 1)");
}

Response page_response(const std::vector<service::StreamEvent>& events, std::int64_t next_after,
                       std::int64_t first_position, std::int64_t last_position) {
  // The events are serialized once, by the feed; the page is written around them.
  std::string body = "{\"events\":[";
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (i > 0) body += ',';
    body += events[i].json;
  }
  body += "],\"next_after\":" + std::to_string(next_after) + ",\"first_position\":" + std::to_string(first_position) +
          ",\"last_position\":" + std::to_string(last_position) + "}";
  Response response;
  response.status = 200;
  response.body = std::move(body);
  return response;
}

// One long-poll request while it waits: read, and if nothing matched, wait on the watermark and read again.
struct LongPoll {
  service::EventFeed& feed;
  std::int64_t after;
  std::size_t limit;
  service::EventTypeFilter filter;
  service::EventWatermark::Clock::time_point deadline;
  Responder respond;
  std::int64_t first_position = 0;
  std::int64_t last_position = 0;
};

void attempt(std::shared_ptr<LongPoll> poll) {
  const bool queued =
      poll->feed.read(poll->after, poll->limit, poll->filter, [poll](std::optional<service::EventPage> page) {
        if (!page) return poll->respond(store_failed());
        if (page->pruned) return poll->respond(pruned(*page));
        poll->after = page->next_after;
        poll->first_position = page->first_position;
        poll->last_position = page->last_position;
        if (!page->events.empty() || service::EventWatermark::Clock::now() >= poll->deadline)
          return poll->respond(
              page_response(page->events, page->next_after, page->first_position, page->last_position));
        poll->feed.watermark().wait_beyond(
            poll->after,
            [poll](bool advanced) {
              if (advanced) return attempt(poll);
              poll->respond(page_response({}, poll->after, poll->first_position, poll->last_position));
            },
            poll->deadline);
      });
  if (!queued) poll->respond(error_response(503, "shutting_down", "the server is shutting down"));
}

std::optional<std::int64_t> parse_position(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}
}  // namespace

void add_event_routes(Router& router, RestServices services) {
  router.add("GET", "/api/v1/events", [services](const Request& request, const PathParams&, Responder respond) {
    require_staff(services.auth, request, domain::Role::supervisor, domain::ApiScope::events_read);
    // No `after`: from the oldest entry held (the feed's -1), so a consumer starting afresh is never told 410.
    std::int64_t after = query_value(request.query, "after") ? query_int(request.query, "after", 0, 0, INT64_MAX) : -1;
    const auto limit = std::size_t(query_int(request.query, "limit", kDefaultLimit, 1, service::EventFeed::kMaxLimit));
    const auto wait = std::chrono::seconds(query_int(request.query, "wait", kDefaultWaitSeconds, 0, kMaxWaitSeconds));
    service::EventTypeFilter filter;
    if (auto types = query_value(request.query, "types")) {
      auto parsed = service::EventTypeFilter::parse(*types);
      if (!parsed)
        throw ApiError(400, "invalid_query", "'types' must be a comma list of types or prefixes ending in *");
      filter = std::move(*parsed);
    }
    const bool sse = request.accept.find("text/event-stream") != std::string::npos;
    if (!sse) {
      attempt(std::make_shared<LongPoll>(LongPoll{services.events, after, limit, std::move(filter),
                                                  service::EventWatermark::Clock::now() + wait, respond}));
      return;
    }
    if (!request.last_event_id.empty()) {
      auto resumed = parse_position(request.last_event_id);
      if (!resumed) throw ApiError(400, "invalid_field", "Last-Event-ID must be an event position");
      after = *resumed;
    }
    // The first read decides between 410 and the stream; the stream then starts after it again.
    const bool queued = services.events.read(
        after, 1, filter, [services, after, limit, filter, respond](std::optional<service::EventPage> page) {
          if (!page) return respond(store_failed());
          if (page->pruned) return respond(pruned(*page));
          Response response;
          response.status = 200;
          response.content_type = "text/event-stream";
          response.headers = {{"X-Accel-Buffering", "no"}};
          response.body = "retry: 3000\n\n";
          auto stream = std::make_shared<EventSseStream>(services.events, after, limit, filter);
          stream->idle_interval = services.event_heartbeat;
          response.stream = std::move(stream);
          respond(std::move(response));
        });
    if (!queued) respond(error_response(503, "shutting_down", "the server is shutting down"));
  });
}

}  // namespace livedesk::api
