#pragma once
// Which session may see which uploaded file (the bytes are in a BlobStore).
// Reached through Store::uploads(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A file uploaded to a session, stored by content hash.
struct UploadedFile {
  std::int64_t session_id = 0;
  std::string sha256;  // 64 hex characters
  std::string name;
  std::string mime;
  std::int64_t size = 0;
  std::int64_t created_ms = 0;
};
BOOST_DESCRIBE_STRUCT(UploadedFile, (), (session_id, sha256, name, mime, size, created_ms))

// The attachments table.
class UploadStore {
 public:
  // Uploading the same bytes to the same session twice keeps the first row.
  virtual void insert(const UploadedFile& file) = 0;
  virtual std::optional<UploadedFile> find(std::int64_t session_id, std::string_view sha256) = 0;
  // The session's files, oldest first (created_ms, then upload order): what a contact export lists.
  virtual std::vector<UploadedFile> of_session(std::int64_t session_id) = 0;

 protected:
  ~UploadStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
