// Static file paths (net/static_files) over any bytes, as a percent-decoded URL
// path: against a build folder with files, a sub-folder with its own index, a
// symlink to a file outside and one to a folder outside, resolve() yields only
// regular files inside the folder (never what the links point to), with the
// Content-Type of the file it names; the folder's own files resolve to themselves.
#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <unistd.h>

#include "fakes/fuzz_check.hpp"
#include "net/static_files.hpp"

namespace {
namespace fs = std::filesystem;

// <temp>/livedesk-fuzz-static-<pid>/{secret.txt, outside/, root/{index.html, assets/app.js, help/index.html, links}}.
struct BuildFolder {
  BuildFolder() {
    fs::remove_all(base);
    fs::create_directories(root / "assets");
    fs::create_directories(root / "help");
    fs::create_directories(base / "outside");
    for (const auto& file : {root / "index.html", root / "assets" / "app.js", root / "help" / "index.html",
                             base / "secret.txt", base / "outside" / "passwd"})
      std::ofstream(file) << "x";
    fs::create_symlink(base / "secret.txt", root / "leak.txt");
    fs::create_directory_symlink(base / "outside", root / "out");
    std::atexit([] {
      std::error_code ignored;
      fs::remove_all(folder(), ignored);
    });
  }
  static fs::path folder() { return fs::temp_directory_path() / ("livedesk-fuzz-static-" + std::to_string(::getpid())); }

  fs::path base = fs::canonical(fs::temp_directory_path()) / ("livedesk-fuzz-static-" + std::to_string(::getpid()));
  fs::path root = base / "root";
};

const BuildFolder& build_folder() {
  static const auto* built = new BuildFolder;
  return *built;
}

bool inside(const fs::path& root, const fs::path& file) {
  auto [root_end, _] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return root_end == root.end();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const auto& folder = build_folder();
  static const livedesk::net::StaticFiles files(folder.root);
  const std::string_view url_path(reinterpret_cast<const char*>(bytes), size);
  const auto found = files.resolve(url_path);
  if (!found) {
    for (std::string_view own : {"/", "/index.html", "/assets/app.js", "/help/", "/help/index.html"})
      FUZZ_CHECK(url_path != own);
    return 0;
  }
  FUZZ_CHECK(inside(folder.root, found->path));
  FUZZ_CHECK(fs::is_regular_file(found->path) && !fs::is_symlink(found->path));
  FUZZ_CHECK(found->content_type == livedesk::net::content_type_for(found->path));
  if (url_path == "/assets/app.js") FUZZ_CHECK(found->path == folder.root / "assets" / "app.js");
  return 0;
}
