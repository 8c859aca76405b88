#include "service/conversation_cursor.hpp"

#include <boost/json.hpp>

namespace livedesk::service {
namespace json = boost::json;
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::size_t kMaxText = 4096;  // a cursor holds a query of at most 1 KiB; anything longer is not one

int sextet(char c) {
  const auto at = kAlphabet.find(c);
  return at == std::string_view::npos ? -1 : int(at);
}

const json::string* string_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? &v->get_string() : nullptr;
}

std::optional<std::int64_t> int_at(const json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (!v || !v->is_int64()) return std::nullopt;
  return v->get_int64();
}

std::optional<std::int64_t> id_at(const json::object& o, std::string_view key) {
  const auto v = int_at(o, key);
  return v && *v >= 0 ? v : std::nullopt;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned n = unsigned((unsigned char)bytes[i]) << 16 | unsigned((unsigned char)bytes[i + 1]) << 8 |
                       unsigned((unsigned char)bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    unsigned n = unsigned((unsigned char)bytes[i]) << 16;
    if (rest == 2) n |= unsigned((unsigned char)bytes[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    if (rest == 2) out += kAlphabet[(n >> 6) & 63];
  }
  return out;
}

std::optional<std::string> base64url_decode(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;
  std::string out;
  unsigned n = 0;
  int bits = 0;
  for (char c : text) {
    const int v = sextet(c);
    if (v < 0) return std::nullopt;
    n = (n << 6) | unsigned(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((n >> bits) & 0xff);
    }
  }
  // What is left must be the zero bits encode() pads with, or the text has two spellings.
  if ((n & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::string ConversationCursor::encode() const {
  json::object o{{"q", query}, {"f", filters}, {"i", last_id}};
  if (relevance) {
    o["o"] = "relevance";
    o["s"] = score;
    o["m"] = max_id;
  } else {
    o["o"] = "newest";
  }
  return base64url_encode(json::serialize(o));
}

std::optional<ConversationCursor> ConversationCursor::decode(std::string_view text) {
  if (text.size() > kMaxText) return std::nullopt;
  const auto bytes = base64url_decode(text);
  if (!bytes) return std::nullopt;
  boost::system::error_code ec;
  const json::value parsed = json::parse(*bytes, ec);
  if (ec || !parsed.is_object()) return std::nullopt;
  const auto& o = parsed.get_object();
  const auto* query = string_at(o, "q");
  const auto* filters = string_at(o, "f");
  const auto* order = string_at(o, "o");
  const auto last_id = id_at(o, "i");
  if (!query || !filters || !order || !last_id) return std::nullopt;
  ConversationCursor cursor;
  cursor.query = std::string(*query);
  cursor.filters = std::string(*filters);
  cursor.last_id = *last_id;
  if (*order == "relevance") {
    const auto score = int_at(o, "s");
    const auto max_id = id_at(o, "m");
    if (!score || !max_id) return std::nullopt;
    cursor.relevance = true;
    cursor.score = *score;
    cursor.max_id = *max_id;
  } else if (*order != "newest") {
    return std::nullopt;
  }
  return cursor;
}

}  // namespace livedesk::service
