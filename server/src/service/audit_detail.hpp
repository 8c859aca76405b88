#pragma once
// The detail of an audit entry: a JSON object, stored as its text.
#include <string>

#include <boost/json.hpp>

namespace livedesk::service {

inline std::string audit_detail(boost::json::object fields) { return boost::json::serialize(fields); }

}  // namespace livedesk::service
