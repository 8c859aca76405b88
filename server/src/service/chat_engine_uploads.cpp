// Uploads: who may attach a file to a chat or read one, and the file's row.
#include "service/chat_engine.hpp"

namespace livedesk::service {

std::string attachment_type(const std::string& mime) {
  if (mime.starts_with("image/")) return "image";
  if (mime.starts_with("audio/")) return "audio";
  if (mime.starts_with("video/")) return "video";
  return "file";
}

std::string upload_url(std::int64_t session_id, const std::string& sha256) {
  return "/api/v1/chat/sessions/" + std::to_string(session_id) + "/attachments/" + sha256;
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::RecordUpload& call, Done<Upload> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  const auto& file = call.file;
  if (auto refusal = write_refusal(s, actor, session_id)) return done(*refusal);
  if (!find_open(session_id)) return done(ChatError{409, "session_closed", "this chat is closed"});
  s.uploads().insert({file.session_id, file.sha256, file.name, file.mime, file.size, file.created_ms});
  Upload upload{file.sha256, file.name, file.mime, file.size, upload_url(session_id, file.sha256)};
  h.after_commit([done, upload](bool ok) {
    ok ? done(upload) : done(ChatError{503, "unavailable", "the upload could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::FindUpload& call, Done<UploadedFile> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  const auto& sha256 = call.sha256;
  if (!may_read(actor, session_id)) return done(not_found("session", session_id));
  auto file = s.uploads().find(session_id, sha256);
  if (!file) return done(ChatError{404, "not_found", "no such attachment in this chat"});
  done(UploadedFile{file->session_id, file->sha256, file->name, file->mime, file->size, file->created_ms});
}

}  // namespace livedesk::service
