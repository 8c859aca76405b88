// Private notes, supervisor whispers and canned responses.
#include <algorithm>
#include <boost/json.hpp>

#include "service/chat_engine.hpp"

namespace livedesk::service {
namespace {

domain::CannedView canned_view(const store::CannedResponse& c) {
  return {c.id, c.owner_user_id, c.shortcut, c.title, c.body, c.updated_ms};
}

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r\n") == std::string::npos; }

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}
}  // namespace

domain::NoteView ChatEngine::note_view(const store::Note& n) {
  auto* author = find_agent(n.author_user_id);
  return {n.id, n.session_id, n.author_user_id, author ? author->name : "", n.kind, n.body, n.created_ms, n.updated_ms};
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::AddNote& call, Done<domain::NoteView> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  const auto& kind = call.kind;
  const auto& body = call.body;
  if (actor.is_customer() || !may_access(actor, session_id) || (!find_open(session_id) && !s.sessions().find(session_id)))
    return done(not_found("session", session_id));
  if (kind == "whisper") {
    if (!domain::has_at_least(actor.role, domain::Role::supervisor))
      return done(ChatError{403, "forbidden", "only supervisors whisper"});
    if (!find_open(session_id)) return done(ChatError{409, "session_closed", "the chat is closed"});
  }
  if (blank(body)) return done(ChatError{400, "invalid_field", "the note is empty"});
  if (body.size() > 8 * 1024) return done(ChatError{400, "invalid_field", "the note is longer than 8 KiB"});
  agent_entry(s, actor.id);  // so the author's name is known
  store::Note note;
  note.session_id = session_id;
  note.author_user_id = actor.id;
  note.kind = kind;
  note.body = body;
  note.created_ms = note.updated_ms = now_ms();
  note.id = s.notes().insert(note);
  audit(s, actor, kind == "whisper" ? "session.whisper" : "note.created", "session", session_id,
        boost::json::serialize(boost::json::object{{"note_id", note.id}}));
  auto v = note_view(note);
  emit(h, bus::NoteChanged{v, "created", agent_of(session_id)});
  h.after_commit([done, v](bool ok) { ok ? done(v) : done(ChatError{503, "unavailable", "the note could not be saved"}); });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::EditNote& call, Done<domain::NoteView> done) {
  const auto& actor = call.actor;
  const auto& note_id = call.note_id;
  const auto& body = call.body;
  auto note = s.notes().find(note_id);
  if (!note || note->deleted_ms || !may_access(actor, note->session_id)) return done(not_found("note", note_id));
  if (note->author_user_id != actor.id) return done(ChatError{403, "forbidden", "only its author may change a note"});
  if (body && blank(*body)) return done(ChatError{400, "invalid_field", "the note is empty"});
  if (body && body->size() > 8 * 1024) return done(ChatError{400, "invalid_field", "the note is longer than 8 KiB"});
  note->updated_ms = now_ms();
  if (body) note->body = *body;
  else note->deleted_ms = now_ms();
  s.notes().update(*note);
  audit(s, actor, body ? "note.updated" : "note.deleted", "note", note_id);
  auto v = note_view(*note);
  emit(h, bus::NoteChanged{v, body ? "updated" : "deleted", agent_of(note->session_id)});
  h.after_commit([done, v](bool ok) { ok ? done(v) : done(ChatError{503, "unavailable", "the note could not be saved"}); });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::ListNotes& call,
                        Done<std::vector<domain::NoteView>> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  if (actor.is_customer() || !may_access(actor, session_id) || (!find_open(session_id) && !s.sessions().find(session_id)))
    return done(not_found("session", session_id));
  std::vector<domain::NoteView> out;
  for (const auto& note : s.notes().of_session(session_id)) out.push_back(note_view(note));
  return done(out);
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::SaveCanned& call, Done<domain::CannedView> done) {
  const auto& actor = call.actor;
  const auto& id = call.id;
  const auto& request = call.canned;
  if (request.shortcut.empty() || request.shortcut.size() > 32 ||
      std::any_of(request.shortcut.begin(), request.shortcut.end(), [](unsigned char c) { return std::isspace(c); }))
    return done(ChatError{400, "invalid_field", "shortcut must be 1-32 characters without spaces"});
  if (blank(request.title) || request.title.size() > 200)
    return done(ChatError{400, "invalid_field", "title must be 1-200 characters"});
  if (blank(request.body) || request.body.size() > 8 * 1024)
    return done(ChatError{400, "invalid_field", "body must be 1 byte to 8 KiB"});
  store::CannedResponse canned;
  if (id) {
    auto existing = s.canned().find(*id);
    const bool mine = existing && existing->owner_user_id == actor.id;
    const bool shared_and_admin = existing && !existing->owner_user_id && actor.role == domain::Role::admin;
    if (!existing || (existing->owner_user_id && !mine)) return done(not_found("canned response", *id));
    if (!mine && !shared_and_admin) return done(ChatError{403, "forbidden", "only admins change shared responses"});
    canned = *existing;
  } else {
    if (request.shared && actor.role != domain::Role::admin)
      return done(ChatError{403, "forbidden", "only admins add shared responses"});
    if (!request.shared) canned.owner_user_id = actor.id;
    canned.created_ms = now_ms();
  }
  canned.shortcut = request.shortcut;
  canned.title = request.title;
  canned.body = request.body;
  canned.updated_ms = now_ms();
  try {
    if (id) s.canned().update(canned);
    else canned.id = s.canned().insert(canned);
  } catch (const store::DuplicateError&) {
    return done(ChatError{409, "duplicate_shortcut", "the shortcut " + canned.shortcut + " is already in use"});
  }
  audit(s, actor, id ? "canned.updated" : "canned.created", "canned_response", canned.id,
        boost::json::serialize(boost::json::object{{"shortcut", canned.shortcut}, {"shared", !canned.owner_user_id}}));
  auto v = canned_view(canned);
  emit(h, bus::CannedChanged{v, id ? "updated" : "created"});
  h.after_commit([done, v](bool ok) { ok ? done(v) : done(ChatError{503, "unavailable", "the response could not be saved"}); });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::DeleteCanned& call, Done<domain::CannedView> done) {
  const auto& actor = call.actor;
  const auto& id = call.id;
  auto existing = s.canned().find(id);
  if (!existing || (existing->owner_user_id && existing->owner_user_id != actor.id))
    return done(not_found("canned response", id));
  if (!existing->owner_user_id && actor.role != domain::Role::admin)
    return done(ChatError{403, "forbidden", "only admins remove shared responses"});
  s.canned().remove(id);
  audit(s, actor, "canned.deleted", "canned_response", id);
  auto v = canned_view(*existing);
  emit(h, bus::CannedChanged{v, "deleted"});
  h.after_commit([done, v](bool ok) { ok ? done(v) : done(ChatError{503, "unavailable", "the removal could not be saved"}); });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::SearchCanned& call,
                        Done<std::vector<domain::CannedView>> done) {
  const auto& actor = call.actor;
  const auto& prefix = call.prefix;
  std::vector<domain::CannedView> out;
  for (const auto& c : s.canned().search(actor.id, prefix, 50)) out.push_back(canned_view(c));
  return done(out);
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::RenderCanned& call, Done<std::string> done) {
  const auto& actor = call.actor;
  const auto& canned_id = call.canned_id;
  const auto& session_id = call.session_id;
  auto canned = s.canned().find(canned_id);
  if (!canned || (canned->owner_user_id && canned->owner_user_id != actor.id))
    return done(not_found("canned response", canned_id));
  auto session = this->session(s, actor, session_id);
  if (auto* error = std::get_if<ChatError>(&session)) return done(*error);
  const auto& v = std::get<domain::SessionView>(session);
  std::string body = canned->body;
  replace_all(body, "{{customer.name}}", v.customer.name);
  replace_all(body, "{{agent.name}}", agent_entry(s, actor.id).name);
  replace_all(body, "{{session.id}}", std::to_string(v.id));
  return done(body);
}

}  // namespace livedesk::service
