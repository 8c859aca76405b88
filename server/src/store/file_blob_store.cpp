#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <random>
#include <stdexcept>

#include "store/blob_store.hpp"
#include "store/store.hpp"

namespace livedesk::store {
namespace fs = std::filesystem;

FileBlobStore::FileBlobStore(fs::path folder) : folder_(std::move(folder)) { fs::create_directories(folder_); }

fs::path FileBlobStore::path_of(std::string_view sha256) const {
  // The hash is the file name: only hex may reach the file system.
  if (sha256.size() != 64 || !std::all_of(sha256.begin(), sha256.end(), [](unsigned char c) { return std::isxdigit(c); }))
    throw StoreError("not a sha256 hex digest");
  return folder_ / std::string(sha256);
}

void FileBlobStore::put(std::string_view sha256, std::string_view bytes) {
  const fs::path target = path_of(sha256);
  if (fs::exists(target)) return;
  const fs::path temporary = target.string() + ".tmp" + std::to_string(std::random_device{}());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.flush();
    if (!out) throw StoreError("cannot write attachment " + target.string());
  }
  fs::rename(temporary, target);
}

std::optional<std::string> FileBlobStore::get(std::string_view sha256) {
  std::ifstream in(path_of(sha256), std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void FileBlobStore::remove(std::string_view sha256) {
  std::error_code ec;
  fs::remove(path_of(sha256), ec);
  if (ec) throw StoreError("cannot delete attachment " + std::string(sha256) + ": " + ec.message());
}

}  // namespace livedesk::store
