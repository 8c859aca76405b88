// Sessions, the queue and routing. Messages are in chat_engine_messages.cpp,
// presence and deadlines in chat_engine_presence.cpp.
#include "service/chat_engine.hpp"

#include <algorithm>
#include <cctype>
#include <boost/uuid/uuid_io.hpp>
#include <memory>

#include "bus/event_codec.hpp"
#include "domain/iso_time.hpp"
#include "domain/routing.hpp"
#include "service/chat_views.hpp"
#include "service/event_json.hpp"

namespace livedesk::service {
namespace {
ChatError conflict(std::string code, std::string message) { return {409, std::move(code), std::move(message)}; }

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}
}  // namespace

ChatEngine::ChatEngine(const domain::Clock& clock, const domain::Calendar& calendar, bus::EventBus& bus,
                       const auth::TokenService& tokens, ChatSettings settings)
    : clock_(clock), calendar_(calendar), bus_(bus), tokens_(tokens), settings_(settings), stats_(calendar) {}

std::int64_t ChatEngine::now_ms() const { return domain::to_unix_ms(clock_.now()); }

void ChatEngine::emit(store::Store& s, store::CommitHooks& h, bus::Event event) {
  auto type = logged_type(event);
  if (!type) return emit_live(h, std::move(event));
  const auto position = s.events().append(
      store::EventRecord{0, boost::uuids::to_string(event_ids_()), std::move(*type), now_ms(), bus::encode_event(event)});
  h.after_commit([this, event = std::move(event), position](bool committed) {
    if (!committed) return;
    count_committed(event);
    bus_.publish(event, position);
  });
}

void ChatEngine::emit_live(store::CommitHooks& h, bus::Event event) {
  h.after_commit([this, event = std::move(event)](bool committed) {
    if (!committed) return;
    count_committed(event);
    bus_.publish(event);
  });
}

void ChatEngine::count_committed(const bus::Event& event) {
  if (metrics_)
    if (const auto* created = std::get_if<bus::MessageCreated>(&event))
      metrics_->message_stored(created->message.sender_type).inc();
}

void ChatEngine::load(store::Store& s) {
  for (const auto& user : s.accounts().list()) {
    Agent agent;
    agent.id = user.id;
    agent.name = user.name;
    agent.role = user.role;
    agent.capacity = user.capacity;
    agent.idle_since = clock_.now();
    agent.last_active_ms = user.last_active_ms;
    agents_[user.id] = agent;
    if (user.status != "offline") s.accounts().update_presence(user.id, "offline", user.last_active_ms);
  }
  for (const char* status : {"waiting", "active"}) {
    for (auto& row : s.sessions().list_by_status(status)) {
      OpenSession session;
      session.row = row;
      session.customer = s.contacts().find(row.customer_id).value_or(store::Contact{});
      if (auto last = s.messages().last(row.id)) {
        session.last_message = to_view(*last);
        session.row.next_seq = std::max(session.row.next_seq, last->seq + 1);
      }
      session.agent_answered = row.first_response_ms.has_value();
      session.ever_assigned = row.assigned_ms.has_value();
      if (session.last_message && session.last_message->sender_type == "customer" && row.status == "active")
        session.awaiting_reply_since = session.last_message->created_ms;
      // A customer who was connected before the restart gets the grace period to come back.
      session.customer_left_at = clock_.now();
      if (row.status == "waiting") queue_.push(row.id, row.created_ms, row.priority);
      if (row.agent_id) agent_entry(s, *row.agent_id).chats.insert(row.id);
      open_.emplace(row.id, std::move(session));
    }
  }
  for (auto& transfer : s.transfers().pending()) pending_transfers_[transfer.id] = transfer;
  seed_stats(s);
  report_queue();
}

ChatEngine::OpenSession* ChatEngine::find_open(std::int64_t session_id) {
  auto it = open_.find(session_id);
  return it == open_.end() ? nullptr : &it->second;
}

ChatEngine::Agent* ChatEngine::find_agent(std::int64_t id) {
  auto it = agents_.find(id);
  return it == agents_.end() ? nullptr : &it->second;
}

ChatEngine::Agent& ChatEngine::agent_entry(store::Store& s, std::int64_t id) {
  if (auto* agent = find_agent(id)) return *agent;
  Agent agent;
  agent.id = id;
  if (auto user = s.accounts().find(id)) {
    agent.name = user->name;
    agent.role = user->role;
    agent.capacity = user->capacity;
  }
  agent.idle_since = clock_.now();
  return agents_[id] = agent;
}

domain::SessionView ChatEngine::view(const OpenSession& open) const {
  domain::SessionView v;
  const auto& row = open.row;
  v.id = row.id;
  v.status = row.status;
  v.customer = {open.customer.id, open.customer.name, open.customer.email};
  if (row.agent_id) {
    auto it = agents_.find(*row.agent_id);
    v.agent = domain::PartyView{*row.agent_id, it == agents_.end() ? "" : it->second.name, ""};
  }
  v.subject = row.subject;
  v.priority = row.priority;
  v.created_ms = row.created_ms;
  v.assigned_ms = row.assigned_ms;
  v.first_response_ms = row.first_response_ms;
  v.closed_ms = row.closed_ms;
  v.close_reason = row.close_reason;
  const std::int64_t until = row.assigned_ms ? *row.assigned_ms : row.closed_ms ? *row.closed_ms : now_ms();
  v.wait_seconds = double(std::max<std::int64_t>(0, until - row.created_ms)) / 1000.0;
  v.unread_count = int(open.unread_customer_seqs.count());
  v.last_message = open.last_message;
  v.queue_position = queue_.position(row.id);
  return v;
}

domain::SessionView ChatEngine::view(store::Store& s, const store::ChatSession& row) const {
  OpenSession closed;
  closed.row = row;
  closed.customer = s.contacts().find(row.customer_id).value_or(store::Contact{});
  if (auto last = s.messages().last(row.id)) closed.last_message = to_view(*last);
  return view(closed);
}

void ChatEngine::report_queue() {
  if (!metrics_) return;
  std::int64_t oldest = 0;
  for (auto id : queue_.ordered()) {
    const std::int64_t created = open_.at(id).row.created_ms;
    if (oldest == 0 || created < oldest) oldest = created;
  }
  metrics_->chat_queue_depth.set(double(queue_.depth()));
  metrics_->chat_queue_oldest_since_ms.store(oldest, std::memory_order_relaxed);
}

void ChatEngine::emit_queue_change(store::CommitHooks& h, std::size_t previous_depth) {
  report_queue();
  if (queue_.depth() != previous_depth) emit_live(h, bus::QueueDepthChanged{queue_.depth(), previous_depth});
  bus::QueuePositions positions;
  const auto now = clock_.now();
  std::size_t position = 0;
  for (auto id : queue_.ordered()) {
    ++position;
    positions.entries.push_back({id, position, estimator_.estimate_seconds(position, now)});
  }
  emit_live(h, std::move(positions));
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::StartChat& request,
                        Done<ChatStartedWithToken> done) {
  const std::string email = lowercase(request.email);
  if (s.blocks().is_blocked(email)) {
    done(ChatError{403, "customer_blocked", "this customer may not start chats"});
    return;
  }
  OpenSession open;
  if (!request.visitor_id && !request.identity) {
    open.customer = s.contacts().upsert(request.customer_name, email, now_ms());
  } else {
    // Contacts: the visitor's contact and the site's identity decide whose chat it is (chat_engine_contacts.cpp).
    auto resolved = resolve_contact(s, h, request.customer_name, email, request.visitor_id, request.identity);
    if (auto* error = std::get_if<ChatError>(&resolved)) return done(*error);
    open.customer = std::get<store::Contact>(std::move(resolved));
  }
  open.row.customer_id = open.customer.id;
  open.row.subject = request.subject;
  open.row.created_ms = now_ms();
  open.row.id = s.sessions().insert(open.row);
  stats_.roll_to(open.row.created_ms);
  stats_.session_created(open.row.created_ms);
  const std::int64_t id = open.row.id;
  const std::size_t previous_depth = queue_.depth();
  queue_.push(id, open.row.created_ms, open.row.priority);
  auto& session = open_.emplace(id, std::move(open)).first->second;
  session.customer_left_at = clock_.now();  // not connected until its WebSocket opens

  // The contract answers with the chat as created: waiting, at its place in
  // the queue. The answer's hook comes first, so the customer never waits for
  // the fan-out to dashboards that follows it.
  auto started = std::make_shared<ChatStarted>(ChatStarted{view(session), session.customer.id, queue_.position(id)});
  h.after_commit([this, done, started](bool committed) {
    if (committed)
      return done(ChatStartedWithToken{*started, tokens_.issue_customer(started->customer_id, started->session.id)});
    done(ChatError{503, "unavailable", "the chat could not be saved"});
  });
  emit(s, h, bus::SessionChanged{view(session), "created", std::nullopt});
  emit_queue_change(h, previous_depth);  // every chat enters the queue, even one routed at once
  if (request.first_message) {
    store::Message first;
    first.sender_type = "customer";
    first.body = *request.first_message;
    auto message = store_message(s, session, std::move(first));
    emit(s, h, bus::MessageCreated{message, std::nullopt});
  }
  // A returning customer goes to the agent who helped last time, when that agent can take it.
  if (auto previous = s.sessions().latest_closed_of_customer(session.customer.id); previous && previous->agent_id) {
    if (auto* agent = find_agent(*previous->agent_id)) {
      domain::AgentLoad load{agent->id, agent->status, int(agent->chats.size()), agent->capacity, agent->idle_since};
      if (agent->role == domain::Role::agent && domain::can_take_chat(load))
        assign_to(s, h, session, *agent, "assigned");
    }
  }
  route(s, h);
  started->session = view(session);  // the current state, which routing may have changed
}

void ChatEngine::route(store::Store& s, store::CommitHooks& h) {
  for (auto id : queue_.ordered()) {
    std::vector<domain::AgentLoad> loads;
    const auto& skip = open_.at(id).skip_agents;
    bool anyone_free = false;
    for (const auto& [agent_id, agent] : agents_) {
      if (agent.role != domain::Role::agent) continue;
      domain::AgentLoad load{agent_id, agent.status, int(agent.chats.size()), agent.capacity, agent.idle_since};
      anyone_free = anyone_free || domain::can_take_chat(load);
      if (!skip.count(agent_id)) loads.push_back(load);
    }
    if (!anyone_free) return;
    // An agent who let this chat time out gets it again only when nobody else can take it.
    auto chosen = domain::choose_agent(loads);
    if (!chosen && !skip.empty()) {
      loads.clear();
      for (const auto& [agent_id, agent] : agents_)
        if (agent.role == domain::Role::agent)
          loads.push_back({agent_id, agent.status, int(agent.chats.size()), agent.capacity, agent.idle_since});
      chosen = domain::choose_agent(loads);
    }
    if (chosen) assign_to(s, h, open_.at(id), agents_.at(*chosen), "assigned");
  }
}

void ChatEngine::assign_to(store::Store& s, store::CommitHooks& h, OpenSession& session, Agent& agent,
                           const std::string& change) {
  const std::size_t previous_depth = queue_.depth();
  const auto previous_agent = session.row.agent_id;
  if (previous_agent && *previous_agent != agent.id)
    if (auto* before = find_agent(*previous_agent)) {
      before->chats.erase(session.row.id);
      refresh_load_status(s, h, *before);
    }
  queue_.remove(session.row.id);
  session.row.status = "active";
  session.row.agent_id = agent.id;
  session.row.assigned_ms = now_ms();
  if (!session.ever_assigned) stats_.session_assigned(session.row.created_ms, *session.row.assigned_ms);
  session.ever_assigned = true;
  session.agent_answered = session.row.first_response_ms.has_value() && change != "assigned";
  s.sessions().update(session.row);
  agent.chats.insert(session.row.id);
  estimator_.record_assignment(clock_.now());
  emit(s, h, bus::SessionChanged{view(session), change, previous_agent});
  refresh_load_status(s, h, agent);
  if (queue_.depth() != previous_depth) emit_queue_change(h, previous_depth);
}

void ChatEngine::requeue(store::Store& s, store::CommitHooks& h, OpenSession& session, const std::string& reason) {
  const auto agent_id = session.row.agent_id;
  const std::size_t previous_depth = queue_.depth();
  session.row.status = "waiting";
  session.row.agent_id.reset();
  session.row.assigned_ms.reset();
  s.sessions().update(session.row);
  queue_.push_front(session.row.id, session.row.priority);
  if (agent_id) session.skip_agents.insert(*agent_id);
  if (agent_id) {
    if (auto* agent = find_agent(*agent_id)) {
      agent->chats.erase(session.row.id);
      refresh_load_status(s, h, *agent);
    }
    emit(s, h, bus::AssignmentRevoked{*agent_id, session.row.id, reason});
  }
  emit(s, h, bus::SessionChanged{view(session), "requeued", agent_id});
  emit_queue_change(h, previous_depth);
}

void ChatEngine::finish(store::Store& s, store::CommitHooks& h, OpenSession& session, const std::string& reason) {
  const std::size_t previous_depth = queue_.depth();
  const bool was_queued = queue_.remove(session.row.id);
  session.row.status = "closed";
  session.row.closed_ms = now_ms();
  session.row.close_reason = reason;
  s.sessions().update(session.row);
  s.contacts().touch(session.row.customer_id, *session.row.closed_ms);  // contacts: last seen at close
  stats_.roll_to(*session.row.closed_ms);
  stats_.session_closed(session.row.created_ms, session.row.assigned_ms, *session.row.closed_ms, reason,
                        session.row.agent_id);
  const auto agent_id = session.row.agent_id;
  emit(s, h, bus::SessionChanged{view(session), "closed", agent_id});
  if (was_queued) emit_queue_change(h, previous_depth);
  const std::int64_t id = session.row.id;
  open_.erase(id);  // `session` dangles from here
  if (agent_id)
    if (auto* agent = find_agent(*agent_id)) {
      agent->chats.erase(id);
      refresh_load_status(s, h, *agent);
    }
  route(s, h);
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::Take& call,
                        Done<domain::SessionView> done) {
  const Actor& actor = call.agent;
  const std::int64_t session_id = call.session_id;
  auto* session = find_open(session_id);
  if (!session) return done(closed_or_missing(s, session_id));
  if (session->row.status != "waiting")
    return done(conflict("already_assigned", "session " + std::to_string(session_id) + " is no longer waiting"));
  Agent& agent = agent_entry(s, actor.id);
  if (int(agent.chats.size()) >= agent.capacity)
    return done(conflict("at_capacity", "you already have " + std::to_string(agent.chats.size()) + " open chats"));
  assign_to(s, h, *session, agent, "assigned");
  audit(s, actor, "session.taken", "session", session_id);
  h.after_commit([done, v = view(*session)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the assignment could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::Assign& call,
                        Done<domain::SessionView> done) {
  const auto& supervisor = call.supervisor;
  const auto& session_id = call.session_id;
  const auto& agent_id = call.agent_id;
  const auto& force = call.force;
  auto* session = find_open(session_id);
  if (!session) return done(closed_or_missing(s, session_id));
  auto user = s.accounts().find(agent_id);
  if (!user) return done(ChatError{404, "not_found", "no such agent: " + std::to_string(agent_id)});
  Agent& agent = agent_entry(s, agent_id);
  if (session->row.agent_id == agent_id) return done(view(*session));
  if (!force && int(agent.chats.size()) >= agent.capacity)
    return done(conflict("at_capacity", agent.name + " is at capacity; send force to assign anyway"));
  const bool transfer = session->row.status == "active";
  const auto previous = session->row.agent_id;
  assign_to(s, h, *session, agent, transfer ? "transferred" : "assigned");
  add_system_message(s, h, *session, "Your chat is now with " + agent.name + ".");
  audit(s, supervisor, "session.assigned", "session", session_id,
        "{\"agent_id\":" + std::to_string(agent_id) +
            ",\"previous_agent_id\":" + (previous ? std::to_string(*previous) : std::string("null")) +
            ",\"force\":" + (force ? "true" : "false") + "}");
  h.after_commit([done, v = view(*session)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the assignment could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::Close& call,
                        Done<domain::SessionView> done) {
  const auto& actor = call.actor;
  const auto& session_id = call.session_id;
  auto* session = find_open(session_id);
  if (auto refusal = write_refusal(s, actor, session_id)) return done(*refusal);
  if (!session) return done(conflict("session_closed", "session " + std::to_string(session_id) + " is already closed"));
  // Tags and dispositions (#14): staff may (or must) close with a disposition.
  if (auto refusal = close_disposition_refusal(s, actor, call.disposition_id)) return done(*refusal);
  const auto agent_before_close = session->row.agent_id;
  const bool missed = session->row.status == "waiting";
  if (!actor.is_customer()) audit(s, actor, "session.closed", "session", session_id);
  add_system_message(s, h, *session,
                     actor.is_customer() ? "The customer ended the chat." : "The agent ended the chat.");
  auto closed_view = view(*session);
  finish(s, h, *session, missed ? "missed" : "resolved");
  if (call.disposition_id) record_disposition(s, h, actor, session_id, call.disposition_id, agent_before_close);
  closed_view.status = "closed";
  closed_view.close_reason = missed ? "missed" : "resolved";
  closed_view.closed_ms = now_ms();
  h.after_commit([done, closed_view](bool ok) {
    ok ? done(closed_view) : done(ChatError{503, "unavailable", "the close could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::Rate& call,
                        Done<domain::SessionView> done) {
  const auto& actor = call.customer;
  const auto& session_id = call.session_id;
  const auto& rating = call.rating;
  const auto& comment = call.comment;
  if (!actor.is_customer() || actor.session_id != session_id) return done(not_found("session", session_id));
  if (rating < 1 || rating > 5) return done(ChatError{400, "invalid_field", "rating must be an integer from 1 to 5"});
  if (find_open(session_id)) return done(conflict("session_open", "a chat can be rated once it is closed"));
  auto row = s.sessions().find(session_id);
  if (!row) return done(not_found("session", session_id));
  if (s.ratings().find(session_id)) return done(conflict("already_rated", "this chat has already been rated"));
  s.ratings().insert({session_id, rating, comment, now_ms()});
  stats_.roll_to(now_ms());
  stats_.rating(rating, now_ms(), row->agent_id);
  emit(s, h, bus::SessionChanged{view(s, *row), "rated", std::nullopt});
  h.after_commit([done, v = view(s, *row)](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the rating could not be saved"});
  });
}

bool ChatEngine::may_read(const Actor& actor, std::int64_t session_id) const {
  // Agents read every chat (a later issue narrows this by department); a customer token opens its own only.
  if (actor.is_customer()) return actor.session_id == session_id;
  return true;
}

ChatError ChatEngine::closed_or_missing(store::Store& s, std::int64_t session_id) {
  if (s.sessions().find(session_id)) return conflict("session_closed", "this chat is closed");
  return not_found("session", session_id);
}

std::optional<ChatError> ChatEngine::write_refusal(store::Store& s, const Actor& actor, std::int64_t session_id) {
  if (actor.is_customer()) {
    // Another customer's chat is not there for this token, whether or not it exists.
    if (actor.session_id != session_id) return not_found("session", session_id);
    if (!find_open(session_id) && !s.sessions().find(session_id)) return not_found("session", session_id);
    return std::nullopt;
  }
  std::optional<std::int64_t> agent_id;
  if (auto* open = find_open(session_id)) {
    if (open->barged.count(actor.id)) return std::nullopt;
    agent_id = open->row.agent_id;
  } else if (auto row = s.sessions().find(session_id)) {
    agent_id = row->agent_id;
  } else {
    return not_found("session", session_id);
  }
  if (domain::has_at_least(actor.role, domain::Role::supervisor)) return std::nullopt;
  if (agent_id == actor.id) return std::nullopt;
  return ChatError{403, "not_your_chat", "only the chat's agent (or a supervisor) can change this chat"};
}

std::optional<std::int64_t> ChatEngine::agent_of(std::int64_t session_id) const {
  auto it = open_.find(session_id);
  if (it == open_.end()) return std::nullopt;
  return it->second.row.agent_id;
}

Outcome<domain::SessionView> ChatEngine::session(store::Store& s, const Actor& actor, std::int64_t session_id) {
  if (!may_read(actor, session_id)) return not_found("session", session_id);
  if (auto* open = find_open(session_id)) return view(*open);
  auto row = s.sessions().find(session_id);
  if (!row) return not_found("session", session_id);
  return view(s, *row);
}

void ChatEngine::handle(store::Store&, store::CommitHooks&, const calls::ListWaiting&,
                        Done<std::vector<domain::SessionView>> done) {
  std::vector<domain::SessionView> out;
  for (auto id : queue_.ordered()) out.push_back(view(open_.at(id)));
  done(std::move(out));
}

void ChatEngine::handle(store::Store&, store::CommitHooks&, const calls::ListActive&,
                        Done<std::vector<domain::SessionView>> done) {
  std::vector<domain::SessionView> out;
  for (const auto& [id, session] : open_)
    if (session.row.status == "active") out.push_back(view(session));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  done(std::move(out));
}

std::vector<domain::SessionView> ChatEngine::sessions_of_agent(std::int64_t agent_id) const {
  std::vector<domain::SessionView> out;
  auto it = agents_.find(agent_id);
  if (it == agents_.end()) return out;
  for (auto id : it->second.chats)
    if (auto session = open_.find(id); session != open_.end()) out.push_back(view(session->second));
  return out;
}

}  // namespace livedesk::service

namespace livedesk::service {

void ChatEngine::handle(store::Store& s, store::CommitHooks&, const calls::GetSession& call,
                        Done<domain::SessionView> done) {
  done(session(s, call.actor, call.session_id));
}

void ChatEngine::handle(store::Store&, store::CommitHooks&, const calls::SessionsOfAgent& call,
                        Done<std::vector<domain::SessionView>> done) {
  done(sessions_of_agent(call.agent.id));
}

}  // namespace livedesk::service
