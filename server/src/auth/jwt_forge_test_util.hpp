#pragma once
// Test-only helpers that build JWTs by hand, so tests can present verify()
// with exactly the header, claims and signature an attacker could send.
#include <jwt.h>
#include <sodium.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

namespace livedesk::auth::testing {

inline std::string base64url(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("sodium_init failed");
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

// HMAC-SHA256 of `input` under `key` (any length), base64url-encoded.
inline std::string hs256_signature(std::string_view input, std::string_view key) {
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  crypto_auth_hmacsha256_final(&state, mac);
  return base64url(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

inline std::string unsigned_part(std::string_view header_json, std::string_view payload_json) {
  return base64url(header_json) + "." + base64url(payload_json);
}

// header.payload.signature, with an HS256 signature over whatever header is given.
inline std::string forge_hs256(std::string_view header_json, std::string_view payload_json, std::string_view key) {
  const std::string input = unsigned_part(header_json, payload_json);
  return input + "." + hs256_signature(input, key);
}

inline std::string forge_hs256(std::string_view payload_json, std::string_view key) {
  return forge_hs256(R"({"alg":"HS256","typ":"JWT"})", payload_json, key);
}

// A token signed by libjwt itself with another HMAC algorithm (HS384, HS512).
inline std::string sign_with_libjwt(jwt_alg_t alg, std::string_view payload_json, std::string_view key) {
  jwt_t* jwt = nullptr;
  if (jwt_new(&jwt) != 0) throw std::runtime_error("jwt_new failed");
  std::string token;
  if (jwt_add_grants_json(jwt, std::string(payload_json).c_str()) == 0 &&
      jwt_set_alg(jwt, alg, reinterpret_cast<const unsigned char*>(key.data()), static_cast<int>(key.size())) == 0) {
    if (char* encoded = jwt_encode_str(jwt)) {
      token = encoded;
      std::free(encoded);
    }
  }
  jwt_free(jwt);
  if (token.empty()) throw std::runtime_error("libjwt could not sign the test token");
  return token;
}

}  // namespace livedesk::auth::testing
