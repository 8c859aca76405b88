#include "auth/password_hasher.hpp"

#include <sodium.h>

#include <stdexcept>

#include "auth/sodium_init.hpp"

namespace livedesk::auth {

std::string hash_password(std::string_view password) {
  detail::ensure_sodium_initialized();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing failed (out of memory?)");
  }
  return std::string(out);  // libsodium NUL-terminates within STRBYTES
}

bool verify_password(std::string_view stored_hash, std::string_view password) noexcept {
  try {
    detail::ensure_sodium_initialized();
    // libsodium reads a NUL-terminated string of at most STRBYTES bytes; anything
    // longer or with an embedded NUL cannot be a hash it produced.
    if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES ||
        stored_hash.find('\0') != std::string_view::npos) {
      return false;
    }
    char hash[crypto_pwhash_STRBYTES] = {};
    stored_hash.copy(hash, stored_hash.size());
    return crypto_pwhash_str_verify(hash, password.data(), password.size()) == 0;
  } catch (...) {
    return false;  // only sodium initialisation can throw; treat as "no match"
  }
}

namespace {

// Built once, on first use; C++ guarantees the static is initialised exactly
// once even when several threads race here. Same parameters as hash_password,
// so verifying against it costs the same as verifying a real account.
const std::string& dummy_hash() {
  static const std::string hash = hash_password("livedesk-timing-equaliser");
  return hash;
}

}  // namespace

void burn_verify_time(std::string_view password) noexcept {
  try {
    (void)verify_password(dummy_hash(), password);
  } catch (...) {
    // The dummy hash could not be built (out of memory); nothing to equalise against.
  }
}

}  // namespace livedesk::auth
