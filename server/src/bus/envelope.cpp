#include "bus/envelope.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "bus/event_codec.hpp"

namespace livedesk::bus {

namespace json = boost::json;

std::string encode_envelope(std::string_view origin, std::uint64_t n, const Event& event, std::int64_t position) {
  json::object envelope;
  envelope["origin"] = origin;
  envelope["n"] = n;
  if (position > 0) envelope["position"] = position;
  envelope["event"] = event_to_json(event);
  return json::serialize(envelope);
}

std::string encode_tick(std::string_view origin, std::uint64_t n) {
  json::object envelope;
  envelope["origin"] = origin;
  envelope["n"] = n;
  envelope["tick"] = true;
  return json::serialize(envelope);
}

std::optional<DecodedEnvelope> decode_envelope(std::string_view text) noexcept {
  try {
    boost::system::error_code ec;
    json::value parsed = json::parse(text, ec);
    if (ec) return std::nullopt;
    const auto* object = parsed.if_object();
    if (!object) return std::nullopt;
    const auto* origin = object->if_contains("origin");
    const auto* n = object->if_contains("n");
    const auto* event = object->if_contains("event");
    const auto* tick = object->if_contains("tick");
    const bool is_tick = tick && tick->is_bool() && tick->get_bool();
    if (!origin || !origin->is_string() || origin->get_string().empty() || !n || (!event && !is_tick))
      return std::nullopt;
    auto number = n->to_number<std::uint64_t>(ec);
    if (ec || number == 0) return std::nullopt;
    if (!event) return DecodedEnvelope{std::string(origin->get_string()), number, 0, std::nullopt, true};
    std::int64_t position = 0;
    if (const auto* p = object->if_contains("position")) {
      position = p->to_number<std::int64_t>(ec);
      if (ec || position <= 0) return std::nullopt;
    }
    return DecodedEnvelope{std::string(origin->get_string()), number, position, event_from_json(*event)};
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace livedesk::bus
