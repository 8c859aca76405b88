// GET /healthz (the process answers) and GET /readyz (the store answers too).
#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/rest_routes.hpp"

namespace livedesk::api {
namespace json = boost::json;

void add_health_routes(Router& router, RestServices services) {
  router.add("GET", "/healthz", [](const Request&, const PathParams&, Responder respond) {
    respond(json_response(200, json::object{{"status", "ok"}}));
  });
  router.add("GET", "/readyz", [services](const Request&, const PathParams&, Responder respond) {
    bool queued = services.readiness.check([respond](std::optional<int> schema_version) {
      respond(schema_version ? json_response(200, json::object{{"status", "ready"}, {"schema_version", *schema_version}})
                             : error_response(503, "store_unavailable", "the database does not answer"));
    });
    if (!queued) respond(error_response(503, "shutting_down", "the server is shutting down"));
  });
}

}  // namespace livedesk::api
