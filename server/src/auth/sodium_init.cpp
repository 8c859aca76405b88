#include "auth/sodium_init.hpp"

#include <sodium.h>

#include <stdexcept>

namespace livedesk::auth::detail {

void ensure_sodium_initialized() {
  // sodium_init returns 0 on first success, 1 if already initialised, -1 on failure.
  static const bool initialized = sodium_init() >= 0;
  if (!initialized) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace livedesk::auth::detail
