#pragma once
// The webhook admin routes (docs/api.md, "Webhooks"), registered apart from add_rest_routes because they need
// the WebhookService only. Admins, or API tokens with webhooks:manage. The service outlives the router.
#include "api/router.hpp"
#include "service/auth_service.hpp"
#include "service/webhook_service.hpp"

namespace livedesk::api {

void add_webhook_routes(Router& router, service::AuthService& auth, service::WebhookService& webhooks);

}  // namespace livedesk::api
