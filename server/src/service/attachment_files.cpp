#include "service/attachment_files.hpp"

#include <set>

#include "domain/message_rules.hpp"
#include "support/content_inspection.hpp"

namespace livedesk::service {
namespace {
ChatError unavailable() { return {503, "unavailable", "the server is shutting down"}; }

// What customers and agents may send: pictures, documents, sound, video.
bool allowed_mime(const std::string& mime) {
  static const std::set<std::string> allowed{
      "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain",
      "audio/mpeg", "audio/ogg", "audio/x-wav", "audio/wav", "audio/webm", "video/mp4", "video/webm", "video/quicktime"};
  return allowed.count(mime) != 0;
}
}  // namespace

void store_upload(support::WorkerThread& files, store::BlobStore& blobs, std::int64_t session_id, std::string name,
                  std::string bytes, RecordUpload record, Done<Upload> done) {
  if (bytes.empty()) return done(ChatError{400, "invalid_field", "the file is empty"});
  if (bytes.size() > domain::max_attachment_bytes) return done(ChatError{413, "payload_too_large", "files are limited to 10 MiB"});
  if (name.empty() || name.size() > 200 || name.find('\0') != std::string::npos)
    return done(ChatError{400, "invalid_field", "name must be 1-200 characters, without NUL"});
  const bool queued = files.post([&blobs, session_id, name = std::move(name), bytes = std::move(bytes), record, done] {
    store::UploadedFile file;
    file.session_id = session_id;
    file.name = name;
    file.size = std::int64_t(bytes.size());
    try {
      file.mime = support::sniff_mime_type(bytes);
      if (!allowed_mime(file.mime))
        return done(ChatError{415, "unsupported_media_type", "files of type " + file.mime + " are not accepted"});
      file.sha256 = support::sha256_hex(bytes);
      blobs.put(file.sha256, bytes);
    } catch (const std::exception& error) {
      return done(ChatError{503, "store_error", error.what()});
    }
    record(std::move(file), done);
  });
  if (!queued) done(unavailable());
}

void read_download(support::WorkerThread& files, store::BlobStore& blobs, Outcome<store::UploadedFile> found,
                   Done<Download> done) {
  if (auto* error = std::get_if<ChatError>(&found)) return done(*error);
  auto file = std::get<store::UploadedFile>(found);
  const bool queued = files.post([&blobs, file, done] {
    try {
      auto bytes = blobs.get(file.sha256);
      if (!bytes) return done(ChatError{404, "not_found", "the file is missing from storage"});
      done(Download{std::move(*bytes), file.mime, file.name});
    } catch (const std::exception& error) {
      done(ChatError{503, "store_error", error.what()});
    }
  });
  if (!queued) done(unavailable());
}

}  // namespace livedesk::service
