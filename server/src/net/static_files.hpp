#pragma once
// Resolves URL paths to files of the web app's build folder. Never yields a
// path outside that folder ("..", symlinks out, NUL bytes); paths without a
// file extension fall back to index.html so the app's client-side routes load.
// Immutable after construction; safe from any thread.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace livedesk::net {

// A file to send and its Content-Type.
struct StaticFile {
  std::filesystem::path path;
  std::string content_type;
};

// The web app's build folder.
class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // `url_path` is already percent-decoded.
  std::optional<StaticFile> resolve(std::string_view url_path) const;

 private:
  std::optional<std::filesystem::path> contained(const std::filesystem::path& candidate) const;

  std::filesystem::path root_;  // canonical, or empty when the folder does not exist
};

std::string content_type_for(const std::filesystem::path& file);

}  // namespace livedesk::net
