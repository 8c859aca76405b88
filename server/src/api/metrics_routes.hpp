#pragma once
// GET /metrics on the main port: the Prometheus text exposition, for a
// scraper that presents `Authorization: Bearer <token>` (compared in constant
// time). Anything else gets 401 with a WWW-Authenticate challenge. Without a
// token the route is not added, and /metrics answers 404 like any unknown path.
#include <functional>
#include <string>

#include "api/router.hpp"

namespace livedesk::api {

// `scrape` returns the exposition; it runs on an io thread and must not block.
void add_metrics_route(Router& router, std::string token, std::function<std::string()> scrape);

}  // namespace livedesk::api
