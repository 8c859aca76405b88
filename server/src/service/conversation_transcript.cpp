// The transcript of one conversation: everything that happened in it, in time order.
#include <algorithm>
#include <map>

#include "service/chat_views.hpp"
#include "service/conversation_directory.hpp"
#include "service/conversation_reads.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {
namespace {

constexpr int kMessagePage = 500;

// Staff names by id, each account read once per transcript ("" for one that is gone).
class StaffNames {
 public:
  explicit StaffNames(store::Store& s) : s_(s) {}
  const std::string& operator()(std::int64_t id) {
    auto it = names_.find(id);
    if (it == names_.end()) {
      auto user = s_.accounts().find(id);
      it = names_.emplace(id, user ? user->name : "").first;
    }
    return it->second;
  }

 private:
  store::Store& s_;
  std::map<std::int64_t, std::string> names_;
};

std::vector<domain::TimelineEntryView> timeline_of(store::Store& s, const store::ConversationRow& row,
                                                   const std::vector<domain::TagView>& tags) {
  StaffNames names(s);
  std::vector<domain::TimelineEntryView> out;
  // In the order things happen, so entries of one instant keep it through the stable sort below.
  out.push_back({row.created_ms, domain::SystemEntry{"started", std::nullopt, std::nullopt, std::nullopt}});
  if (row.assigned_ms) {
    std::optional<domain::NamedView> agent;
    if (row.agent_id) agent = domain::NamedView{*row.agent_id, row.agent_name};
    out.push_back({*row.assigned_ms, domain::SystemEntry{"assigned", agent, std::nullopt, std::nullopt}});
  }
  for (std::int64_t after = 0;;) {
    const auto page = s.messages().after(row.id, after, kMessagePage);
    for (const auto& m : page) out.push_back({m.created_ms, domain::MessageEntry{to_view(m)}});
    if (int(page.size()) < kMessagePage) break;
    after = page.back().seq;
  }
  for (const auto& n : s.notes().of_session(row.id))
    if (!n.deleted_ms) out.push_back({n.created_ms, domain::NoteEntry{to_view(n, names(n.author_user_id))}});
  for (const auto& t : s.transfers().of_session(row.id))
    out.push_back({t.created_ms, domain::TransferEntry{to_view(t)}});
  for (const auto& tagging : s.tags().taggings_of(row.id)) {
    const auto tag = std::find_if(tags.begin(), tags.end(), [&](const auto& t) { return t.id == tagging.tag_id; });
    if (tag == tags.end()) continue;  // taken off between the two reads
    std::optional<domain::NamedView> by;
    if (tagging.added_by) by = domain::NamedView{*tagging.added_by, names(*tagging.added_by)};
    out.push_back({tagging.added_ms, domain::TagEntry{"added", *tag, by}});
  }
  if (row.closed_ms) {
    std::optional<domain::NamedView> agent, disposition;
    if (row.agent_id) agent = domain::NamedView{*row.agent_id, row.agent_name};
    if (row.disposition_id) disposition = domain::NamedView{*row.disposition_id, row.disposition_name};
    out.push_back({*row.closed_ms, domain::SystemEntry{"closed", agent, row.close_reason, disposition}});
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.at_ms < b.at_ms; });
  return out;
}

}  // namespace

bool ConversationDirectory::transcript(std::int64_t id, std::function<void(Outcome<domain::TranscriptView>)> done) {
  return store_.post_read(
      guarded_read(done, "the conversation could not be read",
                   [id](store::Store& s, const auto& done) {
                     auto row = s.conversations().find(id);
                     if (!row) return done(not_found("conversation", id));
                     domain::TranscriptView transcript;
                     transcript.conversation = to_view(*row);
                     transcript.conversation.tags = std::move(tags_by_conversation(s, {id})[id]);
                     if (auto rating = s.ratings().find(id))
                       transcript.rating = domain::RatingView{rating->rating, rating->comment, rating->created_ms};
                     transcript.timeline = timeline_of(s, *row, transcript.conversation.tags);
                     done(std::move(transcript));
                   }),
      [done](const std::exception&) {
        done(ChatError{503, "unavailable", "the conversation could not be read"});
      });
}

}  // namespace livedesk::service
