#pragma once
// The customer and agent WebSocket protocols (docs/api.md): auth with a
// customer or staff token, resume from a seq, then chat frames.
#include <memory>

#include "api/ws_connection.hpp"
#include "realtime/topic_hub.hpp"
#include "service/auth_service.hpp"
#include "service/chat_service.hpp"

namespace livedesk::api {

// /api/v1/chat/ws
class CustomerWsEndpoint final : public WsEndpoint {
 public:
  CustomerWsEndpoint(service::ChatService& chat, realtime::TopicHub& hub) : chat_(chat), hub_(hub) {}
  std::shared_ptr<WsHandler> open(std::shared_ptr<WsConnection> connection) override;

 private:
  service::ChatService& chat_;
  realtime::TopicHub& hub_;
};

// /api/v1/agent/ws
class AgentWsEndpoint final : public WsEndpoint {
 public:
  AgentWsEndpoint(service::ChatService& chat, const service::AuthService& auth, realtime::TopicHub& hub)
      : chat_(chat), auth_(auth), hub_(hub) {}
  std::shared_ptr<WsHandler> open(std::shared_ptr<WsConnection> connection) override;

 private:
  service::ChatService& chat_;
  const service::AuthService& auth_;
  realtime::TopicHub& hub_;
};

}  // namespace livedesk::api
