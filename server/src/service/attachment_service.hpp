#pragma once
// Attachments for every kind of node: the bytes' type read from the bytes
// (libmagic) against an allow-list, SHA-256 naming and BlobStore I/O, all on
// the file worker so no network or store thread waits on hashing or disk;
// who may upload or download, and the row, are chat use cases (RecordUpload,
// FindUpload) decided wherever ChatService decides. On a cluster the bytes go
// to the shared BlobStore from whichever node received them.
//
// Thread-safety: upload() and download() from any thread; `done` is called
// once, from the file worker or the chat service's thread. The service, the
// worker and the blob store must outlive this object.
#include <string>

#include "service/chat_service.hpp"

namespace livedesk::store {
class BlobStore;
}
namespace livedesk::support {
class WorkerThread;
}

namespace livedesk::service {

// Uploads and downloads of chat attachments; see the file comment.
class AttachmentService {
 public:
  AttachmentService(ChatService& chat, support::WorkerThread& files, store::BlobStore& blobs)
      : chat_(chat), files_(files), blobs_(blobs) {}

  // Checks and stores `bytes`, then records the row; 400/413/415 for a bad file, 503 when shutting down.
  void upload(Actor actor, std::int64_t session_id, std::string name, std::string bytes, Done<Upload> done);
  // The bytes of a file of the session, once the engine allowed `actor` to read it.
  void download(Actor actor, std::int64_t session_id, std::string sha256, Done<Download> done);
  // #14 privacy: erases a contact (calls::EraseContact), then deletes the files no chat uses any more.
  void erase_contact(Actor admin, std::int64_t contact_id, Done<ErasureCounts> done);
  // Retention: erases closed conversations closed before `cutoff_ms` (calls::EraseExpired), then their files.
  void erase_expired(std::int64_t cutoff_ms, int limit, Done<ErasureCounts> done);

 private:
  ChatService& chat_;
  support::WorkerThread& files_;
  store::BlobStore& blobs_;
};

}  // namespace livedesk::service
