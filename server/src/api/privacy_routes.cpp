// Privacy over REST (docs/api.md, "Privacy"): erasing a contact. Admins only (API tokens: `admin`).
#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

void add_privacy_routes(Router& router, RestServices services) {
  router.add("POST", "/api/v1/contacts/{id}/erase",
             [services](const Request& request, const PathParams& params, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::admin);
               const json::object body = parse_object_body(request);
               // An erasure cannot be undone: the caller says so in as many words.
               const auto* confirm = body.if_contains("confirm");
               if (!confirm || !confirm->is_bool() || !confirm->get_bool())
                 throw ApiError(400, "invalid_field", "an erasure cannot be undone: send {\"confirm\": true}");
               services.attachments.erase_contact(
                   actor, params.id("id"), reply<service::ErasureCounts>(respond, 200, [](const auto& counts) {
                     return json::object{{"erased",
                                          {{"conversations", counts.conversations},
                                           {"messages", counts.messages},
                                           {"attachments", counts.attachments}}}};
                   }));
             });
}

}  // namespace livedesk::api
