#include "service/attachment_service.hpp"

#include <set>

#include "domain/message_rules.hpp"
#include "store/blob_store.hpp"
#include "support/content_inspection.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::service {
namespace {
ChatError unavailable() { return {503, "unavailable", "the server is shutting down"}; }

// What customers and agents may send: pictures, documents, sound, video.
bool allowed_mime(const std::string& mime) {
  static const std::set<std::string> allowed{
      "image/png", "image/jpeg",  "image/gif", "image/webp", "application/pdf", "text/plain", "audio/mpeg",
      "audio/ogg", "audio/x-wav", "audio/wav", "audio/webm", "video/mp4",       "video/webm", "video/quicktime"};
  return allowed.count(mime) != 0;
}
}  // namespace

void AttachmentService::upload(Actor actor, std::int64_t session_id, std::string name, std::string bytes,
                               Done<Upload> done) {
  if (bytes.empty()) return done(ChatError{400, "invalid_field", "the file is empty"});
  if (bytes.size() > domain::max_attachment_bytes)
    return done(ChatError{413, "payload_too_large", "files are limited to 10 MiB"});
  if (name.empty() || name.size() > 200 || name.find('\0') != std::string::npos)
    return done(ChatError{400, "invalid_field", "name must be 1-200 characters, without NUL"});
  const bool queued = files_.post([this, actor, session_id, name = std::move(name), bytes = std::move(bytes), done] {
    UploadedFile file;
    file.session_id = session_id;
    file.name = name;
    file.size = std::int64_t(bytes.size());
    try {
      file.mime = support::sniff_mime_type(bytes);
      if (!allowed_mime(file.mime))
        return done(ChatError{415, "unsupported_media_type", "files of type " + file.mime + " are not accepted"});
      file.sha256 = support::sha256_hex(bytes);
      blobs_.put(file.sha256, bytes);
    } catch (const std::exception& error) {
      return done(ChatError{503, "store_error", error.what()});
    }
    chat_.call(calls::RecordUpload{actor, session_id, std::move(file)}, done);
  });
  if (!queued) done(unavailable());
}

void AttachmentService::download(Actor actor, std::int64_t session_id, std::string sha256, Done<Download> done) {
  chat_.call(calls::FindUpload{actor, session_id, std::move(sha256)}, [this, done](Outcome<UploadedFile> found) {
    if (auto* error = std::get_if<ChatError>(&found)) return done(*error);
    auto file = std::get<UploadedFile>(found);
    const bool queued = files_.post([this, file, done] {
      try {
        auto bytes = blobs_.get(file.sha256);
        if (!bytes) return done(ChatError{404, "not_found", "the file is missing from storage"});
        done(Download{std::move(*bytes), file.mime, file.name});
      } catch (const std::exception& error) {
        done(ChatError{503, "store_error", error.what()});
      }
    });
    if (!queued) done(unavailable());
  });
}

// #14 privacy
namespace {
// Deletes the erasure's unused files on the files thread, then answers. A file that cannot be deleted is
// reported (503) although the erasure committed: the rows no longer point at it, and erasing again retries.
Done<ErasureCounts> delete_files_after(support::WorkerThread& files, store::BlobStore& blobs, Done<ErasureCounts> done) {
  return [&files, &blobs, done](Outcome<ErasureCounts> outcome) {
    auto* counts = std::get_if<ErasureCounts>(&outcome);
    if (!counts || counts->unused_blobs.empty()) return done(outcome);
    const bool queued = files.post([&blobs, done, counts = *counts] {
      try {
        for (const auto& sha256 : counts.unused_blobs) blobs.remove(sha256);
        done(counts);
      } catch (const std::exception& error) {
        done(ChatError{503, "store_error", std::string("the files could not all be deleted: ") + error.what()});
      }
    });
    if (!queued) done(unavailable());
  };
}
}  // namespace

void AttachmentService::erase_contact(Actor admin, std::int64_t contact_id, Done<ErasureCounts> done) {
  chat_.call(calls::EraseContact{admin, contact_id}, delete_files_after(files_, blobs_, std::move(done)));
}

void AttachmentService::erase_expired(std::int64_t cutoff_ms, int limit, Done<ErasureCounts> done) {
  chat_.call(calls::EraseExpired{cutoff_ms, limit}, delete_files_after(files_, blobs_, std::move(done)));
}

}  // namespace livedesk::service
