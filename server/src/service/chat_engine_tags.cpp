// Tags (#14): admins manage them; staff with write access to a chat put them on and take them off, during or
// after the chat. Every change of a conversation's tags is logged (conversation.tag_added / tag_removed).
#include "domain/role.hpp"
#include "domain/tag_rules.hpp"
#include "service/chat_engine.hpp"

namespace livedesk::service {
namespace {

ChatError conflict(std::string code, std::string message) { return {409, std::move(code), std::move(message)}; }

domain::TagView tag_view(const store::Tag& t) { return {t.id, t.name, t.color, t.archived_ms.has_value(), t.created_ms}; }

std::vector<domain::TagView> tag_views(const std::vector<store::Tag>& tags) {
  std::vector<domain::TagView> out;
  out.reserve(tags.size());
  for (const auto& t : tags) out.push_back(tag_view(t));
  return out;
}

}  // namespace

std::optional<ChatError> ChatEngine::conversation_write_refusal(store::Store& s, const Actor& actor,
                                                                std::int64_t session_id) {
  // Customers never see tags or dispositions: to them there is nothing here.
  if (actor.is_customer()) return not_found("session", session_id);
  return write_refusal(s, actor, session_id);
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::ListTags& call,
                        Done<std::vector<domain::TagView>> done) {
  done(tag_views(s.tags().all(call.include_archived)));
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::SaveTag& call,
                        Done<domain::TagView> done) {
  const auto& actor = call.actor;
  if (actor.is_customer() || actor.role != domain::Role::admin)
    return done(ChatError{403, "forbidden", "only admins manage tags"});
  store::Tag tag;
  if (call.id) {
    auto found = s.tags().find(*call.id);
    if (!found) return done(not_found("tag", *call.id));
    tag = *found;
  } else {
    if (!call.tag_name) return done(ChatError{400, "missing_field", "a tag needs a name"});
    tag.created_ms = now_ms();
  }
  if (call.tag_name) {
    auto name = domain::normalized_label_name(*call.tag_name);
    if (!name) return done(ChatError{400, "invalid_field", "a tag's name holds 1 to 64 characters"});
    tag.name = *name;
  }
  if (call.color) {
    if (!domain::is_label_color(*call.color))
      return done(ChatError{400, "invalid_field", "a tag's colour is #rrggbb or empty"});
    tag.color = *call.color;
  }
  if (call.archived) {
    if (!*call.archived) tag.archived_ms.reset();
    else if (!tag.archived_ms) tag.archived_ms = now_ms();
  }
  try {
    if (call.id) s.tags().update(tag);
    else tag.id = s.tags().insert(tag);
  } catch (const store::DuplicateError&) {
    return done(conflict("tag_exists", "a tag named \"" + tag.name + "\" exists (names ignore case)"));
  }
  audit(s, actor, call.id ? "tag.updated" : "tag.created", "tag", tag.id);
  h.after_commit([done, v = tag_view(tag)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the tag could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::TagConversation& call,
                        Done<std::vector<domain::TagView>> done) {
  const auto& actor = call.actor;
  const auto session_id = call.session_id;
  if (auto refusal = conversation_write_refusal(s, actor, session_id)) return done(*refusal);
  auto tag = s.tags().find(call.tag_id);
  if (!tag) return done(not_found("tag", call.tag_id));
  // An archived tag stays on the conversations that have it and may be taken off, never put on again.
  if (call.add && tag->archived_ms)
    return done(conflict("tag_archived", "the tag \"" + tag->name + "\" is archived"));
  const bool changed = call.add ? s.tags().add_to_session(session_id, tag->id, actor.id, now_ms())
                                : s.tags().remove_from_session(session_id, tag->id);
  if (changed)
    emit(s, h,
         bus::ConversationTagChanged{session_id, tag_view(*tag), actor.id, call.add ? "added" : "removed",
                                     agent_of(session_id)});
  h.after_commit([done, tags = tag_views(s.tags().of_session(session_id))](bool ok) {
    ok ? done(tags) : done(ChatError{503, "unavailable", "the tags could not be saved"});
  });
}

}  // namespace livedesk::service
