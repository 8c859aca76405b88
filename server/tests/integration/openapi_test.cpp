// docs/openapi.json against the real binary: the server serves the file as it is in the repository, every
// route its router registers is a described path and method, and every described one is routed.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "support/cluster_support.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const std::set<std::string> kOperationKeys = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

// "METHOD /path/{param}" for every operation of the description.
std::set<std::string> described_routes(const json::object& document) {
  std::set<std::string> routes;
  for (const auto& [path, item] : document.at("paths").as_object())
    for (const auto& [key, operation] : item.as_object()) {
      if (!kOperationKeys.contains(std::string(key))) continue;
      std::string method(key);
      for (auto& c : method) c = char(std::toupper(static_cast<unsigned char>(c)));
      routes.insert(method + " " + std::string(path));
    }
  return routes;
}

// The routes the description leaves out on purpose (node-to-node only), as it lists them.
std::set<std::string> internal_routes(const json::object& document) {
  std::set<std::string> routes;
  for (const auto& route : document.at("x-livedesk-internal-routes").as_array())
    routes.insert(std::string(route.at("method").as_string()) + " " + std::string(route.at("path").as_string()));
  return routes;
}

// What the server logged as its router's table at start-up (debug level).
std::set<std::string> routed(const ServerProcess& server) {
  const auto lines = server.log_messages("routes");
  if (lines.size() != 1) throw std::runtime_error("expected one 'routes' log line\n" + server.logs());
  std::set<std::string> routes;
  for (const auto& route : lines.front().at("routes").as_array()) routes.insert(std::string(route.as_string()));
  return routes;
}

std::string joined(const std::set<std::string>& routes) {
  std::string text;
  for (const auto& route : routes) text += "\n  " + route;
  return text;
}

TEST(OpenApi, TheServedDescriptionIsTheRepositorysFile) {
  ServerProcess server;
  const auto result = request(server.port(), "GET", "/api/v1/openapi.json");
  ASSERT_TRUE(HasStatus(result, 200)) << result.describe();
  EXPECT_EQ(result.header("Content-Type"), "application/json");
  EXPECT_EQ(result.body, read_file(std::string(LIVEDESK_SOURCE_DIR) + "/docs/openapi.json"));
  ASSERT_TRUE(result.json && result.json->is_object());
  EXPECT_EQ(result.object().at("openapi").as_string(), "3.1.0");
}

// Compares the router's table of a running server with the description it serves; returns the internal routes
// that this server routes.
std::set<std::string> expect_routes_described(const ServerProcess& server) {
  const auto document = request(server.port(), "GET", "/api/v1/openapi.json").object();
  const auto described = described_routes(document);
  const auto internal = internal_routes(document);
  std::set<std::string> undescribed, unrouted, routed_internal;
  const auto table = routed(server);
  for (const auto& route : table) {
    if (internal.contains(route)) routed_internal.insert(route);
    else if (!described.contains(route)) undescribed.insert(route);
  }
  for (const auto& route : described)
    if (!table.contains(route)) unrouted.insert(route);
  EXPECT_TRUE(undescribed.empty()) << "routed but not in docs/openapi.json:" << joined(undescribed);
  EXPECT_TRUE(unrouted.empty()) << "in docs/openapi.json but not routed:" << joined(unrouted);
  EXPECT_GE(table.size(), 40u) << joined(table);  // the table was really read
  for (const auto& route : internal) EXPECT_FALSE(described.contains(route)) << route;
  return routed_internal;
}

// Every optional route on: GET /metrics is routed only with --metrics-token.
const std::vector<std::string> kAllRoutes = {"--log-level", "debug", "--metrics-token", "openapi-test-metrics-token"};

TEST(OpenApi, EveryRouteIsDescribedAndEveryDescribedRouteIsRouted) {
  ServerProcess server({.args = kAllRoutes});
  EXPECT_TRUE(expect_routes_described(server).empty());  // one node has no node-to-node route
}

TEST(OpenApi, AClusterNodeRoutesTheInternalRouteAndNothingUndescribed) {
  TestDatabase database;
  auto args = kAllRoutes;
  args.insert(args.end(), {"--database", database.url()});
  ServerProcess node({.args = args});
  EXPECT_EQ(expect_routes_described(node), std::set<std::string>{"POST /internal/v1/cluster/call"});
}

}  // namespace
}  // namespace livedesk::it
