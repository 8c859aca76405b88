#pragma once
// JSON shapes of staff accounts, as the contract's login answer carries them.
#include <boost/json.hpp>

#include "domain/staff_views.hpp"

namespace livedesk::api {

boost::json::object user_json(const domain::StaffView& user);

}  // namespace livedesk::api
