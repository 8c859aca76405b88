#include "app/event_log_reader.hpp"

#include <future>
#include <memory>

#include "service/event_json.hpp"
#include "support/json_log.hpp"

namespace livedesk::app {

bus::LogFollower::Reader event_log_reader(store::StoreExecutor& store, std::chrono::milliseconds timeout) {
  using Entries = std::vector<bus::LogFollower::Entry>;
  return [&store, timeout](std::int64_t after, std::size_t limit) -> std::optional<Entries> {
    auto answer = std::make_shared<std::promise<std::optional<Entries>>>();
    auto future = answer->get_future();
    const bool posted = store.post_read(
        [answer, after, limit](store::Store& s) {
          try {
            Entries entries;
            for (auto& record : s.events().read_after(after, limit))
              entries.push_back({record.position, service::logged_event(record)});
            answer->set_value(std::move(entries));
          } catch (const std::exception& error) {
            support::log_event(spdlog::level::warn, "event_log_read_failed", {{"error", error.what()}});
            answer->set_value(std::nullopt);
          }
        },
        [answer](const std::exception&) { answer->set_value(std::nullopt); });
    if (!posted || future.wait_for(timeout) != std::future_status::ready) return std::nullopt;
    return future.get();
  };
}

}  // namespace livedesk::app
