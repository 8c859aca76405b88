// Dispositions (#14), the configurable close reasons: admins manage them and say whether closing needs one;
// staff with write access close with one or set it later. Each change is logged (conversation.disposition_set).
#include "domain/role.hpp"
#include "domain/tag_rules.hpp"
#include "service/chat_engine.hpp"

namespace livedesk::service {
namespace {

ChatError conflict(std::string code, std::string message) { return {409, std::move(code), std::move(message)}; }

domain::DispositionView disposition_view(const store::Disposition& d) {
  return {d.id, d.name, d.archived_ms.has_value(), d.created_ms};
}

}  // namespace

std::optional<ChatError> ChatEngine::close_disposition_refusal(store::Store& s, const Actor& actor,
                                                               const std::optional<std::int64_t>& disposition_id) {
  if (!disposition_id) {
    // A customer ending the chat picks no disposition; only staff are held to the setting.
    if (!actor.is_customer() && s.dispositions().required())
      return ChatError{400, "disposition_required", "closing a chat needs a disposition_id"};
    return std::nullopt;
  }
  if (actor.is_customer()) return ChatError{400, "bad_disposition", "customers close without a disposition"};
  auto found = s.dispositions().find(*disposition_id);
  if (!found || found->archived_ms)
    return ChatError{400, "bad_disposition",
                     "no disposition " + std::to_string(*disposition_id) + " to close with (unknown or archived)"};
  return std::nullopt;
}

void ChatEngine::record_disposition(store::Store& s, store::CommitHooks& h, const Actor& actor,
                                    std::int64_t session_id, std::optional<std::int64_t> disposition_id,
                                    std::optional<std::int64_t> agent_id) {
  s.dispositions().set_of_session(session_id, disposition_id);
  std::optional<domain::DispositionView> view;
  if (disposition_id)
    if (auto found = s.dispositions().find(*disposition_id)) view = disposition_view(*found);
  emit(s, h, bus::DispositionSet{session_id, view, actor.id, agent_id});
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::ListDispositions& call,
                        Done<std::vector<domain::DispositionView>> done) {
  std::vector<domain::DispositionView> out;
  for (const auto& d : s.dispositions().all(call.include_archived)) out.push_back(disposition_view(d));
  done(std::move(out));
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::SaveDisposition& call,
                        Done<domain::DispositionView> done) {
  const auto& actor = call.actor;
  if (actor.is_customer() || actor.role != domain::Role::admin)
    return done(ChatError{403, "forbidden", "only admins manage dispositions"});
  store::Disposition disposition;
  if (call.id) {
    auto found = s.dispositions().find(*call.id);
    if (!found) return done(not_found("disposition", *call.id));
    disposition = *found;
  } else {
    if (!call.disposition_name) return done(ChatError{400, "missing_field", "a disposition needs a name"});
    disposition.created_ms = now_ms();
  }
  if (call.disposition_name) {
    auto name = domain::normalized_label_name(*call.disposition_name);
    if (!name) return done(ChatError{400, "invalid_field", "a disposition's name holds 1 to 64 characters"});
    disposition.name = *name;
  }
  if (call.archived) {
    if (!*call.archived) disposition.archived_ms.reset();
    else if (!disposition.archived_ms) disposition.archived_ms = now_ms();
  }
  try {
    if (call.id) s.dispositions().update(disposition);
    else disposition.id = s.dispositions().insert(disposition);
  } catch (const store::DuplicateError&) {
    return done(conflict("disposition_exists",
                         "a disposition named \"" + disposition.name + "\" exists (names ignore case)"));
  }
  audit(s, actor, call.id ? "disposition.updated" : "disposition.created", "disposition", disposition.id);
  h.after_commit([done, v = disposition_view(disposition)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the disposition could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::SetDisposition& call,
                        Done<domain::SessionDispositionView> done) {
  const auto& actor = call.actor;
  const auto session_id = call.session_id;
  if (auto refusal = conversation_write_refusal(s, actor, session_id)) return done(*refusal);
  domain::SessionDispositionView out{session_id, std::nullopt};
  if (call.disposition_id) {
    auto found = s.dispositions().find(*call.disposition_id);
    if (!found || found->archived_ms)
      return done(ChatError{400, "bad_disposition",
                            "no disposition " + std::to_string(*call.disposition_id) + " (unknown or archived)"});
    out.disposition = disposition_view(*found);
  }
  if (s.dispositions().of_session(session_id) != call.disposition_id)
    record_disposition(s, h, actor, session_id, call.disposition_id, agent_of(session_id));
  h.after_commit([done, out](bool ok) {
    ok ? done(out) : done(ChatError{503, "unavailable", "the disposition could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::ConversationSettings& call,
                        Done<domain::ConversationSettingsView> done) {
  const auto& actor = call.actor;
  if (actor.is_customer()) return done(ChatError{403, "forbidden", "staff only"});
  if (!call.disposition_required) return done(domain::ConversationSettingsView{s.dispositions().required()});
  if (actor.role != domain::Role::admin)
    return done(ChatError{403, "forbidden", "only admins change the conversations settings"});
  s.dispositions().set_required(*call.disposition_required);
  audit(s, actor, "settings.conversations", "settings", 0,
        std::string("{\"disposition_required\":") + (*call.disposition_required ? "true" : "false") + "}");
  h.after_commit([done, v = domain::ConversationSettingsView{*call.disposition_required}](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the settings could not be saved"});
  });
}

}  // namespace livedesk::service
