// Canned responses: shared ones (admins) and each agent's own, searched by prefix and rendered for a chat.
#include <algorithm>

#include "domain/message_rules.hpp"
#include "service/audit_detail.hpp"
#include "service/chat_engine.hpp"
#include "service/chat_views.hpp"

namespace livedesk::service {

namespace {
void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}
// Who may change or remove a canned response: an agent's own is its owner's alone (admins included), a
// shared one is the admins'.
std::optional<ChatError> canned_refusal(const store::CannedResponse& canned, const Actor& actor,
                                        const std::string& verb) {
  if (canned.owner_user_id) {
    if (*canned.owner_user_id == actor.id) return std::nullopt;
    return ChatError{403, "not_owner", "only its owner may " + verb + " an agent's own canned response"};
  }
  if (actor.role == domain::Role::admin) return std::nullopt;
  return ChatError{403, "forbidden", "only admins " + verb + " shared responses"};
}
}  // namespace

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::SaveCanned& call,
                        Done<domain::CannedView> done) {
  const auto& actor = call.actor;
  const auto& id = call.id;
  const auto& request = call.canned;
  if (request.shortcut.empty() || request.shortcut.size() > 32 ||
      std::any_of(request.shortcut.begin(), request.shortcut.end(), [](unsigned char c) { return std::isspace(c); }))
    return done(ChatError{400, "invalid_field", "shortcut must be 1-32 characters without spaces"});
  if (domain::is_blank(request.title) || request.title.size() > 200)
    return done(ChatError{400, "invalid_field", "title must be 1-200 characters"});
  if (domain::is_blank(request.body) || request.body.size() > 8 * 1024)
    return done(ChatError{400, "invalid_field", "body must be 1 byte to 8 KiB"});
  store::CannedResponse canned;
  if (id) {
    auto existing = s.canned().find(*id);
    if (!existing) return done(not_found("canned response", *id));
    if (auto refusal = canned_refusal(*existing, actor, "change")) return done(*refusal);
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
    if (id)
      s.canned().update(canned);
    else
      canned.id = s.canned().insert(canned);
  } catch (const store::DuplicateError&) {
    return done(ChatError{409, "duplicate_shortcut", "the shortcut " + canned.shortcut + " is already in use"});
  }
  audit(s, actor, id ? "canned.updated" : "canned.created", "canned_response", canned.id,
        audit_detail({{"shortcut", canned.shortcut}, {"shared", !canned.owner_user_id}}));
  auto v = to_view(canned);
  emit(s, h, bus::CannedChanged{v, id ? "updated" : "created"});
  h.after_commit([done, v](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the response could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::DeleteCanned& call,
                        Done<domain::CannedView> done) {
  const auto& actor = call.actor;
  const auto& id = call.id;
  auto existing = s.canned().find(id);
  if (!existing) return done(not_found("canned response", id));
  if (auto refusal = canned_refusal(*existing, actor, "remove")) return done(*refusal);
  s.canned().remove(id);
  audit(s, actor, "canned.deleted", "canned_response", id);
  auto v = to_view(*existing);
  emit(s, h, bus::CannedChanged{v, "deleted"});
  h.after_commit([done, v](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the removal could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::SearchCanned& call,
                        Done<std::vector<domain::CannedView>> done) {
  const auto& actor = call.actor;
  const auto& prefix = call.prefix;
  std::vector<domain::CannedView> out;
  for (const auto& c : s.canned().search(actor.id, prefix, 50)) out.push_back(to_view(c));
  return done(out);
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::RenderCanned& call, Done<std::string> done) {
  const auto& actor = call.actor;
  const auto& canned_id = call.canned_id;
  const auto& session_id = call.session_id;
  auto canned = s.canned().find(canned_id);
  if (!canned) return done(not_found("canned response", canned_id));
  if (canned->owner_user_id && canned->owner_user_id != actor.id)
    return done(ChatError{403, "not_owner", "this canned response is another agent's own"});
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
