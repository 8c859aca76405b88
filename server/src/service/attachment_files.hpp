#pragma once
// The byte-handling halves of attachments, shared by every ChatService: the
// type read from the bytes (libmagic) against an allow-list, SHA-256 naming,
// and BlobStore I/O, all on the file worker so no network or store thread
// waits on hashing or disk. The engine-side halves (who may, which row) are
// handed in, so a node forwarding to its leader reuses these unchanged.
#include <functional>
#include <string>

#include "service/chat_types.hpp"
#include "store/blob_store.hpp"
#include "store/store.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::service {

using RecordUpload = std::function<void(store::UploadedFile file, Done<Upload> done)>;

// Checks and stores `bytes`, then calls `record` (from the file worker) to
// register the row; 400/413/415 for a bad file, 503 when shutting down.
void store_upload(support::WorkerThread& files, store::BlobStore& blobs, std::int64_t session_id, std::string name,
                  std::string bytes, RecordUpload record, Done<Upload> done);

// Reads the bytes of `found` (a row the engine allowed) on the file worker.
void read_download(support::WorkerThread& files, store::BlobStore& blobs, Outcome<store::UploadedFile> found,
                   Done<Download> done);

}  // namespace livedesk::service
