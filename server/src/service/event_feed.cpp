#include "service/event_feed.hpp"

#include <boost/json.hpp>

#include "service/event_json.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {
namespace json = boost::json;

namespace {
// A filtered page scans at most this many rows, so a rare type does not read the whole log in one job.
constexpr std::size_t kScanBatch = 500;
constexpr std::size_t kMaxScanned = 10'000;
}  // namespace

std::optional<EventTypeFilter> EventTypeFilter::parse(std::string_view list) {
  EventTypeFilter filter;
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    if (name.empty()) return std::nullopt;
    const auto star = name.find('*');
    if (star == std::string_view::npos) {
      filter.exact.emplace_back(name);
    } else {
      if (star != name.size() - 1) return std::nullopt;
      filter.prefixes.emplace_back(name.substr(0, star));
    }
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
    if (list.empty()) return std::nullopt;
  }
  return filter;
}

bool EventTypeFilter::matches(std::string_view type) const {
  if (exact.empty() && prefixes.empty()) return true;
  for (const auto& name : exact)
    if (type == name) return true;
  for (const auto& prefix : prefixes)
    if (type.starts_with(prefix)) return true;
  return false;
}

bool EventFeed::read(std::int64_t after, std::size_t limit, EventTypeFilter filter,
                     std::function<void(std::optional<EventPage>)> done) {
  limit = std::clamp<std::size_t>(limit, 1, kMaxLimit);
  return store_.post_read(
      [this, after, limit, filter = std::move(filter), done](store::Store& store) {
        EventPage page;
        try {
          auto& log = store.events();
          page.last_position = log.last_position();
          page.first_position = log.first_position();
          page.next_after = after < 0 ? page.first_position - 1 : after;
          if (after >= 0 && after < page.first_position - 1) {
            page.pruned = true;
          } else {
            std::size_t scanned = 0;
            while (page.events.size() < limit && scanned < kMaxScanned) {
              const auto rows = log.read_after(page.next_after, filter.exact.empty() && filter.prefixes.empty()
                                                                    ? limit - page.events.size()
                                                                    : kScanBatch);
              for (const auto& row : rows) {
                page.next_after = row.position;
                if (filter.matches(row.type))
                  page.events.push_back(StreamEvent{row.position, row.type, json::serialize(event_json(row))});
                if (page.events.size() == limit) break;
              }
              scanned += rows.size();
              if (rows.empty() || page.next_after >= page.last_position) break;
            }
          }
        } catch (const std::exception&) {
          return done(std::nullopt);
        }
        watermark_.advance(page.last_position);
        done(std::move(page));
      },
      [done](const std::exception&) { done(std::nullopt); });
}

void EventFeed::tick() {
  const auto now = EventWatermark::Clock::now();
  watermark_.expire(now);
  if (watermark_.waiting() == 0 || now - last_poll_ < poll_interval_) return;
  if (polling_.exchange(true)) return;
  last_poll_ = now;
  const bool queued = store_.post_read(
      [this](store::Store& store) {
        try {
          watermark_.advance(store.events().last_position());
        } catch (const std::exception&) {
          // The next tick asks again.
        }
        polling_ = false;
      },
      [this](const std::exception&) { polling_ = false; });
  if (!queued) polling_ = false;
}

}  // namespace livedesk::service
