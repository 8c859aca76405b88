#pragma once
// Secrets of API tokens: made from 32 random bytes, stored only as a keyed hash. Immutable after construction,
// so any thread may call it.
//
// Why a keyed BLAKE2b (libsodium's crypto_generichash) and not Argon2id like passwords: a password is short and
// guessable, so its hash must be slow; a token secret is 256 random bits, which no amount of guessing finds, so
// a slow hash would buy nothing and cost an Argon2 run on every API request (and hand anyone who sends bearer
// tokens a way to burn the server's CPU). The key, kept in the database's shared settings, means a copy of the
// api_tokens table alone cannot even check a candidate secret.
#include <string>
#include <string_view>

namespace livedesk::auth {

// Makes API token secrets and hashes them under the server's key.
class ApiTokenHasher {
 public:
  // Any non-empty key text (a random hex secret); it is itself hashed to the 32-byte BLAKE2b key.
  explicit ApiTokenHasher(std::string_view key);

  // 32 random bytes as 64 lowercase hex characters.
  static std::string new_secret();
  // Hex of the 32-byte keyed BLAKE2b hash of `secret`.
  std::string hash(std::string_view secret) const;
  // Constant-time comparison of two hashes of equal length (unequal lengths are simply unequal).
  static bool same(std::string_view a, std::string_view b);

 private:
  unsigned char key_[32];
};

}  // namespace livedesk::auth
