#include "app/event_log_reader.hpp"

#include <future>
#include <memory>
#include <thread>

#include "service/event_json.hpp"
#include "support/json_log.hpp"

namespace livedesk::app {

namespace {
using Entries = std::vector<bus::LogFollower::Entry>;

std::optional<Entries> read_once(store::StoreExecutor& store, std::int64_t after, std::size_t limit,
                                 std::chrono::milliseconds timeout) {
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
}
}  // namespace

bus::LogFollower::Reader event_log_reader(store::StoreExecutor& store, std::chrono::milliseconds timeout,
                                          std::chrono::milliseconds retry_for) {
  return [&store, timeout, retry_for](std::int64_t after, std::size_t limit) -> std::optional<Entries> {
    // The database restarting is the usual reason a read fails, and the usual reason a node
    // looks for missed events at all: a short wait beats making every client reconnect.
    const auto until = std::chrono::steady_clock::now() + retry_for;
    for (;;) {
      if (auto entries = read_once(store, after, limit, timeout)) return entries;
      if (std::chrono::steady_clock::now() >= until) return std::nullopt;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  };
}

}  // namespace livedesk::app
