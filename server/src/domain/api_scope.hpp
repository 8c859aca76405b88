#pragma once
// The scopes an API token may hold: the one list of them (docs/api.md "API tokens" repeats it). A scope is a
// right of an integration, the counterpart of a staff role; `admin` holds every other scope.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace livedesk::domain {

enum class ApiScope : std::uint8_t {
  conversations_read,
  events_read,
  messages_write,
  webhooks_manage,
  tokens_manage,
  dashboard_read,
  admin,
  // contacts
  contacts_read,
  contacts_write,
};

// Every scope with its name, in the order the docs list them.
inline constexpr std::array<std::pair<ApiScope, std::string_view>, 9> kApiScopes{{
    {ApiScope::conversations_read, "conversations:read"},
    {ApiScope::events_read, "events:read"},
    {ApiScope::messages_write, "messages:write"},
    {ApiScope::webhooks_manage, "webhooks:manage"},
    {ApiScope::tokens_manage, "tokens:manage"},
    {ApiScope::dashboard_read, "dashboard:read"},
    {ApiScope::admin, "admin"},
    // contacts
    {ApiScope::contacts_read, "contacts:read"},
    {ApiScope::contacts_write, "contacts:write"},
}};

std::string_view to_string(ApiScope scope);
std::optional<ApiScope> parse_api_scope(std::string_view text);

// A set of scopes, one bit each.
class ApiScopes {
 public:
  ApiScopes() = default;
  void add(ApiScope scope) { bits_ |= bit(scope); }
  bool holds(ApiScope scope) const { return (bits_ & bit(scope)) != 0; }
  // True when these scopes allow what `needed` names (`admin` allows everything).
  bool allow(ApiScope needed) const { return holds(needed) || holds(ApiScope::admin); }
  bool empty() const { return bits_ == 0; }
  std::vector<std::string_view> names() const;
  // Space-separated names, the form the store keeps.
  std::string to_text() const;
  // Reads to_text()'s form; unknown names are skipped (a scope removed later grants nothing).
  static ApiScopes from_text(std::string_view text);

 private:
  static std::uint32_t bit(ApiScope scope) { return 1u << static_cast<unsigned>(scope); }
  std::uint32_t bits_ = 0;
};

}  // namespace livedesk::domain
