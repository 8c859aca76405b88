#pragma once
// Registers every REST route on a Router. The services outlive the router.
#include <chrono>

#include "api/router.hpp"
#include "service/account_service.hpp"
#include "service/api_token_service.hpp"
#include "service/attachment_service.hpp"
#include "service/auth_service.hpp"
#include "service/chat_service.hpp"
#include "service/event_feed.hpp"
#include "service/readiness.hpp"

namespace livedesk::api {

// What the REST handlers call into; wired by app/.
struct RestServices {
  service::AuthService& auth;
  service::AccountService& accounts;
  service::Readiness& readiness;
  service::ChatService& chat;
  service::AttachmentService& attachments;
  service::ApiTokenService& api_tokens;
  service::EventFeed& events;
  std::chrono::milliseconds event_heartbeat{15'000};  // SSE comment heartbeat (--event-stream-heartbeat-ms)
};

void add_auth_routes(Router& router, RestServices services);
void add_health_routes(Router& router, RestServices services);
void add_openapi_routes(Router& router);
void add_staff_routes(Router& router, RestServices services);
void add_chat_routes(Router& router, RestServices services);
void add_dashboard_routes(Router& router, RestServices services);
void add_transfer_routes(Router& router, RestServices services);
void add_note_routes(Router& router, RestServices services);
void add_canned_routes(Router& router, RestServices services);
void add_block_routes(Router& router, RestServices services);
void add_api_token_routes(Router& router, RestServices services);
void add_event_routes(Router& router, RestServices services);
// Tags and dispositions (#14)
void add_tag_routes(Router& router, RestServices services);
void add_disposition_routes(Router& router, RestServices services);

inline void add_rest_routes(Router& router, RestServices services) {
  add_auth_routes(router, services);
  add_health_routes(router, services);
  add_openapi_routes(router);
  add_staff_routes(router, services);
  add_chat_routes(router, services);
  add_dashboard_routes(router, services);
  add_transfer_routes(router, services);
  add_note_routes(router, services);
  add_canned_routes(router, services);
  add_block_routes(router, services);
  add_api_token_routes(router, services);
  add_event_routes(router, services);
  // Tags and dispositions (#14)
  add_tag_routes(router, services);
  add_disposition_routes(router, services);
}

}  // namespace livedesk::api
