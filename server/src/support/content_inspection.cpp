#include "support/content_inspection.hpp"

#include <magic.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>

namespace livedesk::support {
namespace {
struct MagicCloser {
  void operator()(magic_t handle) const { magic_close(handle); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

magic_t thread_magic() {
  thread_local Magic handle = [] {
    Magic m(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS));
    if (!m || magic_load(m.get(), nullptr) != 0) throw std::runtime_error("libmagic could not load its database");
    return m;
  }();
  return handle.get();
}
}  // namespace

std::string sniff_mime_type(std::string_view bytes) {
  const char* type = magic_buffer(thread_magic(), bytes.data(), bytes.size());
  return type ? type : "application/octet-stream";
}

std::string sha256_hex(std::string_view bytes) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

}  // namespace livedesk::support
