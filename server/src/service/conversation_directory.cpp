// The list and search of conversations (the transcript is in conversation_transcript.cpp).
#include "service/conversation_directory.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "service/chat_views.hpp"
#include "service/conversation_cursor.hpp"
#include "service/conversation_reads.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {
namespace {

template <class T>
void sort_unique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

std::string date_text(const std::optional<domain::CivilDate>& d) {
  if (!d) return "";
  return std::to_string(d->year) + "-" + std::to_string(d->month) + "-" + std::to_string(d->day);
}

template <class T>
std::string list_text(const std::vector<T>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ',';
    if constexpr (std::is_arithmetic_v<T>)
      out += std::to_string(v);
    else
      out += v;
  }
  return out;
}

template <class T>
std::string optional_text(const std::optional<T>& value) {
  if (!value) return "";
  if constexpr (std::is_arithmetic_v<T>)
    return std::to_string(*value);
  else
    return *value;
}

// The filters (lists already sorted) in one spelling, hashed (FNV-1a, 64 bits): what a cursor is checked against.
std::string fingerprint(const ConversationQuery& q) {
  const std::string text = "s=" + list_text(q.statuses) + ";a=" + optional_text(q.agent_id) +
                           ";c=" + optional_text(q.customer_id) + ";t=" + list_text(q.tag_ids) +
                           ";d=" + optional_text(q.disposition_id) + ";r=" + optional_text(q.close_reason) +
                           ";g=" + list_text(q.ratings) + ";f=" + date_text(q.from) + ";u=" + date_text(q.to);
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
  return out;
}

store::ConversationFilter to_filter(const ConversationQuery& q, const domain::Calendar& calendar) {
  store::ConversationFilter f;
  f.statuses = q.statuses;
  f.agent_id = q.agent_id;
  f.customer_id = q.customer_id;
  f.tag_ids = q.tag_ids;
  f.disposition_id = q.disposition_id;
  f.close_reason = q.close_reason;
  f.ratings = q.ratings;
  if (q.from) f.created_from_ms = calendar.date_start(*q.from);
  if (q.to) f.created_to_ms = calendar.date_end(*q.to);
  return f;
}

// The rows of a page as the list shows them: with their tags and, for a search, where each matched.
std::vector<domain::ConversationView> page_views(store::Store& s, const std::vector<store::ConversationRow>& rows,
                                                 const std::optional<domain::SearchQuery>& search) {
  std::vector<std::int64_t> ids;
  for (const auto& row : rows) ids.push_back(row.id);
  auto tags = tags_by_conversation(s, ids);
  std::map<std::int64_t, store::SearchSnippet> snippets;
  if (search && !ids.empty())
    for (auto& snippet : s.conversations().snippets(*search, ids)) snippets.emplace(snippet.id, std::move(snippet));
  std::vector<domain::ConversationView> out;
  for (const auto& row : rows) {
    auto view = to_view(row);
    view.tags = std::move(tags[row.id]);
    if (auto it = snippets.find(row.id); it != snippets.end()) {
      view.snippet = snippet_segments(it->second.text);
      view.matched_in = it->second.matched_in;
    }
    out.push_back(std::move(view));
  }
  return out;
}

// The highest session id now: relevance ranks the newest matches up to it, on every page of one search.
std::int64_t newest_id(store::Store& s) {
  const auto newest = s.conversations().list({}, std::nullopt, 1);
  return newest.empty() ? 0 : newest.front().id;
}

}  // namespace

bool ConversationDirectory::list(ConversationQuery query,
                                 std::function<void(Outcome<domain::ConversationPageView>)> done) {
  sort_unique(query.statuses);
  sort_unique(query.tag_ids);
  sort_unique(query.ratings);
  if (query.relevance && !query.search) {
    done(ChatError{400, "invalid_query", "sort=relevance needs a search: give q"});
    return true;
  }
  if (query.from && query.to && *query.to < *query.from) {
    done(ChatError{400, "invalid_query", "'to' is before 'from'"});
    return true;
  }
  const int limit = std::clamp(query.limit, 1, kMaxLimit);
  ConversationCursor next;
  next.query = query.search ? query.search->canonical() : "";
  next.filters = fingerprint(query);
  next.relevance = query.relevance;
  std::optional<ConversationCursor> after;
  if (query.cursor) {
    after = ConversationCursor::decode(*query.cursor);
    if (!after || after->query != next.query || after->filters != next.filters || after->relevance != next.relevance) {
      done(ChatError{400, "bad_cursor", "the cursor does not belong to this query and these filters"});
      return true;
    }
  }
  auto filter = to_filter(query, calendar_);
  return store_.post_read(guarded_read(done, "the conversations could not be read",
                                       [query = std::move(query), filter = std::move(filter), limit, after, next](
                                           store::Store& s, const auto& done) mutable {
                                         auto& conversations = s.conversations();
                                         const std::optional<std::int64_t> before =
                                             after ? std::optional<std::int64_t>(after->last_id) : std::nullopt;
                                         // One more than asked tells whether there is a next page.
                                         std::vector<store::ConversationRow> rows;
                                         bool more = false;
                                         if (!query.search) {
                                           rows = conversations.list(filter, before, limit + 1);
                                           more = int(rows.size()) > limit;
                                           if (more) rows.resize(std::size_t(limit));
                                           if (more) next.last_id = rows.back().id;
                                         } else if (!query.relevance) {
                                           auto ids =
                                               conversations.search_newest(*query.search, filter, before, limit + 1);
                                           more = int(ids.size()) > limit;
                                           if (more) ids.resize(std::size_t(limit));
                                           if (more) next.last_id = ids.back();
                                           rows = conversations.find_many(ids);
                                         } else {
                                           next.max_id = after ? after->max_id : newest_id(s);
                                           std::optional<store::RankedMatch> from;
                                           if (after) from = store::RankedMatch{after->last_id, after->score};
                                           auto ranked = conversations.search_ranked(*query.search, filter, next.max_id,
                                                                                     from, kRelevanceWindow, limit + 1);
                                           more = int(ranked.size()) > limit;
                                           if (more) ranked.resize(std::size_t(limit));
                                           if (more) next.last_id = ranked.back().id, next.score = ranked.back().score;
                                           std::vector<std::int64_t> ids;
                                           for (const auto& match : ranked) ids.push_back(match.id);
                                           rows = conversations.find_many(ids);
                                         }
                                         domain::ConversationPageView page;
                                         page.conversations = page_views(s, rows, query.search);
                                         if (more) page.next_cursor = next.encode();
                                         done(std::move(page));
                                       }),
                          [done](const std::exception&) {
                            done(ChatError{503, "unavailable", "the conversations could not be read"});
                          });
}

}  // namespace livedesk::service
