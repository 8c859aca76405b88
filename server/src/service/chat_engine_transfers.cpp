// Transfers: an agent asks another to take a chat; the other accepts or declines, or it expires.
#include "service/audit_detail.hpp"
#include "service/chat_engine.hpp"
#include "service/chat_views.hpp"

namespace livedesk::service {

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::RequestTransfer& call,
                        Done<domain::TransferView> done) {
  const auto& actor = call.agent;
  const auto& session_id = call.session_id;
  const auto& to_agent_id = call.to_agent_id;
  const auto& reason = call.reason;
  auto* session = find_open(session_id);
  if (!session) return done(closed_or_missing(s, session_id));
  if (session->row.status != "active" || session->row.agent_id != actor.id)
    return done(ChatError{403, "not_your_chat", "only the chat's agent can transfer it"});
  if (to_agent_id && *to_agent_id == actor.id)
    return done(ChatError{400, "invalid_target", "a chat cannot be transferred to its own agent"});
  if (to_agent_id) {
    auto user = s.accounts().find(*to_agent_id);
    if (!user || user->role != domain::Role::agent) return done(not_found("agent", *to_agent_id));
  }
  for (const auto& [id, pending] : pending_transfers_)
    if (pending.session_id == session_id)
      return done(ChatError{409, "transfer_pending", "this chat already has a transfer waiting for an answer"});

  store::Transfer transfer;
  transfer.session_id = session_id;
  transfer.from_agent_id = actor.id;
  transfer.to_agent_id = to_agent_id;
  transfer.reason = reason;
  transfer.created_ms = now_ms();
  transfer.id = s.transfers().insert(transfer);
  audit(s, actor, "transfer.requested", "session", session_id,
        audit_detail({{"transfer_id", transfer.id},
                      {"to_agent_id", to_agent_id ? boost::json::value(*to_agent_id) : nullptr},
                      {"reason", reason}}));
  if (!to_agent_id) {
    // Back to the queue needs nobody's consent.
    s.transfers().resolve(transfer.id, "accepted", now_ms());
    transfer.status = "accepted";
    transfer.resolved_ms = now_ms();
    add_system_message(s, h, *session, "Your chat is being passed to the next available agent.");
    requeue(s, h, *session, "transferred");
    emit(s, h, bus::TransferChanged{to_view(transfer), std::nullopt});
    route(s, h);
  } else {
    pending_transfers_[transfer.id] = transfer;
    emit(s, h, bus::TransferChanged{to_view(transfer), actor.id});
    emit(s, h, bus::SessionChanged{view(*session), "transfer_pending", std::nullopt, to_view(transfer)});
  }
  h.after_commit([done, v = to_view(transfer)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the transfer could not be saved"});
  });
}

void ChatEngine::close_transfer(store::Store& s, store::CommitHooks& h, store::Transfer& transfer,
                                const std::string& status) {
  s.transfers().resolve(transfer.id, status, now_ms());
  transfer.status = status;
  transfer.resolved_ms = now_ms();
  pending_transfers_.erase(transfer.id);
  emit(s, h, bus::TransferChanged{to_view(transfer), agent_of(transfer.session_id)});
  if (auto* session = find_open(transfer.session_id))
    emit(s, h, bus::SessionChanged{view(*session), "transfer_" + status, std::nullopt, to_view(transfer)});
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::AnswerTransfer& call,
                        Done<domain::TransferView> done) {
  const auto& actor = call.agent;
  const auto& transfer_id = call.transfer_id;
  const auto& accept = call.accept;
  auto it = pending_transfers_.find(transfer_id);
  if (it == pending_transfers_.end()) {
    if (s.transfers().find(transfer_id))
      return done(ChatError{409, "transfer_closed", "this transfer was already answered or has expired"});
    return done(not_found("transfer", transfer_id));
  }
  store::Transfer transfer = it->second;
  if (transfer.to_agent_id != actor.id)
    return done(ChatError{403, "forbidden", "only the agent asked can answer this transfer"});
  auto* session = find_open(transfer.session_id);
  if (!session || session->row.agent_id != transfer.from_agent_id) {
    close_transfer(s, h, transfer, "cancelled");
    return done(ChatError{409, "transfer_closed", "the chat has moved on since the transfer was asked"});
  }
  if (accept) {
    Agent& target = agent_entry(s, actor.id);
    assign_to(s, h, *session, target, "transferred");
    session->agent_answered = true;  // the history is already answered; no unanswered timeout
    add_system_message(s, h, *session, "You are now chatting with " + target.name + ".");
  }
  audit(s, actor, accept ? "transfer.accepted" : "transfer.declined", "session", transfer.session_id,
        audit_detail({{"transfer_id", transfer.id}}));
  close_transfer(s, h, transfer, accept ? "accepted" : "declined");
  h.after_commit([done, v = to_view(transfer)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the answer could not be saved"});
  });
}

void ChatEngine::expire_transfers(store::Store& s, store::CommitHooks& h) {
  const std::int64_t cutoff = now_ms() - settings_.transfer_timeout.count();
  std::vector<store::Transfer> expired;
  for (const auto& [id, transfer] : pending_transfers_)
    if (transfer.created_ms <= cutoff) expired.push_back(transfer);
  for (auto& transfer : expired) close_transfer(s, h, transfer, "expired");
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::ListTransfers& call,
                        Done<std::vector<domain::TransferView>> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  if (actor.is_customer() || (!find_open(session_id) && !s.sessions().find(session_id)))
    return done(not_found("session", session_id));
  std::vector<domain::TransferView> out;
  for (const auto& t : s.transfers().of_session(session_id)) out.push_back(to_view(t));
  return done(out);
}

}  // namespace livedesk::service
