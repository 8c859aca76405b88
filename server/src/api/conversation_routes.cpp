// Conversations as history over REST (docs/api.md, "Conversations and search").
#include "api/conversation_routes.hpp"

#include <charconv>

#include "api/api_error.hpp"
#include "api/conversation_json.hpp"
#include "api/json_io.hpp"
#include "api/outcome_response.hpp"
#include "api/query_params.hpp"
#include "api/staff_auth.hpp"

namespace livedesk::api {
namespace {

constexpr auto kRead = domain::ApiScope::conversations_read;

[[noreturn]] void bad(std::string_view key, const std::string& why) {
  throw ApiError(400, "invalid_query", "query parameter '" + std::string(key) + "' " + why);
}

// The comma-separated items of `key` (none when absent); an empty item is refused.
std::vector<std::string> items(std::string_view query, std::string_view key) {
  std::vector<std::string> out;
  const auto text = query_value(query, key);
  if (!text) return out;
  std::string_view rest = *text;
  for (;;) {
    const auto comma = rest.find(',');
    const auto item = rest.substr(0, comma);
    if (item.empty()) bad(key, "has an empty item");
    out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  if (out.size() > 100) bad(key, "has more than 100 items");
  return out;
}

std::int64_t id_of(std::string_view key, const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
    bad(key, "must be a positive integer id, not '" + text + "'");
  return value;
}

std::optional<std::int64_t> optional_id(std::string_view query, std::string_view key) {
  const auto text = query_value(query, key);
  if (!text) return std::nullopt;
  return id_of(key, *text);
}

std::string one_of(std::string_view key, const std::string& value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (value == a) return value;
  std::string list;
  for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
  bad(key, "has an unknown value '" + value + "' (one of: " + list + ")");
}

std::optional<domain::CivilDate> date(std::string_view query, std::string_view key) {
  const auto text = query_value(query, key);
  if (!text) return std::nullopt;
  auto parsed = domain::parse_civil_date(*text);
  if (!parsed) bad(key, "must be a date YYYY-MM-DD, not '" + *text + "'");
  return parsed;
}

bool blank(std::string_view text) { return text.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

service::ConversationQuery conversation_query(std::string_view query) {
  service::ConversationQuery q;
  for (const auto& s : items(query, "status"))
    q.statuses.push_back(one_of("status", s, {"waiting", "active", "closed"}));
  q.agent_id = optional_id(query, "agent_id");
  q.customer_id = optional_id(query, "customer_id");
  for (const auto& t : items(query, "tag_id")) q.tag_ids.push_back(id_of("tag_id", t));
  q.disposition_id = optional_id(query, "disposition_id");
  if (auto reason = query_value(query, "close_reason"))
    q.close_reason = one_of("close_reason", *reason, {"resolved", "missed", "blocked"});
  for (const auto& r : items(query, "rating")) {
    if (r.size() != 1 || r[0] < '1' || r[0] > '5') bad("rating", "must hold ratings from 1 to 5, not '" + r + "'");
    q.ratings.push_back(r[0] - '0');
  }
  q.from = date(query, "from");
  q.to = date(query, "to");
  if (q.from && q.to && *q.to < *q.from) bad("to", "is before 'from'");
  const auto text = query_value(query, "q");
  if (text && text->size() > domain::SearchQuery::kMaxBytes)
    throw ApiError(400, "bad_query", "q is longer than " + std::to_string(domain::SearchQuery::kMaxBytes) + " bytes");
  if (text && !blank(*text)) {
    try {
      q.search = domain::SearchQuery::parse(*text);
    } catch (const domain::SearchQueryError& e) {
      throw ApiError(400, "bad_query", e.what());
    }
  }
  if (auto sort = query_value(query, "sort"))
    q.relevance = one_of("sort", *sort, {"newest", "relevance"}) == "relevance";
  if (q.relevance && !q.search) bad("sort", "is relevance, which needs a search: give q");
  q.limit = int(query_int(query, "limit", 25, 1, service::ConversationDirectory::kMaxLimit));
  q.cursor = query_value(query, "cursor");
  if (q.cursor && q.cursor->empty()) q.cursor.reset();
  return q;
}

void add_conversation_routes(Router& router, service::AuthService& auth,
                             service::ConversationDirectory& conversations) {
  // The directory refused to queue the read: the server is stopping.
  auto unless_queued = [](bool queued, const Responder& respond) {
    if (!queued) respond(error_response(503, "unavailable", "the server is shutting down"));
  };
  router.add("GET", "/api/v1/conversations",
             [&auth, &conversations, unless_queued](const Request& request, const PathParams&, Responder respond) {
               require_staff(auth, request, domain::Role::agent, kRead);
               unless_queued(
                   conversations.list(conversation_query(request.query),
                                      reply<domain::ConversationPageView>(respond, 200, conversation_page_json)),
                   respond);
             });
  router.add(
      "GET", "/api/v1/conversations/{id}",
      [&auth, &conversations, unless_queued](const Request& request, const PathParams& params, Responder respond) {
        require_staff(auth, request, domain::Role::agent, kRead);
        unless_queued(
            conversations.transcript(params.id("id"), reply<domain::TranscriptView>(respond, 200, transcript_json)),
            respond);
      });
}

}  // namespace livedesk::api
