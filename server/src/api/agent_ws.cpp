// The agent console's socket: any staff token; the agent's own chats live,
// plus the floor's session, queue and status changes.
#include "api/chat_ws.hpp"
#include "api/chat_ws_common.hpp"
#include "api/topics.hpp"
#include "api/ws_protocol.hpp"
#include "domain/agent_status.hpp"
#include "realtime/resume_gate.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
class AgentWs final : public WsProtocol {
 public:
  AgentWs(std::shared_ptr<WsConnection> connection, service::ChatService& chat, const service::AuthService& auth,
          realtime::TopicHub& hub)
      : WsProtocol(std::move(connection)), chat_(chat), auth_(auth), hub_(hub) {}

  void on_closed() override {
    hub_.unsubscribe_all(connection_.get());
    if (gate_) hub_.unsubscribe_all(gate_.get());
    if (actor_) chat_.staff_disconnected(*actor_);
  }

 protected:
  bool authenticate(const json::object& data) override {
    auto principal = staff_from(data, auth_);
    if (!principal) return false;
    std::vector<std::pair<std::int64_t, std::int64_t>> resume;
    if (const json::value* r = data.if_contains("resume"); r && r->is_object()) {
      for (const auto& [key, value] : r->as_object()) {
        try {
          if (value.is_int64()) resume.emplace_back(std::stoll(std::string(key)), value.get_int64());
        } catch (const std::exception&) {
        }
      }
    }
    actor_ = service::Actor::staff(principal->user_id, principal->role, principal->username);
    chat_.staff_connected(*actor_);
    // Subscribed before anything is read: see realtime/resume_gate.hpp.
    gate_ = std::make_shared<realtime::ResumeGate>(connection_);
    for (const char* type :
         {"session_update", "queue_depth_changed", "agent_status_changed", "canned_update", "block_update"})
      hub_.subscribe(topics::floor(type), gate_);
    hub_.subscribe(topics::agent(principal->user_id), gate_);
    std::map<std::int64_t, std::int64_t> covered(resume.begin(), resume.end());
    chat_.call(
        service::calls::ResumeAgent{*actor_, std::move(resume)},
        [connection = connection_, gate = gate_, principal = *principal,
         covered](service::Outcome<service::AgentResume> outcome) mutable {
          if (send_if_error(*connection, outcome)) return connection->close(1013, "try again later");
          auto& result = std::get<service::AgentResume>(outcome);
          json::array sessions;
          for (const auto& session : result.sessions) sessions.push_back(session_json(session));
          std::vector<realtime::Frame> frames{event_frame("auth_success", {{"user_id", principal.user_id},
                                                                           {"role", domain::to_string(principal.role)},
                                                                           {"status", result.status},
                                                                           {"sessions", std::move(sessions)}})};
          append_history(frames, covered, result.missed);
          gate->open(frames, covered);
        });
    return true;
  }

  bool handle(std::string_view type, const json::object& data) override {
    const auto& actor = *actor_;
    auto connection = connection_;
    if (type == "send_message") {
      const auto session_id = frame_int(data, "session_id");
      auto message = new_message_from(data);
      auto client_msg_id = message.client_msg_id;
      chat_.call(service::calls::SendMessage{actor, session_id, std::move(message)}, ack_to(connection, client_msg_id));
    } else if (type == "typing") {
      chat_.call(service::calls::Typing{actor, frame_int(data, "session_id"), frame_bool(data, "is_typing")},
                 [](service::Outcome<bool>) {});
    } else if (type == "receipt") {
      chat_.call(service::calls::Receipt{actor, frame_int(data, "session_id"), frame_int(data, "up_to_seq"),
                                         frame_string(data, "status", 16)},
                 [connection](service::Outcome<std::int64_t> outcome) { send_if_error(*connection, outcome); });
    } else if (type == "take") {
      chat_.call(service::calls::Take{actor, frame_int(data, "session_id")},
                 [connection](service::Outcome<domain::SessionView> outcome) { send_if_error(*connection, outcome); });
    } else if (type == "close") {
      // Tags and dispositions (#14): an optional disposition_id.
      std::optional<std::int64_t> disposition_id;
      if (const auto* d = data.if_contains("disposition_id"); d && !d->is_null())
        disposition_id = frame_int(data, "disposition_id");
      chat_.call(service::calls::Close{actor, frame_int(data, "session_id"), disposition_id},
                 [connection](service::Outcome<domain::SessionView> outcome) { send_if_error(*connection, outcome); });
    } else if (type == "watch" || type == "unwatch") {
      const auto session_id = frame_int(data, "session_id");
      if (type == "unwatch") {
        hub_.unsubscribe(topics::watchers_of(session_id), connection.get());
        return true;
      }
      chat_.call(service::calls::Watch{actor, session_id},
                 [connection, &hub = hub_, session_id](service::Outcome<bool> outcome) {
                   const bool allowed = std::holds_alternative<bool>(outcome) && std::get<bool>(outcome);
                   if (!allowed)
                     return connection->send(
                         error_frame("not_found", "no open session you may watch: " + std::to_string(session_id)));
                   hub.subscribe(topics::watchers_of(session_id), connection);
                   connection->send(event_frame("watching", {{"session_id", session_id}}));
                 });
    } else if (type == "set_status") {
      auto status = domain::parse_agent_status(frame_string(data, "status", 16));
      if (!status) throw FrameError("status must be active, idle, in_call or offline");
      chat_.call(service::calls::SetStatus{actor, *status}, [connection](service::Outcome<std::string> outcome) {
        if (send_if_error(*connection, outcome)) return;
        connection->send(event_frame("status", {{"status", std::get<std::string>(outcome)}}));
      });
    } else {
      return false;
    }
    return true;
  }

 private:
  service::ChatService& chat_;
  const service::AuthService& auth_;
  realtime::TopicHub& hub_;
  std::optional<service::Actor> actor_;
  std::shared_ptr<realtime::ResumeGate> gate_;  // the socket's floor and agent subscriptions (the hub holds it weakly)
};
}  // namespace

std::shared_ptr<WsHandler> AgentWsEndpoint::open(std::shared_ptr<WsConnection> connection) {
  return std::make_shared<AgentWs>(std::move(connection), chat_, auth_, hub_);
}

}  // namespace livedesk::api
