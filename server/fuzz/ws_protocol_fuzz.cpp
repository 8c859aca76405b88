// The frame field readers of api/ws_protocol (frame_int, frame_string,
// frame_optional_string, frame_bool) and the send_message fields built on them
// (api/chat_ws_common), over the fields of any JSON object. Each reader either
// returns exactly the field's value or throws FrameError, never anything else,
// and it refuses exactly what its contract refuses.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/chat_ws_common.hpp"
#include "api/ws_protocol.hpp"
#include "domain/message_rules.hpp"
#include "fakes/fuzz_check.hpp"

namespace {
namespace json = boost::json;
using livedesk::api::FrameError;

// Runs `read`; true when it returned, false when it threw FrameError (any other exception escapes: a crash).
template <class Read>
bool reads(Read read) {
  try {
    read();
    return true;
  } catch (const FrameError&) {
    return false;
  }
}

void check_field(const json::object& data, std::string_view field, std::size_t max_length) {
  const json::value* value = data.if_contains(field);
  const bool present = value && !value->is_null();

  const bool is_integer = value && (value->is_int64() || (value->is_uint64() && value->get_uint64() <= std::uint64_t(INT64_MAX)));
  std::int64_t integer = 0;
  FUZZ_CHECK(reads([&] { integer = livedesk::api::frame_int(data, field); }) == is_integer);
  if (is_integer) FUZZ_CHECK(json::value(integer) == json::value(value->to_number<std::int64_t>()));

  const bool fits = present && value->is_string() && value->get_string().size() <= max_length;
  std::optional<std::string> optional;
  FUZZ_CHECK(reads([&] { optional = livedesk::api::frame_optional_string(data, field, max_length); }) ==
             (!present || fits));
  if (fits) FUZZ_CHECK(optional && *optional == value->get_string());
  if (!present) FUZZ_CHECK(!optional);

  std::string required;
  FUZZ_CHECK(reads([&] { required = livedesk::api::frame_string(data, field, max_length); }) == fits);
  if (fits) FUZZ_CHECK(required == value->get_string());

  bool flag = false;
  FUZZ_CHECK(reads([&] { flag = livedesk::api::frame_bool(data, field); }) == (value && value->is_bool()));
  if (value && value->is_bool()) FUZZ_CHECK(flag == value->get_bool());
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  boost::system::error_code ec;
  const json::value parsed = json::parse(std::string_view(reinterpret_cast<const char*>(bytes), size), ec);
  if (ec || !parsed.is_object()) return 0;
  const auto& data = parsed.as_object();
  const std::size_t max_length = size % 32;  // limits from zero up, chosen by the input
  for (const auto& [key, value] : data) check_field(data, key, max_length);
  check_field(data, "absent-field", max_length);

  livedesk::service::NewMessage message;
  if (reads([&] { message = livedesk::api::new_message_from(data); })) {
    FUZZ_CHECK(message.type.size() <= 16);
    FUZZ_CHECK(!message.client_msg_id || message.client_msg_id->size() <= livedesk::domain::max_client_msg_id_bytes);
    FUZZ_CHECK(!message.attachment_id || message.attachment_id->size() <= 64);
    if (message.type == "text") FUZZ_CHECK(data.contains("body"));
  }
  return 0;
}
