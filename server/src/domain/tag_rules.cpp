#include "domain/tag_rules.hpp"

#include <cctype>

namespace livedesk::domain {

std::optional<std::string> normalized_label_name(std::string_view name) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
  while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
  std::size_t characters = 0;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) return std::nullopt;
    if ((c & 0xC0) != 0x80) ++characters;  // count lead bytes: one per code point
  }
  if (characters == 0 || characters > 64) return std::nullopt;
  return std::string(name);
}

bool is_label_color(std::string_view color) {
  if (color.empty()) return true;
  if (color.size() != 7 || color[0] != '#') return false;
  for (char c : color.substr(1))
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace livedesk::domain
