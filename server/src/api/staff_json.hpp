#pragma once
// JSON shapes of staff accounts, as the contract's login answer carries them.
#include <boost/json.hpp>

#include "store/store.hpp"

namespace livedesk::api {

boost::json::object user_json(const store::StaffUser& user);

}  // namespace livedesk::api
