// Just enough JWT handling for the tests to tamper with tokens and to sign
// their own with a secret they gave the server (LIVEDESK_JWT_SECRET).
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

namespace livedesk::it {

std::string base64url_encode(std::string_view bytes);
std::string base64url_decode(std::string_view text);  // throws on bad input
std::string sha256(std::string_view bytes);            // 32 raw bytes
std::string hmac_sha256(std::string_view key, std::string_view message);

struct JwtParts {
  boost::json::object header;
  boost::json::object payload;
  std::string signature;  // raw bytes
};

// Splits and decodes a compact JWT (throws when it is not one).
JwtParts decode_jwt(const std::string& token);
// Encodes header and payload and signs them with HS256 under `secret`.
std::string sign_hs256(const boost::json::object& header, const boost::json::object& payload,
                       const std::string& secret);

}  // namespace livedesk::it
