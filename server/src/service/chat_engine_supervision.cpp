// Supervision: watching a chat live and joining it (barge-in).
#include "service/chat_engine.hpp"

namespace livedesk::service {

bool ChatEngine::may_watch(const Actor& actor, std::int64_t session_id) const {
  if (actor.is_customer()) return false;
  return open_.count(session_id) != 0;
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::BargeIn& call,
                        Done<domain::SessionView> done) {
  const auto& actor = call.supervisor;
  const auto& session_id = call.session_id;
  auto* session = find_open(session_id);
  if (!session) return done(closed_or_missing(s, session_id));
  if (session->row.status != "active")
    return done(ChatError{409, "not_active", "a supervisor can join only a chat that has an agent"});
  if (session->barged.insert(actor.id).second) {
    const std::string name = agent_entry(s, actor.id).name;
    add_system_message(s, h, *session, name + " (supervisor) joined the chat.");
    audit(s, actor, "session.barge_in", "session", session_id);
  }
  h.after_commit([done, v = view(*session)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "joining could not be saved"});
  });
}

void ChatEngine::handle(store::Store&, store::CommitHooks& h, const calls::Watch& call, Done<bool> done) {
  // Answered once every event published so far has been delivered, so the
  // watcher's subscription misses nothing that came before its answer.
  h.after_commit([this, done, allowed = may_watch(call.actor, call.session_id)](bool) {
    bus_.after_delivered([done, allowed] { done(allowed); });
  });
}

}  // namespace livedesk::service
