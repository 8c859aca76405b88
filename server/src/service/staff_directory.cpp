#include "service/staff_directory.hpp"

#include <algorithm>
#include <cctype>

#include "auth/password_hasher.hpp"
#include "domain/iso_time.hpp"
#include "store/store.hpp"

namespace livedesk::service {

bool valid_username(std::string_view username) {
  if (username.empty() || username.size() > 64) return false;
  return std::all_of(username.begin(), username.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '_' || c == '-';
  });
}

std::optional<std::string> account_problem(const NewAccount& account) {
  if (!valid_username(account.username))
    return "username must be 1-64 characters of letters, digits, '.', '_' or '-'";
  if (account.password.empty()) return "password must not be empty";
  if (account.password.size() > 1024) return "password is longer than 1024 bytes";
  if (account.name.size() > 200) return "name is longer than 200 characters";
  return std::nullopt;
}

std::int64_t create_account(store::Store& store, const domain::Clock& clock, const NewAccount& account) {
  if (auto problem = account_problem(account)) throw AccountError(*problem);
  store::NewStaffUser user{account.username, account.name.empty() ? account.username : account.name,
                           account.role, auth::hash_password(account.password),
                           domain::to_unix_ms(clock.now())};
  try {
    return store.accounts().create(user);
  } catch (const store::DuplicateError&) {
    throw AccountError("username '" + account.username + "' is already taken");
  }
}

}  // namespace livedesk::service
