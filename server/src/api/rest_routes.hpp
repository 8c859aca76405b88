#pragma once
// Registers every REST route on a Router. The services outlive the router.
#include "api/router.hpp"
#include "service/account_service.hpp"
#include "service/attachment_service.hpp"
#include "service/auth_service.hpp"
#include "service/chat_service.hpp"
#include "service/readiness.hpp"

namespace livedesk::api {

// What the REST handlers call into; wired by app/.
struct RestServices {
  service::AuthService& auth;
  service::AccountService& accounts;
  service::Readiness& readiness;
  service::ChatService& chat;
  service::AttachmentService& attachments;
};

void add_auth_routes(Router& router, RestServices services);
void add_health_routes(Router& router, RestServices services);
void add_staff_routes(Router& router, RestServices services);
void add_chat_routes(Router& router, RestServices services);
void add_dashboard_routes(Router& router, RestServices services);
void add_transfer_routes(Router& router, RestServices services);
void add_note_routes(Router& router, RestServices services);
void add_canned_routes(Router& router, RestServices services);
void add_block_routes(Router& router, RestServices services);

inline void add_rest_routes(Router& router, RestServices services) {
  add_auth_routes(router, services);
  add_health_routes(router, services);
  add_staff_routes(router, services);
  add_chat_routes(router, services);
  add_dashboard_routes(router, services);
  add_transfer_routes(router, services);
  add_note_routes(router, services);
  add_canned_routes(router, services);
  add_block_routes(router, services);
}

}  // namespace livedesk::api
