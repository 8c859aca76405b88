#pragma once
// --demo: the staff accounts a first-time user logs in with.
#include <string>
#include <vector>

#include "domain/clock.hpp"
#include "store/store.hpp"

namespace livedesk::app {

struct DemoAccount {
  std::string username;
  std::string password;
  std::string role;
  bool created;    // false when it existed from an earlier demo run
  bool simulated;  // answered by the demo script, not a person
};

// Creates the demo accounts that do not exist yet; returns all of them.
std::vector<DemoAccount> seed_demo_accounts(store::Store& store, const domain::Clock& clock);

}  // namespace livedesk::app
