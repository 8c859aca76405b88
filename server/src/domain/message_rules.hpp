#pragma once
// What a chat message may be: its types, sizes and the order of its statuses.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace livedesk::domain {

inline constexpr std::size_t max_text_bytes = 8 * 1024;
inline constexpr std::size_t max_client_msg_id_bytes = 64;
inline constexpr std::size_t max_attachment_bytes = 10 * 1024 * 1024;

bool is_message_type(std::string_view type);    // text, image, file, audio, video
bool is_sender_type(std::string_view type);     // customer, agent, system
// sent(0) < delivered(1) < read(2); failed and unknown: nullopt.
std::optional<int> receipt_rank(std::string_view status);

// True when `text` is empty or only spaces, tabs and line breaks.
bool is_blank(std::string_view text);

// Why a text body is unacceptable, or nullptr when it is fine.
const char* text_body_problem(std::string_view body);

// Why a new message is unacceptable (its type, its body or caption, a text
// message's attachment, its client_msg_id), or nullopt when it is fine.
std::optional<std::string> new_message_problem(std::string_view type, std::string_view body, bool has_attachment,
                                               const std::optional<std::string>& client_msg_id);

}  // namespace livedesk::domain
