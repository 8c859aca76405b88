#pragma once
// One-time libsodium initialisation shared by everything in auth/.

namespace livedesk::auth::detail {

// Calls sodium_init() exactly once per process (a function-local static, so
// concurrent first calls are safe). Throws std::runtime_error if libsodium
// cannot initialise, because hashing or random bytes without it are unsafe.
void ensure_sodium_initialized();

}  // namespace livedesk::auth::detail
