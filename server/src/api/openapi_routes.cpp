// GET /api/v1/openapi.json: the OpenAPI description of this API (docs/openapi.json, built in).
#include "api/openapi_document.hpp"
#include "api/rest_routes.hpp"

namespace livedesk::api {

void add_openapi_routes(Router& router) {
  router.add("GET", "/api/v1/openapi.json", [](const Request&, const PathParams&, Responder respond) {
    Response response;
    response.body = std::string(openapi_document());
    respond(std::move(response));
  });
}

}  // namespace livedesk::api
