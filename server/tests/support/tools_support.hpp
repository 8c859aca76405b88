// Helpers for the agent-tools integration tests (docs/api.md, "Agent tools"):
// a server with a fixed cast of staff, JSON calls, the audit log, and checks
// that a socket did not get a frame.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it::tools {

inline const StaffUser kAnn{"ann", "ann-password-123", "agent", "Ann Agent"};
inline const StaffUser kBen{"ben", "ben-password-123", "agent", "Ben Agent"};
inline const StaffUser kCal{"cal", "cal-password-123", "agent", "Cal Agent"};
inline const StaffUser kSam{"sam", "sam-password-123", "supervisor", "Sam Super"};
inline const StaffUser kAda{"ada", "ada-password-123", "admin", "Ada Admin"};

// One server with ann, ben, cal (agents), sam (supervisor) and ada (admin), all logged in.
class ToolsFloor {
 public:
  explicit ToolsFloor(std::vector<std::string> args = {});
  unsigned short port() const { return server_.port(); }
  ServerProcess& server() { return server_; }

  StaffLogin ann, ben, cal, sam, ada;

 private:
  ServerProcess server_;
};

// An authenticated agent-console socket (any staff token) labelled for failure messages.
std::unique_ptr<WsClient> open_staff(unsigned short port, const std::string& token, const std::string& label);
// Like open_staff, then set_status idle so that nothing is routed to it on its own.
std::unique_ptr<WsClient> open_idle(unsigned short port, const std::string& token, const std::string& label);
// An authenticated customer socket labelled "customer".
std::unique_ptr<WsClient> open_customer_ws(unsigned short port, const std::string& customer_token,
                                           const std::string& label = "customer");
void set_status(WsClient& ws, const std::string& status);

// A JSON call with a bearer token ("" = none); `body` serialized when given.
HttpResult call(unsigned short port, const std::string& method, const std::string& target, const std::string& token,
                const std::optional<boost::json::object>& body = std::nullopt);
// The JSON object answer; throws (with the answer) unless the status is `status`.
boost::json::object expect(const HttpResult& result, int status, const std::string& what);

// Starts a chat and has the agent take it over REST; throws unless 200.
StartedChat chat_taken_by(unsigned short port, const std::string& agent_token, const std::string& name,
                          const std::string& email, const std::string& first_message = "");

// ---- frames ----
FramePredicate assigned_to(std::int64_t session_id, std::int64_t agent_id);
FramePredicate transfer_is(std::int64_t transfer_id, const std::string& status = "");
FramePredicate session_change(std::int64_t session_id, const std::string& change);
FramePredicate note_is(std::int64_t note_id, const std::string& action);
// A message_created of a system message in the session whose body contains `text`.
FramePredicate system_message(std::int64_t session_id, const std::string& text);
FramePredicate message_with_body(std::int64_t session_id, const std::string& body);
FramePredicate any_frame();
// A frame whose serialized text contains `needle` anywhere.
FramePredicate mentions(const std::string& needle);

// Makes `ws` do a heartbeat round trip (so everything the server queued before
// is in the backlog), then checks that no backlog frame of `type` (any type
// when empty) satisfies `pred`. Call it only once the event in question is
// known to be committed and published (its REST answer came, or another
// socket already got it).
::testing::AssertionResult NeverGot(WsClient& ws, const std::string& type, const FramePredicate& pred = {});

// ---- audit ----
// GET /api/v1/admin/audit?<query> as `admin_token`; throws unless 200.
std::vector<boost::json::object> audit_entries(unsigned short port, const std::string& admin_token,
                                               const std::string& query);
// The audit log filtered by actor and action has an entry for `target_id`
// (any target when empty), and every entry the filter returned matches it.
::testing::AssertionResult Audited(unsigned short port, const std::string& admin_token, std::int64_t actor_id,
                                   const std::string& action, const std::string& target_id = "");

std::string sid(std::int64_t id);

}  // namespace livedesk::it::tools
