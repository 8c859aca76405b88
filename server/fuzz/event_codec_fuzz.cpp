// The bus event codec (bus/event_codec) over any bytes, as a Redis message's
// event would arrive: decode_event never throws; an event it accepts encodes
// to text that decodes to the same encoding (strict decoding loses nothing; a
// double may move a few ulps, fakes/same_json.hpp),
// and decoding the parsed JSON (event_from_json) agrees with decoding the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/json.hpp>

#include "bus/event_codec.hpp"
#include "fakes/fuzz_check.hpp"
#include "fakes/same_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  using namespace livedesk::bus;
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  const auto event = decode_event(text);

  boost::system::error_code ec;
  const auto parsed = boost::json::parse(text, ec);
  if (ec) {
    FUZZ_CHECK(!event);
    return 0;
  }
  const auto from_json = event_from_json(parsed);
  FUZZ_CHECK(event.has_value() == from_json.has_value());
  if (!event) return 0;

  const std::string encoded = encode_event(*event);
  FUZZ_CHECK(encoded == encode_event(*from_json));
  const auto again = decode_event(encoded);
  FUZZ_CHECK(again && livedesk::fuzz::same_json(boost::json::parse(encode_event(*again)), boost::json::parse(encoded)));
  FUZZ_CHECK(event_type(*again) == event_type(*event));
  FUZZ_CHECK(livedesk::fuzz::same_json(event_to_json(*event), boost::json::parse(encoded)));
  return 0;
}
