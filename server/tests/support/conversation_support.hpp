// Helpers for the conversation history tests (docs/api.md, "Conversations and search"): the list and the search
// over REST, waiting for the search index (it follows the event log) by polling with a deadline, and chats with a
// subject and a first message.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "support/cluster_support.hpp"
#include "support/http_client.hpp"
#include "support/ws_client.hpp"

namespace livedesk::it::tools {

using Ids = std::vector<std::int64_t>;

// Percent-encodes everything but unreserved characters (for q and cursors).
// The server's arguments for these tests: indexed every 50 ms, open conversations 10 ms after their first
// change (not 5 s); on `database` when given.
std::vector<std::string> search_server_args(const std::optional<TestDatabase>& database);

std::string url_encoded(const std::string& text);
// GET /api/v1/conversations?<query> as `token`; page() throws unless 200.
HttpResult list(unsigned short port, const std::string& token, const std::string& query);
boost::json::object page(unsigned short port, const std::string& token, const std::string& query);
// The conversations' ids of a page, in its order.
Ids ids_of(const boost::json::object& page);
// The ids the search `q` finds now (newest first), with further parameters in `more`.
Ids found(unsigned short port, const std::string& token, const std::string& q, const std::string& more = "");
// Polls the search `q` (with `more` parameters) until `done` holds for its answer, or 30 s have gone; returns the
// last answer.
boost::json::object search_until(unsigned short port, const std::string& token, const std::string& q,
                                 const std::function<bool(const boost::json::object&)>& done,
                                 const std::string& more = "");
// Fails the test unless the search `q` finds conversation `id` within 30 s. An open conversation is indexed some
// time after its first change (--search-index-delay-ms), so a test waits for the last write of each conversation
// it searches, not for one write standing for all.
void wait_indexed(unsigned short port, const std::string& token, const std::string& q, std::int64_t id);
// Fails the test unless, within 30 s, the search `q` finds every conversation there is (at most 100).
void wait_all_found(unsigned short port, const std::string& token, const std::string& q);
// A chat with a subject and a first message, taken by `agent_token` unless that is empty (then it waits).
StartedChat open_chat(unsigned short port, const std::string& agent_token, const std::string& name,
                      const std::string& email, const std::string& subject, const std::string& message);
// Posts a message; throws unless 201.
void say(unsigned short port, const std::string& token, std::int64_t session_id, const std::string& body);
// The conversation `id` of a page (a test failure when it is not there).
boost::json::object find_in(const boost::json::object& page, std::int64_t id);
// The matched pieces of a conversation's snippet, joined by '|'.
std::string hits(const boost::json::object& conversation);

}  // namespace livedesk::it::tools
