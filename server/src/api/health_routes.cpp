// GET /healthz (the process answers) and GET /readyz (the store answers and,
// on several nodes, some node leads the cluster).
#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "api/rest_routes.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
json::object cluster_json(const service::ClusterView& cluster) {
  json::object out{{"role", cluster.leading ? "leader" : "follower"}, {"epoch", cluster.epoch}};
  out["leader"] = cluster.leader_node ? json::value(*cluster.leader_node) : json::value(nullptr);
  return out;
}

Response readiness_response(const service::ReadinessReport& report) {
  if (!report.schema_version)
    return error_response(503, "store_unavailable", report.failure.value_or("the database does not answer"));
  json::object body{{"status", "ready"}, {"schema_version", *report.schema_version}};
  if (report.cluster) {
    if (!report.cluster->leading && !report.cluster->leader_node)
      return error_response(503, "no_leader", "no node leads the cluster now; an election is under way");
    body["cluster"] = cluster_json(*report.cluster);
  }
  return json_response(200, body);
}
}  // namespace

void add_health_routes(Router& router, RestServices services) {
  router.add("GET", "/healthz", [](const Request&, const PathParams&, Responder respond) {
    respond(json_response(200, json::object{{"status", "ok"}}));
  });
  router.add("GET", "/readyz", [services](const Request&, const PathParams&, Responder respond) {
    bool queued = services.readiness.check(
        [respond](service::ReadinessReport report) { respond(readiness_response(report)); });
    if (!queued) respond(error_response(503, "shutting_down", "the server is shutting down"));
  });
}

}  // namespace livedesk::api
