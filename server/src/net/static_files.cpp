#include "net/static_files.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace livedesk::net {
namespace fs = std::filesystem;

std::string content_type_for(const fs::path& file) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> types{{
      {".html", "text/html; charset=utf-8"},       {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},  {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},               {".map", "application/json"},
      {".svg", "image/svg+xml"},                   {".png", "image/png"},
      {".jpg", "image/jpeg"},                      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},                       {".webp", "image/webp"},
      {".ico", "image/x-icon"},                    {".woff", "font/woff"},
      {".woff2", "font/woff2"},                    {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},       {".wasm", "application/wasm"},
      {".webmanifest", "application/manifest+json"}, {".xml", "application/xml"},
  }};
  std::string extension = file.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const auto& [ext, type] : types)
    if (ext == extension) return std::string(type);
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::canonical(root, ec);
  if (ec || !fs::is_directory(root_, ec)) root_.clear();
}

std::optional<fs::path> StaticFiles::contained(const fs::path& candidate) const {
  std::error_code ec;
  fs::path real = fs::canonical(candidate, ec);  // follows symlinks, so a link out is caught below
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
  auto [root_end, _] = std::mismatch(root_.begin(), root_.end(), real.begin(), real.end());
  if (root_end != root_.end()) return std::nullopt;
  return real;
}

std::optional<StaticFile> StaticFiles::resolve(std::string_view url_path) const {
  if (root_.empty() || url_path.empty() || url_path.front() != '/') return std::nullopt;
  if (url_path.find('\0') != std::string_view::npos || url_path.find('\\') != std::string_view::npos)
    return std::nullopt;
  fs::path relative;
  std::size_t start = 1;
  while (start <= url_path.size()) {
    std::size_t end = std::min(url_path.find('/', start), url_path.size());
    std::string_view segment = url_path.substr(start, end - start);
    if (segment == "..") return std::nullopt;
    if (!segment.empty() && segment != ".") relative /= std::string(segment);
    start = end + 1;
  }
  if (relative.empty()) relative = "index.html";
  if (auto file = contained(root_ / relative)) return StaticFile{*file, content_type_for(*file)};
  if (auto directory_index = contained(root_ / relative / "index.html"))
    return StaticFile{*directory_index, content_type_for(*directory_index)};
  // Client-side routes (/dashboard, /agent) have no extension: give them the app.
  if (!relative.has_extension())
    if (auto app = contained(root_ / "index.html")) return StaticFile{*app, content_type_for(*app)};
  return std::nullopt;
}

}  // namespace livedesk::net
