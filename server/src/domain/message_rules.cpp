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

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

const char* text_body_problem(std::string_view body) {
  if (body.size() > max_text_bytes) return "message body is longer than 8 KiB";
  const bool blank = std::all_of(body.begin(), body.end(), [](unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
  if (blank) return "message body is empty";
  return nullptr;
}

std::optional<std::string> new_message_problem(std::string_view type, std::string_view body, bool has_attachment,
                                               const std::optional<std::string>& client_msg_id) {
  if (!is_message_type(type)) return "type must be text, image, file, audio or video";
  if (type == "text") {
    if (const char* problem = text_body_problem(body)) return problem;
  } else if (!has_attachment) {
    return "a " + std::string(type) + " message needs an uploaded attachment";
  } else if (body.size() > max_text_bytes) {
    return "the caption is longer than 8 KiB";
  }
  if (client_msg_id && (client_msg_id->empty() || client_msg_id->size() > max_client_msg_id_bytes))
    return "client_msg_id must be 1 to 64 characters";
  return std::nullopt;
}

}  // namespace livedesk::domain
