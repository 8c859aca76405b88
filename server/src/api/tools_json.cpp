#include "api/tools_json.hpp"

#include "api/chat_json.hpp"

namespace livedesk::api {
namespace json = boost::json;

namespace {
json::value maybe(const std::optional<std::int64_t>& value) { return value ? json::value(*value) : json::value(nullptr); }
}  // namespace

json::object transfer_json(const domain::TransferView& t) {
  return {{"id", t.id}, {"session_id", t.session_id}, {"from_agent_id", t.from_agent_id},
          {"to_agent_id", maybe(t.to_agent_id)}, {"reason", t.reason}, {"status", t.status},
          {"created_at", time_json(t.created_ms)}, {"resolved_at", time_json(t.resolved_ms)}};
}

json::object note_json(const domain::NoteView& n) {
  return {{"id", n.id}, {"session_id", n.session_id}, {"author", {{"id", n.author_user_id}, {"name", n.author_name}}},
          {"kind", n.kind}, {"body", n.body}, {"created_at", time_json(n.created_ms)},
          {"updated_at", time_json(n.updated_ms)}};
}

json::object canned_json(const domain::CannedView& c) {
  return {{"id", c.id}, {"shared", !c.owner_user_id}, {"owner_user_id", maybe(c.owner_user_id)},
          {"shortcut", c.shortcut}, {"title", c.title}, {"body", c.body}, {"updated_at", time_json(c.updated_ms)}};
}

json::object block_json(const domain::BlockView& b) {
  return {{"id", b.id}, {"customer_id", maybe(b.customer_id)}, {"email", b.email}, {"reason", b.reason},
          {"blocked_by", maybe(b.blocked_by)}, {"created_at", time_json(b.created_ms)},
          {"lifted_at", time_json(b.lifted_ms)}};
}

}  // namespace livedesk::api
