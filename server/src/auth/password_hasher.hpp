#pragma once
// Password hashing for staff accounts: Argon2id in libsodium's self-describing
// string format ("$argon2id$v=19$m=...,t=...,p=...$salt$hash").
//
// All three functions are thread-safe and may be called from any thread. They
// are deliberately slow (tens of milliseconds, 64 MiB each), so call them off
// latency-sensitive threads such as the network event loop.
#include <string>
#include <string_view>

namespace livedesk::auth {

// Hashes `password` (any bytes, any length, including empty) with Argon2id at
// libsodium's "interactive" cost with a fresh random salt, so two calls with
// the same password give different strings. Throws std::runtime_error when
// hashing fails (in practice: the 64 MiB work area could not be allocated).
std::string hash_password(std::string_view password);

// True only when `stored_hash` is a well-formed libsodium password hash and
// `password` matches it. Malformed, truncated or empty hashes yield false.
// Never throws.
bool verify_password(std::string_view stored_hash, std::string_view password) noexcept;

// Spends the same time as verify_password does for a real account, against a
// fixed dummy hash, and discards the result. Call it when the username is
// unknown so that response time does not reveal which usernames exist.
// Never throws.
void burn_verify_time(std::string_view password) noexcept;

}  // namespace livedesk::auth
