// The customer's socket: one session, opened by its customer_token.
#include "api/chat_ws.hpp"
#include "api/chat_ws_common.hpp"
#include "api/topics.hpp"
#include "api/ws_protocol.hpp"
#include "realtime/resume_gate.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
// Receives control frames for a customer's socket: sends the frame, then closes (1008).
class ClosingSubscriber final : public realtime::Subscriber {
 public:
  explicit ClosingSubscriber(std::weak_ptr<WsConnection> connection) : connection_(std::move(connection)) {}
  void deliver(const realtime::Frame& frame) override {
    if (auto connection = connection_.lock()) {
      connection->send(frame);
      connection->close(1008, "customer blocked");
    }
  }

 private:
  std::weak_ptr<WsConnection> connection_;
};

class CustomerWs final : public WsProtocol {
 public:
  CustomerWs(std::shared_ptr<WsConnection> connection, service::ChatService& chat, realtime::TopicHub& hub)
      : WsProtocol(std::move(connection)), chat_(chat), hub_(hub) {}

  void on_closed() override {
    hub_.unsubscribe_all(connection_.get());
    if (gate_) hub_.unsubscribe_all(gate_.get());
    if (control_) hub_.unsubscribe_all(control_.get());
    if (actor_) chat_.customer_disconnected(actor_->session_id);
  }

 protected:
  bool authenticate(const json::object& data) override {
    const json::value* token = data.if_contains("token");
    if (!token || !token->is_string()) return fail_auth("auth needs a string token"), false;
    auto actor = chat_.verify_customer(token->get_string());
    if (!actor) return fail_auth("invalid or expired customer token"), false;
    std::int64_t last_seq = 0;
    if (const json::value* seq = data.if_contains("last_seq"); seq && seq->is_int64()) last_seq = seq->get_int64();
    actor_ = actor;
    control_ = std::make_shared<ClosingSubscriber>(connection_);
    hub_.subscribe(topics::customer_control(actor->session_id), control_);
    chat_.customer_connected(actor->session_id);
    const auto session_id = actor->session_id;
    // Subscribed before anything is read: see realtime/resume_gate.hpp.
    gate_ = std::make_shared<realtime::ResumeGate>(connection_);
    hub_.subscribe(topics::customer_of(session_id), gate_);
    auto connection = connection_;
    chat_.call(service::calls::GetSession{*actor, session_id}, [this_ = shared_from_this(), connection, gate = gate_,
                                                                actor = *actor, last_seq, session_id](
                                                                   service::Outcome<domain::SessionView> outcome) {
      if (const auto* error = std::get_if<service::ChatError>(&outcome)) {
        send_if_error(*connection, outcome);
        // 503: no node could decide just now (a leader is being elected); the client retries.
        return error->http_status == 503 ? connection->close(1013, "try again later")
                                         : connection->close(1008, "unknown session");
      }
      auto welcome = event_frame("auth_success", {{"session_id", session_id},
                                                  {"session", session_json(std::get<domain::SessionView>(outcome))}});
      auto* self = static_cast<CustomerWs*>(this_.get());
      self->chat_.call(service::calls::Resume{actor, session_id, last_seq},
                       [connection, gate, welcome, session_id,
                        last_seq](service::Outcome<std::vector<domain::MessageView>> history) {
                         // The gate stays shut without its history: the client must come back and resume.
                         if (send_if_error(*connection, history)) return connection->close(1013, "try again later");
                         std::vector<realtime::Frame> frames{welcome};
                         std::map<std::int64_t, std::int64_t> covered{{session_id, last_seq}};
                         append_history(frames, covered, std::get<std::vector<domain::MessageView>>(history));
                         gate->open(frames, covered);
                       });
    });
    return true;
  }

  bool handle(std::string_view type, const json::object& data) override {
    const auto& actor = *actor_;
    const auto session_id = actor.session_id;
    if (type == "send_message") {
      auto message = new_message_from(data);
      auto client_msg_id = message.client_msg_id;
      chat_.call(service::calls::SendMessage{actor, session_id, std::move(message)},
                 ack_to(connection_, client_msg_id));
    } else if (type == "typing") {
      chat_.call(service::calls::Typing{actor, session_id, frame_bool(data, "is_typing")},
                 [](service::Outcome<bool>) {});
    } else if (type == "receipt") {
      chat_.call(
          service::calls::Receipt{actor, session_id, frame_int(data, "up_to_seq"), frame_string(data, "status", 16)},
          [connection = connection_](service::Outcome<std::int64_t> outcome) { send_if_error(*connection, outcome); });
    } else if (type == "close") {
      chat_.call(service::calls::Close{actor, session_id},
                 [connection = connection_](service::Outcome<domain::SessionView> outcome) {
                   send_if_error(*connection, outcome);  // success arrives as session_update
                 });
    } else if (type == "rate") {
      const auto rating = frame_int(data, "rating");
      chat_.call(
          service::calls::Rate{actor, session_id, int(std::clamp<std::int64_t>(rating, -1, 6)),
                               frame_optional_string(data, "comment", 2000).value_or("")},
          [connection = connection_](service::Outcome<domain::SessionView> outcome) {
            if (send_if_error(*connection, outcome)) return;
            connection->send(event_frame("rated", {{"session", session_json(std::get<domain::SessionView>(outcome))}}));
          });
    } else {
      return false;
    }
    return true;
  }

 private:
  service::ChatService& chat_;
  realtime::TopicHub& hub_;
  std::optional<service::Actor> actor_;
  std::shared_ptr<ClosingSubscriber> control_;
  std::shared_ptr<realtime::ResumeGate> gate_;  // the socket's subscription to its session (the hub holds it weakly)
};
}  // namespace

std::shared_ptr<WsHandler> CustomerWsEndpoint::open(std::shared_ptr<WsConnection> connection) {
  return std::make_shared<CustomerWs>(std::move(connection), chat_, hub_);
}

}  // namespace livedesk::api
