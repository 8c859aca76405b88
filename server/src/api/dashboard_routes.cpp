// The contract's dashboard REST (supervisor or admin): initial load and polling.
#include "api/api_error.hpp"
#include "api/dashboard_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/rest_routes.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {}  // namespace

void add_dashboard_routes(Router& router, RestServices services) {
  constexpr auto base = "/api/v1/admin/chat-dashboard";
  router.add(
      "GET", std::string(base) + "/overview", [services](const Request& request, const PathParams&, Responder respond) {
        require_staff(services.auth, request, domain::Role::supervisor, domain::ApiScope::dashboard_read);
        services.chat.call(service::calls::GetMetrics{},
                           reply<domain::MetricsView>(respond, 200, [](const auto& m) { return metrics_json(m); }));
      });
  router.add("GET", std::string(base) + "/sessions/active",
             [services](const Request& request, const PathParams&, Responder respond) {
               require_staff(services.auth, request, domain::Role::supervisor, domain::ApiScope::dashboard_read);
               services.chat.call(service::calls::ListActive{},
                                  reply<std::vector<domain::SessionView>>(respond, 200, [](const auto& list) {
                                    return json::object{{"sessions", sessions_json(list)}};
                                  }));
             });
  router.add("GET", std::string(base) + "/sessions/waiting",
             [services](const Request& request, const PathParams&, Responder respond) {
               require_staff(services.auth, request, domain::Role::supervisor, domain::ApiScope::dashboard_read);
               services.chat.call(service::calls::ListWaiting{},
                                  reply<std::vector<domain::SessionView>>(respond, 200, queue_json));
             });
  router.add("GET", std::string(base) + "/agents",
             [services](const Request& request, const PathParams&, Responder respond) {
               require_staff(services.auth, request, domain::Role::supervisor, domain::ApiScope::dashboard_read);
               services.chat.call(service::calls::ListAgents{},
                                  reply<std::vector<domain::AgentView>>(respond, 200, [](const auto& list) {
                                    return json::object{{"agents", agents_json(list)}};
                                  }));
             });
}

}  // namespace livedesk::api
