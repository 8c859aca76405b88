#include "app/demo_seed.hpp"

#include "service/staff_directory.hpp"

namespace livedesk::app {

std::vector<DemoAccount> seed_demo_accounts(store::Store& store, const domain::Clock& clock) {
  struct Seed {
    const char* username;
    const char* name;
    domain::Role role;
    const char* password;
  };
  static constexpr Seed seeds[] = {
      {"admin", "Ada Admin", domain::Role::admin, "admin-demo-pass"},
      {"supervisor", "Sam Supervisor", domain::Role::supervisor, "supervisor-demo-pass"},
      {"alice", "Alice Agent", domain::Role::agent, "agent-demo-pass"},
      {"bob", "Bob Agent", domain::Role::agent, "agent-demo-pass"},
      {"carol", "Carol Agent", domain::Role::agent, "agent-demo-pass"},
  };
  std::vector<DemoAccount> accounts;
  for (const auto& seed : seeds) {
    const bool exists = store.accounts().find_by_username(seed.username).has_value();
    if (!exists) service::create_account(store, clock, {seed.username, seed.name, seed.role, seed.password});
    const bool simulated = std::string_view(seed.username) == "bob" || std::string_view(seed.username) == "carol";
    accounts.push_back({seed.username, seed.password, std::string(domain::to_string(seed.role)), !exists, simulated});
  }
  return accounts;
}

}  // namespace livedesk::app
