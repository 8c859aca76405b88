#pragma once
// JSON of the contract's dashboard objects: metrics, agent, queue.
#include <boost/json.hpp>
#include <vector>

#include "domain/chat_views.hpp"
#include "domain/metrics_view.hpp"

namespace livedesk::api {

boost::json::object metrics_json(const domain::MetricsView& metrics);
boost::json::object agent_json(const domain::AgentView& agent);
boost::json::object queue_json(const std::vector<domain::SessionView>& waiting);
boost::json::array sessions_json(const std::vector<domain::SessionView>& sessions);
boost::json::array agents_json(const std::vector<domain::AgentView>& agents);

}  // namespace livedesk::api
