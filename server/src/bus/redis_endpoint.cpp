#include "bus/redis_endpoint.hpp"

#include <boost/url/parse.hpp>
#include <charconv>
#include <stdexcept>

namespace livedesk::bus {
namespace {

[[noreturn]] void bad(std::string_view url, std::string_view why) {
  throw std::invalid_argument("bad Redis URL '" + std::string(url) + "': " + std::string(why));
}

int parse_int(std::string_view text, int min, int max, std::string_view url, std::string_view what) {
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    bad(url, std::string(what) + " must be a number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return value;
}

}  // namespace

RedisEndpoint parse_redis_url(std::string_view url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed) bad(url, parsed.error().message());
  const auto& u = *parsed;
  if (u.scheme() == "rediss") bad(url, "TLS (rediss://) is not supported");
  if (u.scheme() != "redis") bad(url, "the scheme must be redis://");
  if (!u.has_authority() || u.host_address().empty()) bad(url, "no host");
  if (u.has_query() || u.has_fragment()) bad(url, "no query or fragment expected");

  RedisEndpoint endpoint;
  endpoint.host = u.host_address();  // without the brackets of an IPv6 literal
  if (u.has_port()) endpoint.port = parse_int(u.port(), 1, 65535, url, "the port");
  if (u.has_userinfo()) {
    endpoint.user = u.user();
    if (u.has_password()) endpoint.password = u.password();
    if (endpoint.password.empty()) bad(url, "a user without a password");
  }
  std::string_view path = u.encoded_path();
  if (!path.empty() && path != "/") endpoint.db = parse_int(path.substr(1), 0, 1 << 20, url, "the database");
  return endpoint;
}

}  // namespace livedesk::bus
