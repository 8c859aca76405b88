// Agent tools that move chats: transfers, barge-in, customer blocking.
#include <algorithm>
#include <cctype>

#include <boost/json.hpp>

#include "domain/iso_time.hpp"
#include "service/chat_engine.hpp"

namespace livedesk::service {
namespace {

domain::TransferView transfer_view(const store::Transfer& t) {
  return {t.id, t.session_id, t.from_agent_id, t.to_agent_id, t.reason, t.status, t.created_ms, t.resolved_ms};
}

domain::BlockView block_view(const store::CustomerBlock& b) {
  return {b.id, b.customer_id, b.email, b.reason, b.blocked_by, b.created_ms, b.lifted_ms};
}

std::string detail(boost::json::object fields) { return boost::json::serialize(fields); }
}  // namespace

void ChatEngine::audit(store::Store& s, const Actor& actor, const std::string& action, const std::string& target_type,
                       std::int64_t target_id, const std::string& detail_json) {
  store::AuditEntry entry;
  entry.at_ms = now_ms();
  if (!actor.is_customer()) entry.actor_user_id = actor.id;
  entry.action = action;
  entry.target_type = target_type;
  entry.target_id = std::to_string(target_id);
  entry.detail_json = detail_json;
  s.audit().append(entry);
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::RequestTransfer& call, Done<domain::TransferView> done) {
  const auto& actor = call.agent;
  const auto& session_id = call.session_id;
  const auto& to_agent_id = call.to_agent_id;
  const auto& reason = call.reason;
  auto* session = find_open(session_id);
  if (!session) return done(not_found("session", session_id));
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
        detail({{"transfer_id", transfer.id}, {"to_agent_id", to_agent_id ? boost::json::value(*to_agent_id) : nullptr},
                {"reason", reason}}));
  if (!to_agent_id) {
    // Back to the queue needs nobody's consent.
    s.transfers().resolve(transfer.id, "accepted", now_ms());
    transfer.status = "accepted";
    transfer.resolved_ms = now_ms();
    add_system_message(s, h, *session, "Your chat is being passed to the next available agent.");
    requeue(s, h, *session, "transferred");
    emit(h, bus::TransferChanged{transfer_view(transfer), std::nullopt});
    route(s, h);
  } else {
    pending_transfers_[transfer.id] = transfer;
    emit(h, bus::TransferChanged{transfer_view(transfer), actor.id});
    emit(h, bus::SessionChanged{view(*session), "transfer_pending", std::nullopt, transfer_view(transfer)});
  }
  h.after_commit([done, v = transfer_view(transfer)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the transfer could not be saved"});
  });
}

void ChatEngine::close_transfer(store::Store& s, store::CommitHooks& h, store::Transfer& transfer,
                                const std::string& status) {
  s.transfers().resolve(transfer.id, status, now_ms());
  transfer.status = status;
  transfer.resolved_ms = now_ms();
  pending_transfers_.erase(transfer.id);
  emit(h, bus::TransferChanged{transfer_view(transfer), agent_of(transfer.session_id)});
  if (auto* session = find_open(transfer.session_id))
    emit(h, bus::SessionChanged{view(*session), "transfer_" + status, std::nullopt, transfer_view(transfer)});
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::AnswerTransfer& call, Done<domain::TransferView> done) {
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
        detail({{"transfer_id", transfer.id}}));
  close_transfer(s, h, transfer, accept ? "accepted" : "declined");
  h.after_commit([done, v = transfer_view(transfer)](bool ok) {
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
  if (actor.is_customer() || !may_access(actor, session_id)) return done(not_found("session", session_id));
  std::vector<domain::TransferView> out;
  for (const auto& t : s.transfers().of_session(session_id)) out.push_back(transfer_view(t));
  return done(out);
}

bool ChatEngine::may_watch(const Actor& actor, std::int64_t session_id) const {
  if (actor.is_customer()) return false;
  if (domain::has_at_least(actor.role, domain::Role::supervisor)) return open_.count(session_id) != 0;
  return agent_of(session_id) == actor.id;
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::BargeIn& call, Done<domain::SessionView> done) {
  const auto& actor = call.supervisor;
  const auto& session_id = call.session_id;
  auto* session = find_open(session_id);
  if (!session) return done(not_found("session", session_id));
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

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::BlockCustomer& call, Done<domain::BlockView> done) {
  const auto& actor = call.actor;
  const auto& customer_id = call.customer_id;
  const auto& email_in = call.email;
  const auto& reason = call.reason;
  std::optional<std::string> email = email_in;
  std::optional<store::Customer> customer;
  if (customer_id) {
    customer = s.customers().find(*customer_id);
    if (!customer) return done(not_found("customer", *customer_id));
  } else if (email) {
    std::transform(email->begin(), email->end(), email->begin(), [](unsigned char c) { return std::tolower(c); });
    customer = s.customers().find_by_email(*email);
  } else {
    return done(ChatError{400, "missing_field", "give customer_id or email"});
  }
  store::CustomerBlock block;
  block.customer_id = customer ? std::optional(customer->id) : std::nullopt;
  block.email = customer ? customer->email : *email;
  block.reason = reason;
  block.blocked_by = actor.id;
  block.created_ms = now_ms();
  try {
    block.id = s.blocks().insert(block);
  } catch (const store::DuplicateError&) {
    return done(ChatError{409, "already_blocked", block.email + " is already blocked"});
  }
  std::vector<std::int64_t> closed;
  if (customer) {
    for (const auto& row : s.sessions().open_of_customer(customer->id)) {
      if (auto* session = find_open(row.id)) {
        add_system_message(s, h, *session, "This chat has been closed.");
        finish(s, h, *session, "blocked");
        closed.push_back(row.id);
      }
    }
  }
  audit(s, actor, "customer.blocked", "customer", block.customer_id.value_or(0),
        detail({{"email", block.email}, {"reason", reason}, {"closed_sessions", closed.size()}}));
  emit(h, bus::BlockChanged{block_view(block), "blocked", closed});
  h.after_commit([done, v = block_view(block)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the block could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::UnblockCustomer& call, Done<domain::BlockView> done) {
  const auto& actor = call.actor;
  const auto& email_in = call.email;
  std::string email = email_in;
  std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return std::tolower(c); });
  auto lifted = s.blocks().lift(email, actor.id, now_ms());
  if (!lifted) return done(ChatError{404, "not_found", email + " is not blocked"});
  audit(s, actor, "customer.unblocked", "customer", lifted->customer_id.value_or(0), detail({{"email", email}}));
  emit(h, bus::BlockChanged{block_view(*lifted), "unblocked", {}});
  h.after_commit([done, v = block_view(*lifted)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the unblock could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::ListBlocks&,
                        Done<std::vector<domain::BlockView>> done) {
  std::vector<domain::BlockView> out;
  for (const auto& b : s.blocks().active()) out.push_back(block_view(b));
  return done(out);
}

}  // namespace livedesk::service

namespace livedesk::service {

void ChatEngine::handle(store::Store&, store::CommitHooks& h, const calls::Watch& call, Done<bool> done) {
  // Answered once every event published so far has been delivered, so the
  // watcher's subscription misses nothing that came before its answer.
  h.after_commit([this, done, allowed = may_watch(call.actor, call.session_id)](bool) {
    bus_.after_delivered([done, allowed] { done(allowed); });
  });
}

}  // namespace livedesk::service
