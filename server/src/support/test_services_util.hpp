#pragma once
// Where the test PostgreSQL and Redis listen (tests only). CTest starts them
// with scripts/test-services.sh and names its env file in LIVEDESK_TEST_SERVICES;
// a test binary run by hand without it skips the tests that need them.
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <string>

namespace livedesk::support {

// The value of `key` (LIVEDESK_TEST_PG_URL, LIVEDESK_TEST_REDIS_URL) or nullopt.
inline std::optional<std::string> test_service(const std::string& key) {
  if (const char* direct = std::getenv(key.c_str())) return std::string(direct);
  const char* file = std::getenv("LIVEDESK_TEST_SERVICES");
  if (!file) return std::nullopt;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos && line.substr(0, eq) == key) return line.substr(eq + 1);
  }
  return std::nullopt;
}

}  // namespace livedesk::support
