#pragma once
// Files kept by content hash (attachments). The interface hides the disk so
// services never do file I/O themselves. Safe from any thread: a blob is
// written once under a temporary name and renamed into place.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace livedesk::store {

class BlobStore {
 public:
  virtual ~BlobStore() = default;
  // Stores `bytes` under `sha256` (64 hex characters); a second put of the same hash is a no-op.
  virtual void put(std::string_view sha256, std::string_view bytes) = 0;
  virtual std::optional<std::string> get(std::string_view sha256) = 0;
  // Deletes the bytes (erasure, #14 privacy); removing what is not there is a no-op.
  virtual void remove(std::string_view sha256) = 0;
};

// Blobs as files in one folder (the data dir's attachments/).
class FileBlobStore final : public BlobStore {
 public:
  explicit FileBlobStore(std::filesystem::path folder);
  void put(std::string_view sha256, std::string_view bytes) override;
  std::optional<std::string> get(std::string_view sha256) override;
  void remove(std::string_view sha256) override;

 private:
  std::filesystem::path path_of(std::string_view sha256) const;
  std::filesystem::path folder_;
};

}  // namespace livedesk::store
