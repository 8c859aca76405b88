#pragma once
// Staff accounts: creation (the `user add` CLI and --demo) with the rules a
// username and password must meet. Runs on whatever thread owns the Store it is
// given; the CLI calls it directly, the server only on the store executor.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "domain/role.hpp"

namespace livedesk::store {
class Store;
}  // namespace livedesk::store

namespace livedesk::service {

// Why an account could not be created; the message is one line for the CLI.
struct AccountError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct NewAccount {
  std::string username;
  std::string name;  // display name; defaults to the username
  domain::Role role = domain::Role::agent;
  std::string password;
};

// Validates, hashes the password (Argon2id) and stores the account; returns its id.
// Throws AccountError for an invalid or taken username or an unusable password.
std::int64_t create_account(store::Store& store, const domain::Clock& clock, const NewAccount& account);

// Why `account` cannot be created as given, or nullopt when it can (ignoring
// whether the username is taken).
std::optional<std::string> account_problem(const NewAccount& account);

// Usernames: 1-64 characters of letters, digits, '.', '_' and '-'.
bool valid_username(std::string_view username);

}  // namespace livedesk::service
