#include "domain/api_scope.hpp"

namespace livedesk::domain {

std::string_view to_string(ApiScope scope) {
  for (const auto& [value, name] : kApiScopes)
    if (value == scope) return name;
  return "unknown";
}

std::optional<ApiScope> parse_api_scope(std::string_view text) {
  for (const auto& [value, name] : kApiScopes)
    if (name == text) return value;
  return std::nullopt;
}

std::vector<std::string_view> ApiScopes::names() const {
  std::vector<std::string_view> out;
  for (const auto& [value, name] : kApiScopes)
    if (holds(value)) out.push_back(name);
  return out;
}

std::string ApiScopes::to_text() const {
  std::string out;
  for (auto name : names()) {
    if (!out.empty()) out += ' ';
    out += name;
  }
  return out;
}

ApiScopes ApiScopes::from_text(std::string_view text) {
  ApiScopes scopes;
  while (!text.empty()) {
    const auto space = text.find(' ');
    const auto word = text.substr(0, space);
    if (auto scope = parse_api_scope(word)) scopes.add(*scope);
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return scopes;
}

}  // namespace livedesk::domain
