// The leader's answer to a forwarded cluster call, as a follower reads it
// (service/chat_call_codec's decode_outcome, which ForwardingChatService runs on
// the body net/leader_client received): the input is that JSON, decoded as the
// outcome of every call. Checks, for each call's result type:
// - decoding throws nothing but std::exception (what ForwardingChatService
//   catches and answers 503 unavailable); it never crashes;
// - an answer that decodes re-encodes ({"ok": ...} or {"error": ...}) to JSON that
//   decodes again and encodes to the same JSON (the codec loses nothing), and
//   whose text, as the follower sends it on to its clients, is JSON again.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fakes/fuzz_check.hpp"
#include "fakes/same_json.hpp"
#include "service/chat_call_codec.hpp"
#include "service/cluster_calls.hpp"

namespace {
namespace json = boost::json;
using namespace livedesk::service;

template <class Result>
void check_outcome(const json::value& reply) {
  Outcome<Result> outcome = ChatError{};
  try {
    outcome = decode_outcome<Result>(reply);
  } catch (const std::exception&) {
    return;  // the follower answers 503 unavailable
  }
  FUZZ_CHECK(reply.is_object());
  const json::value encoded = encode_outcome(outcome);
  FUZZ_CHECK(encoded.is_object() && encoded.as_object().size() == 1);
  FUZZ_CHECK(encoded.as_object().contains("error") == reply.as_object().contains("error"));
  FUZZ_CHECK(encode_outcome(decode_outcome<Result>(encoded)) == encoded);
  boost::system::error_code ec;
  const auto sent = json::parse(json::serialize(encoded), ec);
  FUZZ_CHECK(!ec && livedesk::fuzz::same_json(sent, encoded));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  boost::system::error_code ec;
  const auto reply = json::parse(std::string_view(reinterpret_cast<const char*>(bytes), size), ec);
  if (ec) return 0;  // net/leader_client hands over no reply (503 unavailable) for a body that is not JSON
  ChatCalls::for_each([&]<class Call>(std::type_identity<Call>) { check_outcome<typename Call::Result>(reply); });
  check_outcome<calls::ReportPresence::Result>(reply);
  return 0;
}
