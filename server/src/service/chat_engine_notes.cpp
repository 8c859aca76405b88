// Private notes and supervisor whispers on a chat.
#include <algorithm>
#include <boost/json.hpp>

#include "domain/message_rules.hpp"
#include "service/chat_engine.hpp"

namespace livedesk::service {
namespace {}  // namespace

domain::NoteView ChatEngine::note_view(const store::Note& n) {
  auto* author = find_agent(n.author_user_id);
  return {n.id, n.session_id, n.author_user_id, author ? author->name : "", n.kind, n.body, n.created_ms, n.updated_ms};
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::AddNote& call,
                        Done<domain::NoteView> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  const auto& kind = call.kind;
  const auto& body = call.body;
  // Customers never see notes: to them there is nothing here.
  if (actor.is_customer() || (!find_open(session_id) && !s.sessions().find(session_id)))
    return done(not_found("session", session_id));
  if (kind == "whisper" && !domain::has_at_least(actor.role, domain::Role::supervisor))
    return done(ChatError{403, "forbidden", "only supervisors whisper"});
  if (auto refusal = write_refusal(s, actor, session_id)) return done(*refusal);
  if (kind == "whisper" && !find_open(session_id)) return done(ChatError{409, "session_closed", "the chat is closed"});
  if (domain::is_blank(body)) return done(ChatError{400, "invalid_field", "the note is empty"});
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
  emit(s, h, bus::NoteChanged{v, "created", agent_of(session_id)});
  h.after_commit([done, v](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the note could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::EditNote& call,
                        Done<domain::NoteView> done) {
  const auto& actor = call.actor;
  const auto& note_id = call.note_id;
  const auto& body = call.body;
  auto note = s.notes().find(note_id);
  if (actor.is_customer() || !note || note->deleted_ms) return done(not_found("note", note_id));
  // Its author edits and deletes it; an admin may delete anyone's (and edits none but their own).
  const bool removal_by_admin = !body && actor.role == domain::Role::admin;
  if (note->author_user_id != actor.id && !removal_by_admin)
    return done(ChatError{403, "not_author", body ? "only its author may change a note"
                                                  : "only its author (or an admin) may delete a note"});
  if (body && domain::is_blank(*body)) return done(ChatError{400, "invalid_field", "the note is empty"});
  if (body && body->size() > 8 * 1024) return done(ChatError{400, "invalid_field", "the note is longer than 8 KiB"});
  note->updated_ms = now_ms();
  if (body)
    note->body = *body;
  else
    note->deleted_ms = now_ms();
  s.notes().update(*note);
  audit(s, actor, body ? "note.updated" : "note.deleted", "note", note_id);
  auto v = note_view(*note);
  emit(s, h, bus::NoteChanged{v, body ? "updated" : "deleted", agent_of(note->session_id)});
  h.after_commit([done, v](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the note could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::ListNotes& call,
                        Done<std::vector<domain::NoteView>> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  if (actor.is_customer() || (!find_open(session_id) && !s.sessions().find(session_id)))
    return done(not_found("session", session_id));
  std::vector<domain::NoteView> out;
  for (const auto& note : s.notes().of_session(session_id)) out.push_back(note_view(note));
  return done(out);
}

}  // namespace livedesk::service
