#include "app/demo_simulation.hpp"

#include <array>
#include <limits>

namespace livedesk::app {
namespace {
constexpr std::array customer_names{"Maya Chen",   "Jonas Weber", "Priya Nair", "Lucas Silva", "Emma Dubois",
                                    "Omar Haddad", "Sofia Rossi", "Kenji Sato", "Ava Johnson", "Noah Brown"};
constexpr std::array subjects{"Billing question", "Cannot log in",   "Refund request",
                              "Shipping delay",   "Upgrade my plan", "Bug in the mobile app"};
constexpr std::array customer_lines{"Hi, I need some help please.", "It started yesterday, after the update.",
                                    "I already tried restarting.",  "Order number is 48213.",
                                    "Great, that worked!",          "Thanks a lot for your help."};
constexpr std::array agent_lines{
    "Hello! Thanks for reaching out, I'm looking into it now.", "Could you tell me a bit more about what you see?",
    "Thanks, I found it. I've fixed that on our side.", "Is there anything else I can help you with?"};
}  // namespace

DemoSimulation::DemoSimulation(service::ChatService& chat, bus::EventBus& bus, const domain::Clock& clock,
                               std::vector<service::Actor> simulated_agents)
    : chat_(chat), clock_(clock), agents_(std::move(simulated_agents)) {
  bus.listen([this](const bus::Event& event) { on_event(event); });
}

void DemoSimulation::start() {
  for (const auto& agent : agents_) chat_.staff_connected(agent);
  std::lock_guard lock(mutex_);
  next_customer_ = clock_.now();
}

domain::TimePoint DemoSimulation::later(int min_seconds, int max_seconds) {
  std::uniform_int_distribution<int> ms(min_seconds * 1000, max_seconds * 1000);
  return clock_.now() + std::chrono::milliseconds(ms(random_));
}

bool DemoSimulation::is_simulated_agent(std::int64_t id) const {
  for (const auto& agent : agents_)
    if (agent.id == id) return true;
  return false;
}

void DemoSimulation::start_customer() {
  const auto index = std::size_t(started_++);
  service::calls::StartChat request;
  request.customer_name = customer_names[index % customer_names.size()];
  request.email = "demo.customer" + std::to_string(index % 40) + "@example.com";
  request.subject = subjects[index % subjects.size()];
  request.first_message = customer_lines[0];
  chat_.call(request, [this, name = request.customer_name](service::Outcome<service::ChatStartedWithToken> outcome) {
    auto* started = std::get_if<service::ChatStartedWithToken>(&outcome);
    if (!started) return;
    std::lock_guard lock(mutex_);
    Customer customer;
    customer.actor = service::Actor::customer(started->started.customer_id, started->started.session.id);
    customer.name = name;
    customer.lines_sent = 1;
    customer.next_action = later(8, 20);
    customers_[started->started.session.id] = customer;
  });
}

void DemoSimulation::on_event(const bus::Event& event) {
  std::lock_guard lock(mutex_);
  if (auto* changed = std::get_if<bus::SessionChanged>(&event)) {
    // Simulated agents greet every chat they get, a simulated customer's or a real one's.
    if (changed->change == "assigned" && changed->session.agent && is_simulated_agent(changed->session.agent->id))
      replies_.push_back(
          {changed->session.id, service::Actor::staff(changed->session.agent->id, domain::Role::agent), later(2, 5)});
    auto it = customers_.find(changed->session.id);
    if (it == customers_.end()) return;
    it->second.agent_id = changed->session.agent ? std::optional(changed->session.agent->id) : std::nullopt;
    if (changed->session.status == "closed") {
      it->second.closed = true;
      it->second.next_action = later(2, 6);  // then rate
    }
  } else if (auto* message = std::get_if<bus::MessageCreated>(&event)) {
    const auto& m = message->message;
    if (m.sender_type != "customer" || !message->agent_id || !is_simulated_agent(*message->agent_id)) return;
    replies_.push_back({m.session_id, service::Actor::staff(*message->agent_id, domain::Role::agent), later(3, 8)});
  }
}

void DemoSimulation::tick() {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  if (now >= next_customer_ && customers_.size() < 12) {
    start_customer();
    next_customer_ = later(6, 25);
  }
  // Agents answer; after a few lines they close the chat.
  for (auto it = replies_.begin(); it != replies_.end();) {
    if (it->at > now) {
      ++it;
      continue;
    }
    int& lines = agent_lines_[it->session_id];
    chat_.call(service::calls::Receipt{it->agent, it->session_id, std::numeric_limits<std::int64_t>::max(), "read"},
               [](auto) {});
    if (lines < int(agent_lines.size())) {
      service::NewMessage reply;
      reply.body = agent_lines[std::size_t(lines++)];
      chat_.call(service::calls::SendMessage{it->agent, it->session_id, reply}, [](auto) {});
    } else {
      chat_.call(service::calls::Close{it->agent, it->session_id}, [](auto) {});
    }
    it = replies_.erase(it);
  }
  // Customers write now and then, then rate once the chat is closed.
  for (auto it = customers_.begin(); it != customers_.end();) {
    Customer& c = it->second;
    if (c.next_action > now) {
      ++it;
      continue;
    }
    if (c.closed) {
      std::uniform_int_distribution<int> stars(3, 5);
      chat_.call(service::calls::Rate{c.actor, it->first, stars(random_), ""}, [](auto) {});
      agent_lines_.erase(it->first);
      it = customers_.erase(it);
      continue;
    }
    chat_.call(service::calls::Receipt{c.actor, it->first, std::numeric_limits<std::int64_t>::max(), "read"},
               [](auto) {});
    if (c.agent_id && c.lines_sent < int(customer_lines.size()) - 1) {
      service::NewMessage line;
      line.body = customer_lines[std::size_t(c.lines_sent++)];
      chat_.call(service::calls::SendMessage{c.actor, it->first, line}, [](auto) {});
    } else if (c.agent_id && c.lines_sent >= int(customer_lines.size()) - 1 && agent_lines_[it->first] >= 3) {
      service::NewMessage thanks;
      thanks.body = customer_lines.back();
      chat_.call(service::calls::SendMessage{c.actor, it->first, thanks}, [](auto) {});
      chat_.call(service::calls::Close{c.actor, it->first}, [](auto) {});
    }
    c.next_action = later(10, 25);
    ++it;
  }
}

}  // namespace livedesk::app
