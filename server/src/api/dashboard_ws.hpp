#pragma once
// The contract's dashboard WebSocket: /api/v1/admin/chat-dashboard/ws.
#include "api/ws_connection.hpp"
#include "realtime/topic_hub.hpp"
#include "service/auth_service.hpp"
#include "service/chat_service.hpp"

namespace livedesk::api {

class DashboardWsEndpoint final : public WsEndpoint {
 public:
  DashboardWsEndpoint(service::ChatService& chat, const service::AuthService& auth, realtime::TopicHub& hub)
      : chat_(chat), auth_(auth), hub_(hub) {}
  std::shared_ptr<WsHandler> open(std::shared_ptr<WsConnection> connection) override;

 private:
  service::ChatService& chat_;
  const service::AuthService& auth_;
  realtime::TopicHub& hub_;
};

}  // namespace livedesk::api
