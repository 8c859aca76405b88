#include "domain/message_rules.hpp"

#include <algorithm>

namespace livedesk::domain {

bool is_message_type(std::string_view type) {
  return type == "text" || type == "image" || type == "file" || type == "audio" || type == "video";
}

bool is_sender_type(std::string_view type) { return type == "customer" || type == "agent" || type == "system"; }

std::optional<int> receipt_rank(std::string_view status) {
  if (status == "sent") return 0;
  if (status == "delivered") return 1;
  if (status == "read") return 2;
  return std::nullopt;
}

const char* text_body_problem(std::string_view body) {
  if (body.size() > max_text_bytes) return "message body is longer than 8 KiB";
  const bool blank = std::all_of(body.begin(), body.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  if (blank) return "message body is empty";
  return nullptr;
}

}  // namespace livedesk::domain
