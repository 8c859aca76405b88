// Customer blocks over REST (docs/api.md, "Agent tools").
#include "api/api_error.hpp"
#include "api/chat_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/query_params.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

void add_block_routes(Router& router, RestServices services) {
  auto& chat = services.chat;
  router.add("GET", "/api/v1/blocks", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    require_staff_actor(services.auth, request, domain::Role::agent);
    chat.call(service::calls::ListBlocks{}, reply<std::vector<domain::BlockView>>(respond, 200, [](const auto& list) {
                json::array out;
                for (const auto& b : list) out.push_back(block_json(b));
                return json::object{{"blocks", std::move(out)}};
              }));
  });
  router.add("POST", "/api/v1/blocks", [services, &chat](const Request& request, const PathParams&, Responder respond) {
    const auto actor = require_staff_actor(services.auth, request, domain::Role::supervisor);
    const json::object body = parse_object_body(request);
    auto customer_id = optional_int(body, "customer_id");
    auto email = optional_string(body, "email", 254);
    if (!customer_id && !email) throw ApiError(400, "missing_field", "give customer_id or email");
    chat.call(
        service::calls::BlockCustomer{actor, customer_id, email, optional_string(body, "reason", 1000).value_or("")},
        reply<domain::BlockView>(respond, 201, [](const auto& b) {
          return json::object{{"block", block_json(b)}};
        }));
  });
  router.add("DELETE", "/api/v1/blocks",
             [services, &chat](const Request& request, const PathParams&, Responder respond) {
               const auto actor = require_staff_actor(services.auth, request, domain::Role::supervisor);
               auto email = query_value(request.query, "email");
               if (!email || email->empty()) throw ApiError(400, "invalid_query", "give ?email=");
               chat.call(service::calls::UnblockCustomer{actor, *email},
                         reply<domain::BlockView>(respond, 200, [](const auto& b) {
                           return json::object{{"block", block_json(b)}};
                         }));
             });
}

}  // namespace livedesk::api
