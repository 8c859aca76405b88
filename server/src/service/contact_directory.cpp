#include "service/contact_directory.hpp"

#include <algorithm>
#include <charconv>

#include "service/chat_views.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {
namespace {

constexpr int kConversations = 50;

ChatError unavailable() { return {503, "unavailable", "the contacts could not be read"}; }

// A read that reports a failing store to its caller (the executor only logs what escapes a job).
template <class Done, class Read>
auto guarded(Done done, Read read) {
  return [done = std::move(done), read = std::move(read)](store::Store& s) {
    try {
      read(s, done);
    } catch (const std::exception&) {
      done(unavailable());
    }
  };
}

// A cursor is "<seen ms>.<id>.<query>": opaque to clients, and tied to the query it was made for.
std::string cursor_text(const store::Contact& last, const std::string& query) {
  return std::to_string(last.last_seen_ms.value_or(last.created_ms)) + "." + std::to_string(last.id) + "." + query;
}

std::optional<store::ContactCursor> parse_cursor(const std::string& text, const std::string& query) {
  store::ContactCursor cursor;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, cursor.seen_ms);
  if (ec != std::errc{} || p == end || *p != '.') return std::nullopt;
  auto [q, ec2] = std::from_chars(p + 1, end, cursor.id);
  if (ec2 != std::errc{} || q == end || *q != '.') return std::nullopt;
  if (std::string_view(q + 1, end - q - 1) != query) return std::nullopt;
  return cursor;
}

}  // namespace

bool ContactDirectory::list(std::string query, int limit, std::optional<std::string> cursor,
                            std::function<void(Outcome<domain::ContactPageView>)> done) {
  std::optional<store::ContactCursor> after;
  if (cursor) {
    after = parse_cursor(*cursor, query);
    if (!after) {
      done(ChatError{400, "bad_cursor", "the cursor does not belong to this query"});
      return true;
    }
  }
  limit = std::clamp(limit, 1, kMaxLimit);
  return store_.post_read(guarded(done,
                                  [query = std::move(query), limit, after](store::Store& s, const auto& done) {
                                    domain::ContactPageView page;
                                    // One more than asked tells whether there is a next page.
                                    auto rows = s.contacts().list(query, after, limit + 1);
                                    const bool more = int(rows.size()) > limit;
                                    if (more) rows.resize(std::size_t(limit));
                                    std::vector<std::int64_t> ids;
                                    for (const auto& row : rows) ids.push_back(row.id);
                                    const auto stats = s.contacts().stats_of(ids);
                                    for (std::size_t i = 0; i < rows.size(); ++i)
                                      page.contacts.push_back(to_view(rows[i], stats[i]));
                                    if (more) page.next_cursor = cursor_text(rows.back(), query);
                                    done(std::move(page));
                                  }),
                          [done](const std::exception&) { done(unavailable()); });
}

bool ContactDirectory::find(std::int64_t id, std::function<void(Outcome<domain::ContactDetailView>)> done) {
  return store_.post_read(guarded(done,
                                  [id](store::Store& s, const auto& done) {
                                    auto contact = s.contacts().find(id);
                                    if (!contact) return done(not_found("contact", id));
                                    domain::ContactDetailView detail;
                                    detail.contact = to_view(*contact, s.contacts().stats(id));
                                    for (const auto& note : s.contacts().notes_of(id))
                                      detail.notes.push_back(to_view(note));
                                    for (const auto& c : s.contacts().conversations(id, kConversations))
                                      detail.conversations.push_back(to_view(c));
                                    done(std::move(detail));
                                  }),
                          [done](const std::exception&) { done(unavailable()); });
}

bool ContactDirectory::identity_settings(std::function<void(Outcome<IdentitySettings>)> done) {
  return store_.post_read(
      guarded(done,
              [](store::Store& s, const auto& done) {
                IdentitySettings out;
                out.configured = s.settings().find("widget_identity_secret").has_value();
                if (auto rotated = s.settings().find("widget_identity_rotated_ms")) {
                  std::int64_t ms = 0;
                  if (std::from_chars(rotated->data(), rotated->data() + rotated->size(), ms).ec == std::errc{})
                    out.rotated_ms = ms;
                }
                done(out);
              }),
      [done](const std::exception&) { done(unavailable()); });
}

}  // namespace livedesk::service
