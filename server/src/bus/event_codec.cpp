#include "bus/event_codec.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_from.hpp>
#include <boost/json/value_to.hpp>
#include <type_traits>
#include <utility>

#include "bus/event_descriptions.hpp"
#include "support/json_numbers.hpp"

namespace livedesk::bus {
namespace {

namespace json = boost::json;

// One overload per alternative: a new event without a name fails to compile.
constexpr std::string_view type_name(std::type_identity<SessionChanged>) { return "session_changed"; }
constexpr std::string_view type_name(std::type_identity<QueueDepthChanged>) { return "queue_depth_changed"; }
constexpr std::string_view type_name(std::type_identity<QueuePositions>) { return "queue_positions"; }
constexpr std::string_view type_name(std::type_identity<MessageCreated>) { return "message_created"; }
constexpr std::string_view type_name(std::type_identity<TypingChanged>) { return "typing_changed"; }
constexpr std::string_view type_name(std::type_identity<ReceiptAdvanced>) { return "receipt_advanced"; }
constexpr std::string_view type_name(std::type_identity<AgentStatusChanged>) { return "agent_status_changed"; }
constexpr std::string_view type_name(std::type_identity<AssignmentRevoked>) { return "assignment_revoked"; }
constexpr std::string_view type_name(std::type_identity<TransferChanged>) { return "transfer_changed"; }
constexpr std::string_view type_name(std::type_identity<NoteChanged>) { return "note_changed"; }
constexpr std::string_view type_name(std::type_identity<CannedChanged>) { return "canned_changed"; }
constexpr std::string_view type_name(std::type_identity<BlockChanged>) { return "block_changed"; }
// Tags and dispositions (#14)
constexpr std::string_view type_name(std::type_identity<ConversationTagChanged>) { return "conversation_tag_changed"; }
constexpr std::string_view type_name(std::type_identity<DispositionSet>) { return "disposition_set"; }
// #14 privacy
constexpr std::string_view type_name(std::type_identity<ContactErased>) { return "contact_erased"; }
// contacts
constexpr std::string_view type_name(std::type_identity<ContactChanged>) { return "contact_changed"; }

template <std::size_t I>
constexpr std::string_view name_at() {
  return type_name(std::type_identity<std::variant_alternative_t<I, Event>>{});
}

template <std::size_t I>
std::optional<Event> decode_as(const json::value& data) {
  auto converted = json::try_value_to<std::variant_alternative_t<I, Event>>(data);
  if (!converted) return std::nullopt;
  return Event(std::in_place_index<I>, std::move(*converted));
}

template <std::size_t... I>
std::optional<Event> decode_named(std::string_view type, const json::value& data, std::index_sequence<I...>) {
  std::optional<Event> out;
  (void)((type == name_at<I>() && (out = decode_as<I>(data), true)) || ...);
  return out;
}

}  // namespace

std::string_view event_type(const Event& event) noexcept {
  return std::visit([](const auto& e) { return type_name(std::type_identity<std::decay_t<decltype(e)>>{}); }, event);
}

json::value event_to_json(const Event& event) {
  return std::visit(
      [](const auto& e) {
        json::object object;
        object["type"] = type_name(std::type_identity<std::decay_t<decltype(e)>>{});
        object["data"] = json::value_from(e);
        return json::value(std::move(object));
      },
      event);
}

std::optional<Event> event_from_json(const json::value& json) noexcept {
  try {
    const auto* object = json.if_object();
    if (!object || object->size() != 2) return std::nullopt;
    const auto* type = object->if_contains("type");
    const auto* data = object->if_contains("data");
    if (!type || !data || !type->is_string()) return std::nullopt;
    if (!support::finite_numbers(*data)) return std::nullopt;  // it would re-encode as `Infinity`
    return decode_named(type->get_string(), *data, std::make_index_sequence<std::variant_size_v<Event>>{});
  } catch (...) {
    // Only allocation can throw here; a message we cannot hold is one we cannot use.
    return std::nullopt;
  }
}

std::string encode_event(const Event& event) { return json::serialize(event_to_json(event)); }

std::optional<Event> decode_event(std::string_view text) noexcept {
  try {
    boost::system::error_code ec;
    json::value parsed = json::parse(text, ec);
    if (ec) return std::nullopt;
    return event_from_json(parsed);
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace livedesk::bus
