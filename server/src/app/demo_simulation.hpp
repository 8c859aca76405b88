#pragma once
// --demo: simulated customers who start chats at a gentle, varying rate,
// write, wait and rate; and simulated agents (bob, carol) who answer them, so
// the dashboard moves from the first second. A person logged in as a demo
// agent (alice) takes real chats beside them. Uses only the ChatService, as a
// client of the service layer would. tick() runs on an io thread; events and
// answers arrive on the store thread; a mutex guards the script's state.
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <vector>

#include "bus/event_bus.hpp"
#include "domain/clock.hpp"
#include "service/chat_service.hpp"

namespace livedesk::app {

class DemoSimulation {
 public:
  DemoSimulation(service::ChatService& chat, bus::EventBus& bus, const domain::Clock& clock,
                 std::vector<service::Actor> simulated_agents);
  // Brings the simulated agents online; call once the server is ready.
  void start();
  // Advances the script; call about once a second.
  void tick();

 private:
  struct Customer {
    service::Actor actor;
    std::string name;
    int lines_sent = 0;
    std::optional<std::int64_t> agent_id;
    bool closed = false;
    domain::TimePoint next_action{};
  };
  struct PendingReply {
    std::int64_t session_id;
    service::Actor agent;
    domain::TimePoint at;
  };
  void on_event(const bus::Event& event);
  void start_customer();
  domain::TimePoint later(int min_seconds, int max_seconds);
  bool is_simulated_agent(std::int64_t id) const;

  service::ChatService& chat_;
  const domain::Clock& clock_;
  std::vector<service::Actor> agents_;
  std::mutex mutex_;
  std::mt19937 random_{20261124};
  std::map<std::int64_t, Customer> customers_;  // by session id
  std::vector<PendingReply> replies_;
  std::map<std::int64_t, int> agent_lines_;  // session -> agent replies so far
  domain::TimePoint next_customer_{};
  int started_ = 0;
};

}  // namespace livedesk::app
