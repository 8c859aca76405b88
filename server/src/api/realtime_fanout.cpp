#include "api/realtime_fanout.hpp"

#include "api/chat_json.hpp"
#include "api/topics.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
// One visitor per event type; each builds its frame once.
struct Fanout {
  realtime::TopicHub& hub;

  void operator()(const bus::SessionChanged& e) const {
    json::object data{{"session", session_json(e.session)}, {"change", e.change}};
    if (e.transfer) data["transfer"] = transfer_json(*e.transfer);
    auto frame = event_frame("session_update", std::move(data));
    std::vector<std::string> to{topics::floor("session_update"), topics::watchers_of(e.session.id)};
    // A transfer's reason and outcome are staff business; the customer hears of the move by system message.
    if (!e.transfer) to.push_back(topics::customer_of(e.session.id));
    if (e.session.agent) to.push_back(topics::agent(e.session.agent->id));
    if (e.previous_agent_id) to.push_back(topics::agent(*e.previous_agent_id));
    hub.publish(to, frame);
  }
  void operator()(const bus::QueueDepthChanged& e) const {
    hub.publish(topics::floor("queue_depth_changed"),
                event_frame("queue_depth_changed", {{"depth", e.depth}, {"previous_depth", e.previous_depth}}));
  }
  void operator()(const bus::QueuePositions& e) const {
    for (const auto& entry : e.entries) {
      const std::string topic = topics::customer_of(entry.session_id);
      if (hub.subscriber_count(topic) == 0) continue;  // nobody to tell: skip the serialization
      hub.publish(topic, event_frame("queue_position",
                                     {{"session_id", entry.session_id},
                                      {"position", entry.position},
                                      {"estimated_wait_seconds", entry.estimated_wait_seconds
                                                                     ? json::value(*entry.estimated_wait_seconds)
                                                                     : nullptr}}));
    }
  }
  void operator()(const bus::MessageCreated& e) const {
    auto frame = message_created_frame(e.message);
    std::vector<std::string> to{topics::customer_of(e.message.session_id), topics::watchers_of(e.message.session_id),
                                topics::floor("message_created")};
    if (e.agent_id) to.push_back(topics::agent(*e.agent_id));
    hub.publish(to, frame);
  }
  void operator()(const bus::TypingChanged& e) const {
    auto frame = event_frame("typing_indicator",
                             {{"session_id", e.session_id}, {"sender_type", e.sender_type}, {"is_typing", e.is_typing}});
    // Each side hears the other, not its own echo.
    std::vector<std::string> to{topics::watchers_of(e.session_id), topics::floor("typing_indicator")};
    if (e.sender_type == "agent") to.push_back(topics::customer_of(e.session_id));
    if (e.sender_type == "customer" && e.agent_id) to.push_back(topics::agent(*e.agent_id));
    hub.publish(to, frame);
  }
  void operator()(const bus::ReceiptAdvanced& e) const {
    auto frame = event_frame("receipt", {{"session_id", e.session_id}, {"reader_type", e.reader_type},
                                         {"up_to_seq", e.up_to_seq}, {"status", e.status}});
    std::vector<std::string> to{topics::customer_of(e.session_id), topics::watchers_of(e.session_id)};
    if (e.agent_id) to.push_back(topics::agent(*e.agent_id));
    hub.publish(to, frame);
  }
  void operator()(const bus::AgentStatusChanged& e) const {
    hub.publish({topics::floor("agent_status_changed"), topics::agent(e.agent_id)},
                event_frame("agent_status_changed", {{"agent_id", e.agent_id}, {"name", e.name},
                                                     {"status", e.status}, {"previous_status", e.previous_status}}));
  }
  void operator()(const bus::TransferChanged& e) const {
    const auto& t = e.transfer;
    if (t.status == "pending" && t.to_agent_id) {
      hub.publish(topics::agent(*t.to_agent_id), event_frame("transfer_requested", {{"transfer", transfer_json(t)}}));
      return;
    }
    std::vector<std::string> to{topics::agent(t.from_agent_id)};
    if (t.to_agent_id) to.push_back(topics::agent(*t.to_agent_id));
    hub.publish(to, event_frame("transfer_update", {{"transfer", transfer_json(t)}}));
  }
  void operator()(const bus::NoteChanged& e) const {
    // Staff on the chat only: its agent's sockets and its watchers. Never a customer topic.
    std::vector<std::string> to{topics::watchers_of(e.note.session_id)};
    if (e.agent_id) to.push_back(topics::agent(*e.agent_id));
    hub.publish(to, event_frame(e.note.kind == "whisper" ? "whisper" : "note_update",
                                {{"note", note_json(e.note)}, {"action", e.action}}));
  }
  void operator()(const bus::CannedChanged& e) const {
    const std::string topic = e.canned.owner_user_id ? topics::agent(*e.canned.owner_user_id) : topics::floor("canned_update");
    hub.publish(topic, event_frame("canned_update", {{"canned_response", canned_json(e.canned)}, {"action", e.action}}));
  }
  void operator()(const bus::BlockChanged& e) const {
    hub.publish(topics::floor("block_update"), event_frame("block_update", {{"block", block_json(e.block)}, {"action", e.action}}));
    if (e.closed_sessions.empty()) return;
    auto closing = error_frame("customer_blocked", "this chat has been closed");
    for (auto session_id : e.closed_sessions) hub.publish(topics::customer_control(session_id), closing);
  }
  // Tags and dispositions (#14): staff on the chat only, like notes. Never a customer topic.
  void operator()(const bus::ConversationTagChanged& e) const {
    std::vector<std::string> to{topics::watchers_of(e.session_id)};
    if (e.agent_id) to.push_back(topics::agent(*e.agent_id));
    hub.publish(to, event_frame("tag_update", {{"session_id", e.session_id}, {"tag", tag_json(e.tag)},
                                               {"action", e.action}, {"by", e.by}}));
  }
  void operator()(const bus::DispositionSet& e) const {
    std::vector<std::string> to{topics::watchers_of(e.session_id)};
    if (e.agent_id) to.push_back(topics::agent(*e.agent_id));
    json::value disposition = nullptr;
    if (e.disposition) disposition = disposition_json(*e.disposition);
    hub.publish(to, event_frame("disposition_update",
                                {{"session_id", e.session_id}, {"disposition", disposition}, {"by", e.by}}));
  }
  void operator()(const bus::ContactErased&) const {}  // #14 privacy: for the event log (search), no socket
  // Contacts: no socket frame yet; integrations get contact.updated / contact.merged from the event log.
  void operator()(const bus::ContactChanged&) const {}
  void operator()(const bus::AssignmentRevoked& e) const {
    hub.publish(topics::agent(e.agent_id),
                event_frame("assignment_revoked", {{"session_id", e.session_id}, {"reason", e.reason}}));
  }
};
}  // namespace

void connect_realtime_fanout(bus::EventBus& bus, realtime::TopicHub& hub) {
  bus.listen([&hub](const bus::Event& event) { std::visit(Fanout{hub}, event); });
}

}  // namespace livedesk::api
