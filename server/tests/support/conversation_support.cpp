#include "support/conversation_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "support/tools_support.hpp"

namespace livedesk::it::tools {
namespace json = boost::json;

std::vector<std::string> search_server_args(const std::optional<TestDatabase>& database) {
  std::vector<std::string> args{"--search-index-ms", "50", "--search-index-delay-ms", "10"};
  if (database) args.insert(args.end(), {"--database", database->url()});
  return args;
}

std::string url_encoded(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

HttpResult list(unsigned short port, const std::string& token, const std::string& query) {
  return call(port, "GET", "/api/v1/conversations?" + query, token);
}

json::object page(unsigned short port, const std::string& token, const std::string& query) {
  return expect(list(port, token, query), 200, "GET /api/v1/conversations?" + query);
}

Ids ids_of(const json::object& page) {
  Ids out;
  for (const auto& c : page.at("conversations").as_array()) out.push_back(c.at("id").as_int64());
  return out;
}

Ids found(unsigned short port, const std::string& token, const std::string& q, const std::string& more) {
  return ids_of(page(port, token, "q=" + url_encoded(q) + (more.empty() ? "" : "&" + more)));
}

json::object search_until(unsigned short port, const std::string& token, const std::string& q,
                          const std::function<bool(const json::object&)>& done, const std::string& more) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    auto answer = page(port, token, "q=" + url_encoded(q) + (more.empty() ? "" : "&" + more));
    if (done(answer) || std::chrono::steady_clock::now() > deadline) return answer;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // polling interval, not a wait for an outcome
  }
}

void wait_indexed(unsigned short port, const std::string& token, const std::string& q, std::int64_t id) {
  const auto answer = search_until(port, token, q, [id](const json::object& p) {
    for (auto found_id : ids_of(p))
      if (found_id == id) return true;
    return false;
  });
  const auto ids = ids_of(answer);
  ASSERT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << "'" << q << "' never found " << id << ": " << answer;
}

void wait_all_found(unsigned short port, const std::string& token, const std::string& q) {
  const auto all = ids_of(page(port, token, "limit=100"));
  const auto answer = search_until(
      port, token, q, [&](const json::object& p) { return ids_of(p) == all; }, "limit=100");
  ASSERT_EQ(ids_of(answer), all) << "'" << q << "' never found every conversation";
}

// A chat with a subject and a first message, taken by `agent_token` unless it is empty.
StartedChat open_chat(unsigned short port, const std::string& agent_token, const std::string& name,
                      const std::string& email, const std::string& subject, const std::string& message) {
  auto chat = start_chat(port, name, email, {{"subject", subject}, {"message", message}});
  if (!agent_token.empty())
    expect(call(port, "POST", session_path(chat.session_id, "/take"), agent_token), 200,
           "take " + sid(chat.session_id));
  return chat;
}

void say(unsigned short port, const std::string& token, std::int64_t session_id, const std::string& body) {
  expect(post_message(port, token, session_id, body), 201, "message '" + body + "'");
}

json::object find_in(const json::object& page, std::int64_t id) {
  for (const auto& c : page.at("conversations").as_array())
    if (c.at("id").as_int64() == id) return c.as_object();
  ADD_FAILURE() << "no conversation " << id << " in " << page;
  return {};
}

// The snippet's matched pieces, joined by '|'.
std::string hits(const json::object& conversation) {
  std::string out;
  if (!conversation.at("snippet").is_array()) return "(no snippet)";
  for (const auto& s : conversation.at("snippet").as_array())
    if (s.at("hit").as_bool()) out += (out.empty() ? "" : "|") + std::string(s.at("text").as_string());
  return out;
}

}  // namespace livedesk::it::tools
