#include "bus/event_codec.hpp"

#include <gtest/gtest.h>

#include <boost/describe/members.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/pfr/core.hpp>
#include <limits>
#include <random>
#include <set>

#include "bus/envelope.hpp"
#include "bus/event_descriptions.hpp"

namespace livedesk::bus {
namespace {

namespace json = boost::json;
namespace describe = boost::describe;

template <class T> struct is_optional : std::false_type {};
template <class T> struct is_optional<std::optional<T>> : std::true_type {};
template <class T> struct is_vector : std::false_type {};
template <class T> struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
constexpr bool described = describe::has_describe_members<T>::value;

// Every field of a described struct is described: a field added to an event
// or view but not to its BOOST_DESCRIBE_STRUCT would silently not travel.
template <class T>
void expect_fully_described() {
  if constexpr (described<T>) {
    using Members = describe::describe_members<T, describe::mod_public>;
    static_assert(boost::pfr::tuple_size_v<T> == boost::mp11::mp_size<Members>::value,
                  "a member is missing from BOOST_DESCRIBE_STRUCT");
    boost::mp11::mp_for_each<Members>([](auto member) {
      expect_fully_described<std::decay_t<decltype(std::declval<T&>().*member.pointer)>>();
    });
  } else if constexpr (is_optional<T>::value || is_vector<T>::value) {
    expect_fully_described<typename T::value_type>();
  }
}

// Gives every field (recursively) a distinct value that is not its default.
struct Filler {
  int seed = 1;
  template <class T>
  void operator()(T& value) {
    if constexpr (described<T>) {
      boost::mp11::mp_for_each<describe::describe_members<T, describe::mod_public>>(
          [&](auto member) { (*this)(value.*member.pointer); });
    } else if constexpr (is_optional<T>::value) {
      value.emplace();
      (*this)(*value);
    } else if constexpr (is_vector<T>::value) {
      value.resize(2);
      for (auto& element : value) (*this)(element);
    } else if constexpr (std::is_same_v<T, std::string>) {
      value = "s" + std::to_string(seed++) + " \"quoted\" \\ caf\xC3\xA9 \n\t";
    } else if constexpr (std::is_same_v<T, bool>) {
      value = true;
    } else if constexpr (std::is_floating_point_v<T>) {
      value = seed++ + 0.1;
    } else {
      static_assert(std::is_integral_v<T>);
      value = static_cast<T>(seed++);
    }
  }
};

template <class T>
bool same(const T& a, const T& b) {
  if constexpr (described<T>) {
    bool equal = true;
    boost::mp11::mp_for_each<describe::describe_members<T, describe::mod_public>>(
        [&](auto member) { equal = equal && same(a.*member.pointer, b.*member.pointer); });
    return equal;
  } else if constexpr (is_optional<T>::value) {
    return a.has_value() == b.has_value() && (!a || same(*a, *b));
  } else if constexpr (is_vector<T>::value) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (!same(a[i], b[i])) return false;
    }
    return true;
  } else {
    return a == b;
  }
}

bool same_event(const Event& a, const Event& b) {
  if (a.index() != b.index()) return false;
  return std::visit([&](const auto& x) { return same(x, std::get<std::decay_t<decltype(x)>>(b)); }, a);
}

// One event of each alternative, either default (optionals unset, lists empty) or with every field set.
std::vector<Event> every_event(bool filled) {
  std::vector<Event> events;
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (events.emplace_back(std::in_place_index<I>), ...);
  }(std::make_index_sequence<std::variant_size_v<Event>>{});
  if (filled) {
    Filler fill;
    for (auto& event : events) std::visit(fill, event);
  }
  return events;
}

TEST(EventCodec, EveryEventAndViewIsFullyDescribed) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (expect_fully_described<std::variant_alternative_t<I, Event>>(), ...);
  }(std::make_index_sequence<std::variant_size_v<Event>>{});
}

TEST(EventCodec, EveryAlternativeRoundTripsWithOptionalsSetAndUnset) {
  for (bool filled : {false, true}) {
    for (const Event& event : every_event(filled)) {
      std::string text = encode_event(event);
      SCOPED_TRACE(text);
      auto decoded = decode_event(text);
      ASSERT_TRUE(decoded.has_value());
      EXPECT_TRUE(same_event(*decoded, event));
      EXPECT_EQ(encode_event(*decoded), text);
    }
  }
}

TEST(EventCodec, TypeNamesAreDistinctAndTagTheData) {
  std::set<std::string_view> names;
  for (const Event& event : every_event(true)) {
    names.insert(event_type(event));
    json::value parsed = json::parse(encode_event(event));
    EXPECT_EQ(parsed.at("type").as_string(), event_type(event));
    EXPECT_TRUE(parsed.at("data").is_object());
  }
  EXPECT_EQ(names.size(), std::variant_size_v<Event>);
}

TEST(EventCodec, ShapeOfAMessage) {
  MessageCreated created;
  created.message.id = 7;
  created.message.body = "hi";
  created.agent_id = 3;
  json::value parsed = json::parse(encode_event(Event(created)));
  EXPECT_EQ(parsed.at("type").as_string(), "message_created");
  EXPECT_EQ(parsed.at("data").at("agent_id").as_int64(), 3);
  EXPECT_EQ(parsed.at("data").at("message").at("body").as_string(), "hi");
  EXPECT_TRUE(parsed.at("data").at("message").at("attachment").is_null());
}

TEST(EventCodec, ExtremeNumbersSurvive) {
  QueuePositions positions;
  positions.entries.push_back({std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::size_t>::max(),
                               std::numeric_limits<double>::max()});
  positions.entries.push_back({std::numeric_limits<std::int64_t>::max(), 0, 0.1});
  positions.entries.push_back({0, 1, std::numeric_limits<double>::denorm_min()});
  auto decoded = decode_event(encode_event(Event(positions)));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_TRUE(same_event(*decoded, Event(positions)));
}

// Boost.JSON 1.81 reads 1e400 as infinity and writes it back as `Infinity`, which is not JSON (found by
// event_codec_fuzz, server/fuzz/; its input is corpus/event_codec/infinite_wait).
TEST(EventCodec, ANumberBeyondADoubleIsRefusedNotReadAsInfinity) {
  const std::string base = R"({"type":"queue_positions","data":{"entries":[{"session_id":1,"position":0,)";
  EXPECT_TRUE(decode_event(base + R"("estimated_wait_seconds":1e300}]}})").has_value());
  EXPECT_FALSE(decode_event(base + R"("estimated_wait_seconds":1e400}]}})").has_value());
  EXPECT_FALSE(decode_event(base + R"("estimated_wait_seconds":-1e400}]}})").has_value());
  EXPECT_FALSE(event_from_json(json::parse(base + R"("estimated_wait_seconds":1e400}]}})")).has_value());
}

TEST(EventCodec, RejectsGarbage) {
  std::string deep(100000, '[');
  const std::vector<std::string> garbage = {
      "",
      " ",
      "{",
      "null",
      "[]",
      "42",
      "\"message_created\"",
      "{}",
      deep,
      R"({"type":"no_such_event","data":{}})",
      R"({"type":"queue_depth_changed"})",
      R"({"data":{"depth":1,"previous_depth":0}})",
      R"({"type":7,"data":{"depth":1,"previous_depth":0}})",
      R"({"type":"queue_depth_changed","data":[1,0]})",
      R"({"type":"queue_depth_changed","data":{"depth":1}})",
      R"({"type":"queue_depth_changed","data":{"depth":1,"previous_depth":0,"extra":1}})",
      R"({"type":"queue_depth_changed","data":{"depth":1,"previous_depth":0},"extra":1})",
      R"({"type":"queue_depth_changed","data":{"depth":-1,"previous_depth":0}})",
      R"({"type":"queue_depth_changed","data":{"depth":1.5,"previous_depth":0}})",
      R"({"type":"queue_depth_changed","data":{"depth":"1","previous_depth":0}})",
      R"({"type":"queue_depth_changed","data":{"depth":null,"previous_depth":0}})",
      R"({"type":"queue_depth_changed","data":{"depth":1e400,"previous_depth":0}})",
      R"({"type":"queue_depth_changed","data":{"depth":1,"previous_depth":0}} trailing)",
      R"({"type":"typing_changed","data":{"session_id":1,"sender_type":"agent","is_typing":1,"agent_id":null}})",
      R"({"type":"typing_changed","data":{"session_id":1,"sender_type":"agent","is_typing":true,"agent_id":"x"}})",
      R"({"type":"agent_status_changed","data":{"agent_id":9223372036854775808,"name":"","status":"","previous_status":""}})",
      "{\"type\":\"queue_depth_changed\",\"data\":{\"depth\":1,\"previous_depth\":0}}\xff",
  };
  for (const auto& text : garbage) {
    EXPECT_FALSE(decode_event(text).has_value()) << text.substr(0, 120);
  }
  // The same fields, well formed, are accepted: the rejections above are about the flaws.
  EXPECT_TRUE(decode_event(R"({"type":"queue_depth_changed","data":{"depth":1,"previous_depth":0}})").has_value());
}

TEST(EventCodec, EveryTruncationIsRejected) {
  for (const Event& event : every_event(true)) {
    std::string text = encode_event(event);
    for (std::size_t length = 0; length < text.size(); ++length) {
      ASSERT_FALSE(decode_event(std::string_view(text).substr(0, length)).has_value()) << text.substr(0, length);
    }
  }
}

TEST(EventCodec, RandomCorruptionNeverThrows) {
  std::mt19937 random(12345);
  auto events = every_event(true);
  for (int round = 0; round < 20000; ++round) {
    std::string text = encode_event(events[round % events.size()]);
    int flips = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < flips; ++i) text[random() % text.size()] = static_cast<char>(random() % 256);
    auto decoded = decode_event(text);  // must neither throw nor crash; may decode if a flip hit a string
    if (decoded) {
      EXPECT_FALSE(encode_event(*decoded).empty());
    }
  }
}

TEST(Envelope, RoundTripsAndKeepsTheNumberOfAnUnknownEvent) {
  Event event = every_event(true)[3];
  auto decoded = decode_envelope(encode_envelope("node-a", 42, event));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->origin, "node-a");
  EXPECT_EQ(decoded->n, 42u);
  ASSERT_TRUE(decoded->event.has_value());
  EXPECT_TRUE(same_event(*decoded->event, event));

  auto unknown = decode_envelope(R"({"origin":"b","n":7,"event":{"type":"from_the_future","data":{}}})");
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->n, 7u);
  EXPECT_FALSE(unknown->event.has_value());
}

TEST(Envelope, CarriesALogPositionAndTicksCarryOnlyTheirNumber) {
  Event event = every_event(true)[3];
  auto logged = decode_envelope(encode_envelope("node-a", 5, event, 1042));
  ASSERT_TRUE(logged.has_value());
  EXPECT_EQ(logged->position, 1042);
  EXPECT_FALSE(logged->tick);
  EXPECT_EQ(decode_envelope(encode_envelope("node-a", 5, event))->position, 0);

  auto tick = decode_envelope(encode_tick("node-a", 6));
  ASSERT_TRUE(tick.has_value());
  EXPECT_TRUE(tick->tick);
  EXPECT_EQ(tick->n, 6u);
  EXPECT_FALSE(tick->event.has_value());

  EXPECT_FALSE(decode_envelope(R"({"origin":"a","n":1,"tick":false})").has_value());
  EXPECT_FALSE(decode_envelope(R"({"origin":"a","n":1,"position":0,"event":{"type":"x","data":{}}})").has_value());
  EXPECT_FALSE(decode_envelope(R"({"origin":"a","n":1,"position":"7","event":{"type":"x","data":{}}})").has_value());
}

TEST(Envelope, RejectsMalformedEnvelopes) {
  const std::string event = encode_event(every_event(false)[1]);
  const std::vector<std::string> malformed = {
      "{",
      "[]",
      R"({"n":1,"event":)" + event + "}",
      R"({"origin":"","n":1,"event":)" + event + "}",
      R"({"origin":"a","n":0,"event":)" + event + "}",
      R"({"origin":"a","n":-1,"event":)" + event + "}",
      R"({"origin":"a","n":1.5,"event":)" + event + "}",
      R"({"origin":"a","n":"1","event":)" + event + "}",
      R"({"origin":"a","n":1})",
      R"({"origin":3,"n":1,"event":)" + event + "}",
  };
  for (const auto& text : malformed) {
    EXPECT_FALSE(decode_envelope(text).has_value()) << text;
  }
}

}  // namespace
}  // namespace livedesk::bus
