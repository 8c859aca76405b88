// Blocks: a customer (by email) who may not start chats; blocking closes their open chats.
#include <algorithm>
#include <cctype>

#include "service/audit_detail.hpp"
#include "service/chat_engine.hpp"
#include "service/chat_views.hpp"

namespace livedesk::service {

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::BlockCustomer& call,
                        Done<domain::BlockView> done) {
  const auto& actor = call.actor;
  const auto& customer_id = call.customer_id;
  const auto& email_in = call.email;
  const auto& reason = call.reason;
  std::optional<std::string> email = email_in;
  std::optional<store::Contact> customer;
  if (customer_id) {
    customer = s.contacts().find(*customer_id);
    if (!customer) return done(not_found("customer", *customer_id));
  } else if (email) {
    std::transform(email->begin(), email->end(), email->begin(), [](unsigned char c) { return std::tolower(c); });
    customer = s.contacts().find_by_email(*email);
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
        audit_detail({{"email", block.email}, {"reason", reason}, {"closed_sessions", closed.size()}}));
  emit(s, h, bus::BlockChanged{to_view(block), "blocked", closed});
  h.after_commit([done, v = to_view(block)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the block could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::UnblockCustomer& call,
                        Done<domain::BlockView> done) {
  const auto& actor = call.actor;
  const auto& email_in = call.email;
  std::string email = email_in;
  std::transform(email.begin(), email.end(), email.begin(), [](unsigned char c) { return std::tolower(c); });
  auto lifted = s.blocks().lift(email, actor.id, now_ms());
  if (!lifted) return done(ChatError{404, "not_found", email + " is not blocked"});
  audit(s, actor, "customer.unblocked", "customer", lifted->customer_id.value_or(0), audit_detail({{"email", email}}));
  emit(s, h, bus::BlockChanged{to_view(*lifted), "unblocked", {}});
  h.after_commit([done, v = to_view(*lifted)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the unblock could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::ListBlocks&,
                        Done<std::vector<domain::BlockView>> done) {
  std::vector<domain::BlockView> out;
  for (const auto& b : s.blocks().active()) out.push_back(to_view(b));
  return done(out);
}

}  // namespace livedesk::service
