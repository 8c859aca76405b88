#include "service/contact_exporter.hpp"

#include <algorithm>
#include <map>
#include <memory>

#include "domain/iso_time.hpp"
#include "domain/role.hpp"
#include "service/chat_engine.hpp"  // upload_url
#include "service/chat_views.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {
namespace {

constexpr int kMessagePage = 1000;

ChatError unavailable() { return {503, "unavailable", "the contact could not be read"}; }

// Staff names, each account read once per export.
class StaffNames {
 public:
  explicit StaffNames(store::Store& s) : s_(s) {}
  const std::string& operator()(std::int64_t id) {
    auto found = names_.find(id);
    if (found == names_.end()) {
      auto account = s_.accounts().find(id);
      found = names_.emplace(id, account ? account->name : std::string()).first;
    }
    return found->second;
  }

 private:
  store::Store& s_;
  std::map<std::int64_t, std::string> names_;
};

domain::ExportedConversationView conversation(store::Store& s, const store::ChatSession& row, StaffNames& names) {
  domain::ExportedConversationView c;
  c.id = row.id;
  c.status = row.status;
  c.subject = row.subject;
  c.priority = row.priority;
  c.created_ms = row.created_ms;
  c.assigned_ms = row.assigned_ms;
  c.first_response_ms = row.first_response_ms;
  c.closed_ms = row.closed_ms;
  c.close_reason = row.close_reason;
  if (row.agent_id) c.agent = domain::PartyView{*row.agent_id, names(*row.agent_id), ""};
  c.erased_ms = s.privacy().erased_ms(row.id);
  for (const auto& t : s.tags().of_session(row.id))
    c.tags.push_back({t.id, t.name, t.color, t.archived_ms.has_value(), t.created_ms});
  if (auto id = s.dispositions().of_session(row.id))
    if (auto d = s.dispositions().find(*id))
      c.disposition = domain::DispositionView{d->id, d->name, d->archived_ms.has_value(), d->created_ms};
  if (auto r = s.ratings().find(row.id)) c.rating = domain::ExportedRatingView{r->rating, r->comment, r->created_ms};
  // Every message, a page at a time (a long chat is read in a few statements, not one per message).
  for (std::int64_t after = 0;;) {
    const auto page = s.messages().after(row.id, after, kMessagePage);
    for (const auto& m : page) c.messages.push_back(to_view(m));
    if (int(page.size()) < kMessagePage) break;
    after = page.back().seq;
  }
  for (const auto& f : s.uploads().of_session(row.id))
    c.files.push_back({f.sha256, f.name, f.mime, f.size, f.created_ms, upload_url(row.id, f.sha256)});
  for (const auto& n : s.notes().of_session(row.id))
    c.notes.push_back(
        {n.id, n.session_id, n.author_user_id, names(n.author_user_id), n.kind, n.body, n.created_ms, n.updated_ms});
  for (const auto& t : s.transfers().of_session(row.id)) c.transfers.push_back(to_view(t));
  return c;
}

// The contacts merged into `id`, also those merged into one of them before (a merge moves conversations, notes
// and blocks, but a contact merged earlier still names the one it went into).
std::vector<std::int64_t> merged_into(store::Store& s, std::int64_t id) {
  std::vector<std::int64_t> out;
  std::vector<std::int64_t> next{id};
  while (!next.empty()) {
    const auto into = next.back();
    next.pop_back();
    for (auto from : s.contacts().merged_from(into)) {
      if (from == id || std::find(out.begin(), out.end(), from) != out.end()) continue;  // never loop
      out.push_back(from);
      next.push_back(from);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::optional<domain::ContactExportView> read_export(store::Store& s, std::int64_t contact_id, std::int64_t now_ms) {
  const auto contact = s.contacts().find(contact_id);
  if (!contact) return std::nullopt;
  domain::ContactExportView out;
  out.exported_ms = now_ms;
  out.contact = to_view(*contact, s.contacts().stats(contact_id));
  for (const auto& note : s.contacts().notes_of(contact_id)) out.notes.push_back(to_view(note));
  StaffNames names(s);
  for (auto id : s.privacy().conversations_of(contact_id))
    if (auto row = s.sessions().find(id)) out.conversations.push_back(conversation(s, *row, names));
  for (const auto& block : s.blocks().of_customer(contact_id)) out.blocks.push_back(to_view(block));
  out.merged_contact_ids = merged_into(s, contact_id);
  return out;
}

}  // namespace

bool ContactExporter::export_contact(Actor actor, std::int64_t contact_id, Done<domain::ContactExportView> done) {
  // The route checks the role too; this keeps the rule where the data is read.
  if (actor.is_customer() || !domain::has_at_least(actor.role, domain::Role::supervisor)) {
    done(ChatError{403, "forbidden", "only supervisors and admins export contacts"});
    return true;
  }
  return store_.post_read(
      [this, actor, contact_id, done](store::Store& s) {
        std::shared_ptr<domain::ContactExportView> view;
        try {
          auto read = read_export(s, contact_id, domain::to_unix_ms(clock_.now()));
          if (!read) return done(not_found("contact", contact_id));
          view = std::make_shared<domain::ContactExportView>(std::move(*read));
        } catch (const std::exception&) {
          return done(unavailable());
        }
        chat_.call(calls::RecordContactExport{actor, contact_id, std::int64_t(view->conversations.size())},
                   [view, done](Outcome<bool> audited) {
                     if (auto* error = std::get_if<ChatError>(&audited)) return done(*error);
                     done(std::move(*view));
                   });
      },
      [done](const std::exception&) { done(unavailable()); });
}

}  // namespace livedesk::service
