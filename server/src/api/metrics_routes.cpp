#include "api/metrics_routes.hpp"

#include <sodium.h>

#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/staff_auth.hpp"
#include "support/metrics/prometheus_text.hpp"

namespace livedesk::api {
namespace {
bool same_secret(std::string_view given, const std::string& expected) {
  // Only the length can leak, and the token's length is no secret.
  return given.size() == expected.size() && sodium_memcmp(given.data(), expected.data(), expected.size()) == 0;
}
}  // namespace

void add_metrics_route(Router& router, std::string token, std::function<std::string()> scrape) {
  router.add("GET", "/metrics",
             [token = std::move(token), scrape = std::move(scrape)](const Request& request, const PathParams&,
                                                                    Responder respond) {
               if (!same_secret(bearer_token(request), token)) {
                 Response refused = error_response(401, "unauthorized", "/metrics needs the metrics token as Bearer");
                 refused.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"livedesk-metrics\"");
                 return respond(std::move(refused));
               }
               Response response;
               response.content_type = std::string(support::prometheus_content_type);
               response.body = scrape();
               respond(std::move(response));
             });
}

}  // namespace livedesk::api
