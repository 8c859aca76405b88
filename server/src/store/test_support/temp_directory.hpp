#pragma once
// Test helper: a fresh directory under the system temp dir, removed with
// everything in it when the object goes away. Header-only (not in the library).
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <string>
#include <system_error>

namespace livedesk::store::test_support {

// A uniquely named scratch directory owned by one test.
class TempDirectory {
 public:
  TempDirectory() {
    static std::atomic<int> counter{0};
    std::random_device random;
    // pid + counter + random: unique across parallel test processes and reruns.
    const std::string name = "livedesk-store-test-" + std::to_string(::getpid()) + "-" +
                             std::to_string(counter++) + "-" + std::to_string(random());
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::create_directories(path_);
  }
  ~TempDirectory() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDirectory(const TempDirectory&) = delete;
  TempDirectory& operator=(const TempDirectory&) = delete;

  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace livedesk::store::test_support
