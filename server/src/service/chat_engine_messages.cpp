// Messages: sequencing, idempotent resends, receipts, typing, history.
#include "domain/message_rules.hpp"
#include "service/chat_engine.hpp"
#include "service/chat_views.hpp"

namespace livedesk::service {
namespace {}  // namespace

domain::MessageView ChatEngine::store_message(store::Store& s, OpenSession& session, store::Message message) {
  message.session_id = session.row.id;
  message.seq = session.row.next_seq;
  message.created_ms = now_ms();
  message.id = s.messages().insert(message);
  ++session.row.next_seq;
  auto v = to_view(message);
  session.last_message = v;
  stats_.roll_to(message.created_ms);
  stats_.message(message.created_ms, message.type, message.status);
  if (message.sender_type == "customer" && !session.awaiting_reply_since)
    session.awaiting_reply_since = message.created_ms;
  if (message.sender_type == "customer") session.unread_customer_seqs.add(message.seq);
  return v;
}

void ChatEngine::add_system_message(store::Store& s, store::CommitHooks& h, OpenSession& session,
                                    const std::string& text) {
  store::Message message;
  message.sender_type = "system";
  message.body = text;
  auto v = store_message(s, session, std::move(message));
  emit(s, h, bus::MessageCreated{v, session.row.agent_id});
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::SendMessage& call,
                        Done<MessageAccepted> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  const auto& request = call.message;
  if (auto problem = domain::new_message_problem(request.type, request.body, request.attachment_id.has_value(),
                                                 request.client_msg_id))
    return done(ChatError{400, "invalid_field", *problem});
  if (auto refusal = write_refusal(s, actor, session_id)) return done(*refusal);
  auto* session = find_open(session_id);
  if (!session) return done(ChatError{409, "session_closed", "this chat is closed"});
  const std::string sender_type = actor.is_customer() ? "customer" : "agent";
  if (!actor.is_customer() && session->row.agent_id != actor.id && !session->barged.count(actor.id))
    return done(ChatError{403, "not_your_chat", "only the chat's agent (or a supervisor who joined) can write here"});
  if (request.client_msg_id) {
    if (auto existing = s.messages().find_by_client_id(session_id, sender_type, *request.client_msg_id)) {
      return done(MessageAccepted{to_view(*existing), true});  // already durable: answer at once
    }
  }
  store::Message message;
  message.sender_type = sender_type;
  if (!actor.is_customer()) message.sender_user_id = actor.id;
  message.type = request.type;
  message.body = request.body;
  message.client_msg_id = request.client_msg_id;
  if (request.attachment_id) {
    auto file = s.uploads().find(session_id, *request.attachment_id);
    if (!file) return done(ChatError{400, "unknown_attachment", "no file with that id was uploaded to this chat"});
    if (attachment_type(file->mime) != request.type)
      return done(
          ChatError{400, "invalid_field", "a " + file->mime + " file is sent as type " + attachment_type(file->mime)});
    message.attachment = store::Attachment{file->name, file->mime, file->size, upload_url(session_id, file->sha256)};
  }
  auto v = store_message(s, *session, std::move(message));
  if (!actor.is_customer() && !session->row.first_response_ms) {
    session->row.first_response_ms = v.created_ms;
    stats_.first_response(session->row.created_ms, v.created_ms);
    s.sessions().update(session->row);
  }
  if (!actor.is_customer()) {
    session->agent_answered = true;
    session->awaiting_reply_since.reset();
    if (auto* agent = find_agent(actor.id)) agent->last_active_ms = v.created_ms;
  }
  // next_seq is not written per message: at start-up it is recovered from the last stored seq.
  emit(s, h, bus::MessageCreated{v, session->row.agent_id});
  h.after_commit([done, v](bool ok) {
    ok ? done(MessageAccepted{v, false}) : done(ChatError{503, "unavailable", "the message could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::Receipt& call, Done<std::int64_t> done) {
  const auto& reader = call.reader;
  const auto& session_id = call.session_id;
  const auto& up_to_seq = call.up_to_seq;
  const auto& status = call.status;
  if (auto refusal = write_refusal(s, reader, session_id)) return done(*refusal);
  if (status != "delivered" && status != "read")
    return done(ChatError{400, "invalid_field", "status must be delivered or read"});
  auto* session = find_open(session_id);
  const std::string reader_type = reader.is_customer() ? "customer" : "agent";
  const std::string other_side = reader.is_customer() ? "agent" : "customer";
  receipt_stats(s, session_id, other_side, up_to_seq, status);
  const int changed = s.messages().advance_status(session_id, other_side, up_to_seq, status);
  if (!reader.is_customer() && session) {
    // System messages count as the agent's side for the customer's receipts.
    if (status == "read")
      session->unread_customer_seqs.read_up_to(up_to_seq);
  }
  if (reader.is_customer()) {
    receipt_stats(s, session_id, "system", up_to_seq, status);
    s.messages().advance_status(session_id, "system", up_to_seq, status);
  }
  if (changed > 0 || status == "read")
    emit(s, h, bus::ReceiptAdvanced{session_id, reader_type, up_to_seq, status,
                                 session ? session->row.agent_id : std::nullopt});
  h.after_commit([done, changed](bool ok) {
    ok ? done(std::int64_t(changed)) : done(ChatError{503, "unavailable", "the receipt could not be saved"});
  });
}

void ChatEngine::handle(store::Store&, store::CommitHooks& h, const calls::Typing& call, Done<bool> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  const auto& is_typing = call.is_typing;
  done(true);  // nobody waits for typing; a refusal is silent
  auto* session = find_open(session_id);
  if (!session || !may_read(actor, session_id)) return;
  if (!actor.is_customer() && session->row.agent_id != actor.id) return;
  emit_live(h, bus::TypingChanged{session_id, actor.is_customer() ? "customer" : "agent", is_typing, session->row.agent_id});
}

void ChatEngine::receipt_stats(store::Store& s, std::int64_t session_id, const std::string& sender_type,
                               std::int64_t up_to_seq, const std::string& status) {
  stats_.roll_to(now_ms());
  for (const auto& [from, count] :
       s.metrics().statuses_below(session_id, sender_type, up_to_seq, status, stats_.today().start_ms))
    stats_.status_moved(from, status, count);
}

Outcome<std::vector<domain::MessageView>> ChatEngine::messages_after(store::Store& s, const Actor& actor,
                                                                     std::int64_t session_id, std::int64_t after_seq,
                                                                     int limit) {
  if (!may_read(actor, session_id) || (!find_open(session_id) && !s.sessions().find(session_id)))
    return not_found("session", session_id);
  std::vector<domain::MessageView> out;
  for (const auto& m : s.messages().after(session_id, after_seq, limit)) out.push_back(to_view(m));
  return out;
}

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::MessagesAfter& call,
                        Done<std::vector<domain::MessageView>> done) {
  done(messages_after(s, call.actor, call.session_id, call.after_seq, call.limit));
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::Resume& call,
                        Done<std::vector<domain::MessageView>> done) {
  // The history is read inside the batch, at this job's place in it: it holds
  // exactly the messages of the jobs before this one, whose events are
  // published before this job's hook. after_delivered then lets the connection
  // open its gate once those events have gone out, and every later message
  // reaches it live. Each message arrives once.
  auto history = messages_after(s, call.actor, call.session_id, call.after_seq, 1'000'000);
  h.after_commit([this, done, history = std::move(history)](bool committed) {
    if (!committed) return done(ChatError{503, "store_error", "the history could not be read"});
    bus_.after_delivered([done, history] { done(history); });
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::ResumeAgent& call,
                        Done<AgentResume> done) {
  AgentResume result;  // read at this job's place in the batch, as for Resume
  result.sessions = sessions_of_agent(call.agent.id);
  result.status = status_of(call.agent.id);
  for (const auto& [session_id, after_seq] : call.resume) {
    auto history = messages_after(s, call.agent, session_id, after_seq, 1'000'000);
    if (auto* messages = std::get_if<std::vector<domain::MessageView>>(&history))
      result.missed.insert(result.missed.end(), messages->begin(), messages->end());
  }
  h.after_commit(
      [this, done, result = std::move(result)](bool) { bus_.after_delivered([done, result] { done(result); }); });
}

}  // namespace livedesk::service
