#include "api/dashboard_ws.hpp"

#include <algorithm>
#include <set>

#include "api/chat_json.hpp"
#include "api/dashboard_json.hpp"
#include "api/topics.hpp"
#include "api/ws_protocol.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
const std::set<std::string, std::less<>> push_types{
    "queue_depth_changed", "session_update", "agent_status_changed", "message_created",
    "typing_indicator",    "queue_updated",  "metrics_updated",      "active_sessions_updated"};
// High-volume pushes a dashboard must ask for.
const std::set<std::string, std::less<>> opt_in_types{"message_created", "typing_indicator"};

class DashboardWs final : public WsProtocol {
 public:
  DashboardWs(std::shared_ptr<WsConnection> connection, service::ChatService& chat, const service::AuthService& auth,
              realtime::TopicHub& hub)
      : WsProtocol(std::move(connection)), chat_(chat), auth_(auth), hub_(hub) {}

  void on_closed() override { hub_.unsubscribe_all(connection_.get()); }

 protected:
  bool authenticate(const json::object& data) override {
    auto principal = staff_from(data, auth_);
    if (!principal) return false;
    if (!domain::has_at_least(principal->role, domain::Role::supervisor))
      return fail_auth("the dashboard needs the supervisor or admin role"), false;
    watcher_ = service::Actor::staff(principal->user_id, principal->role, principal->username);
    connection_->send(
        event_frame("auth_success", {{"user_id", principal->user_id}, {"role", domain::to_string(principal->role)}}));
    for (const auto& type : push_types)
      if (!opt_in_types.count(type)) subscribe(type);
    return true;
  }

  bool handle(std::string_view type, const json::object& data) override {
    auto connection = connection_;
    if (type == "request_session_update") {
      const json::value* id = data.if_contains("session_id");
      if (!id || id->is_null()) {
        chat_.call(
            service::calls::ListActive{}, [connection](service::Outcome<std::vector<domain::SessionView>> outcome) {
              if (auto* list = std::get_if<std::vector<domain::SessionView>>(&outcome))
                return connection->send(event_frame("active_sessions_updated", {{"sessions", sessions_json(*list)}}));
              connection->send(error_frame("unavailable", "the sessions could not be read"));
            });
        return true;
      }
      const auto session_id = frame_int(data, "session_id");
      auto supervisor = service::Actor::staff(0, domain::Role::supervisor);
      chat_.call(service::calls::GetSession{supervisor, session_id},
                 [connection](service::Outcome<domain::SessionView> outcome) {
                   if (auto* error = std::get_if<service::ChatError>(&outcome))
                     return connection->send(error_frame(error->code, error->message));
                   connection->send(event_frame("session_update",
                                                {{"session", session_json(std::get<domain::SessionView>(outcome))}}));
                 });
    } else if (type == "request_queue_update") {
      chat_.call(service::calls::ListWaiting{},
                 [connection](service::Outcome<std::vector<domain::SessionView>> outcome) {
                   if (auto* list = std::get_if<std::vector<domain::SessionView>>(&outcome))
                     return connection->send(event_frame("queue_updated", queue_json(*list)));
                   connection->send(error_frame("unavailable", "the queue could not be read"));
                 });
    } else if (type == "request_metrics_update") {
      chat_.call(service::calls::GetMetrics{}, [connection](service::Outcome<domain::MetricsView> outcome) {
        if (auto* m = std::get_if<domain::MetricsView>(&outcome))
          return connection->send(event_frame("metrics_updated", {{"metrics", metrics_json(*m)}}));
        connection->send(error_frame("unavailable", "the metrics could not be read"));
      });
    } else if (type == "watch" || type == "unwatch") {
      // Silent monitoring: the chat's messages, typing, notes and whispers, unseen by customer and agent.
      const auto session_id = frame_int(data, "session_id");
      if (type == "unwatch") {
        hub_.unsubscribe(topics::watchers_of(session_id), connection.get());
        connection->send(event_frame("unwatched", {{"session_id", session_id}}));
        return true;
      }
      chat_.call(service::calls::Watch{watcher_, session_id}, [connection, &hub = hub_,
                                                               session_id](service::Outcome<bool> outcome) {
        const bool allowed = std::holds_alternative<bool>(outcome) && std::get<bool>(outcome);
        if (!allowed)
          return connection->send(error_frame("not_found", "no open session: " + std::to_string(session_id)));
        hub.subscribe(topics::watchers_of(session_id), connection);
        connection->send(event_frame("watching", {{"session_id", session_id}}));
      });
    } else if (type == "subscribe" || type == "unsubscribe") {
      const json::value* list = data.if_contains("event_types");
      if (!list || !list->is_array()) throw FrameError("event_types must be an array of push type names");
      std::vector<std::string> names;
      for (const auto& name : list->as_array()) {
        if (!name.is_string() || !push_types.count(name.get_string()))
          throw FrameError("unknown event type in event_types; nothing changed");
        names.emplace_back(name.get_string());
      }
      for (const auto& name : names) type == "subscribe" ? subscribe(name) : unsubscribe(name);
      json::array current;
      for (const auto& name : subscribed_) current.push_back(json::string(name));
      connection_->send(event_frame("subscribed", {{"event_types", std::move(current)}}));
    } else {
      return false;
    }
    return true;
  }

 private:
  void subscribe(const std::string& type) {
    if (subscribed_.insert(type).second) hub_.subscribe(topics::floor(type), connection_);
  }
  void unsubscribe(const std::string& type) {
    if (subscribed_.erase(type)) hub_.unsubscribe(topics::floor(type), connection_.get());
  }

  service::ChatService& chat_;
  const service::AuthService& auth_;
  realtime::TopicHub& hub_;
  std::set<std::string> subscribed_;
  service::Actor watcher_;
};
}  // namespace

std::shared_ptr<WsHandler> DashboardWsEndpoint::open(std::shared_ptr<WsConnection> connection) {
  return std::make_shared<DashboardWs>(std::move(connection), chat_, auth_, hub_);
}

}  // namespace livedesk::api
