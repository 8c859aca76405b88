#include "service/event_json.hpp"

#include <boost/json/parse.hpp>

#include "bus/event_codec.hpp"
#include "domain/iso_time.hpp"

namespace livedesk::service {
namespace {

namespace json = boost::json;

struct LoggedType {
  std::optional<std::string> operator()(const bus::SessionChanged& e) const { return "session." + e.change; }
  std::optional<std::string> operator()(const bus::QueueDepthChanged&) const { return std::nullopt; }
  std::optional<std::string> operator()(const bus::QueuePositions&) const { return std::nullopt; }
  std::optional<std::string> operator()(const bus::MessageCreated&) const { return "message.created"; }
  std::optional<std::string> operator()(const bus::TypingChanged&) const { return std::nullopt; }
  std::optional<std::string> operator()(const bus::ReceiptAdvanced& e) const { return "receipt." + e.status; }
  std::optional<std::string> operator()(const bus::AgentStatusChanged&) const { return "agent.status_changed"; }
  std::optional<std::string> operator()(const bus::AssignmentRevoked&) const { return "session.assignment_revoked"; }
  std::optional<std::string> operator()(const bus::TransferChanged& e) const {
    return "transfer." + e.transfer.status;
  }
  std::optional<std::string> operator()(const bus::NoteChanged& e) const {
    return (e.note.kind == "whisper" ? "whisper." : "note.") + e.action;
  }
  std::optional<std::string> operator()(const bus::CannedChanged& e) const { return "canned_response." + e.action; }
  std::optional<std::string> operator()(const bus::BlockChanged& e) const { return "customer." + e.action; }
  // Tags and dispositions (#14)
  std::optional<std::string> operator()(const bus::ConversationTagChanged& e) const {
    return "conversation.tag_" + e.action;
  }
  std::optional<std::string> operator()(const bus::DispositionSet&) const { return "conversation.disposition_set"; }
  // #14 privacy
  std::optional<std::string> operator()(const bus::ContactErased&) const { return "contact.erased"; }
  // contacts
  std::optional<std::string> operator()(const bus::ContactChanged& e) const { return "contact." + e.action; }
};

}  // namespace

std::optional<std::string> logged_type(const bus::Event& event) { return std::visit(LoggedType{}, event); }

json::object event_json(const store::EventRecord& record) {
  json::object out;
  out["id"] = record.event_id;
  out["position"] = record.position;
  out["type"] = record.type;
  out["time"] = domain::format_iso8601(domain::from_unix_ms(record.created_ms));
  boost::system::error_code ec;
  auto payload = json::parse(record.payload, ec);
  const auto* object = ec ? nullptr : payload.if_object();
  const auto* data = object ? object->if_contains("data") : nullptr;
  out["data"] = data ? *data : json::object{};
  return out;
}

std::optional<bus::Event> logged_event(const store::EventRecord& record) { return bus::decode_event(record.payload); }

}  // namespace livedesk::service
