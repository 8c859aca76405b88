#include "auth/api_token_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

#include "auth/sodium_init.hpp"

namespace livedesk::auth {

ApiTokenHasher::ApiTokenHasher(std::string_view key) {
  detail::ensure_sodium_initialized();
  if (key.empty()) throw std::invalid_argument("the API token key must not be empty");
  crypto_generichash(key_, sizeof key_, reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
}

std::string ApiTokenHasher::new_secret() {
  detail::ensure_sodium_initialized();
  unsigned char bytes[32];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(hex);
}

std::string ApiTokenHasher::hash(std::string_view secret) const {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(secret.data()), secret.size(), key_,
                     sizeof key_);
  char hex[sizeof out * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return std::string(hex);
}

bool ApiTokenHasher::same(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace livedesk::auth
