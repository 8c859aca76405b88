// Privacy: erasing a contact ("right to be forgotten"), retention, and auditing exports (docs/api.md,
// "Privacy"). An erasure is one store job: every conversation of the contact, the contact row, the audit entry
// and the event commit together or not at all. The attachment files are deleted by the caller after the commit
// (the answer names those no other chat uses), so a rolled-back erasure never loses a file. An export is read
// elsewhere (service/contact_exporter); here it is only audited, on the leader like every audited action.
#include <algorithm>
#include <boost/json.hpp>

#include "domain/role.hpp"
#include "service/audit_detail.hpp"
#include "service/chat_engine.hpp"
#include "service/retention_setting.hpp"

namespace livedesk::service {

namespace {
boost::json::object counts_json(const ErasureCounts& counts) {
  return {{"conversations", counts.conversations}, {"messages", counts.messages}, {"attachments", counts.attachments}};
}
}  // namespace

void ChatEngine::erase_conversation(store::Store& s, std::int64_t session_id, ErasureCounts& counts) {
  const auto erased = s.privacy().erase_conversation(session_id, now_ms());
  ++counts.conversations;
  counts.messages += erased.messages;
  counts.attachments += erased.attachments;
  for (const auto& blob : erased.blobs)
    if (std::find(counts.unused_blobs.begin(), counts.unused_blobs.end(), blob) == counts.unused_blobs.end())
      counts.unused_blobs.push_back(blob);
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::EraseContact& call,
                        Done<ErasureCounts> done) {
  const auto& actor = call.admin;
  if (actor.is_customer() || actor.role != domain::Role::admin)
    return done(ChatError{403, "forbidden", "only admins erase contacts"});
  if (!s.contacts().find(call.contact_id)) return done(not_found("contact", call.contact_id));
  const auto sessions = s.privacy().conversations_of(call.contact_id);
  // An open chat lives in the engine (and on the customer's screen): it is closed first, by staff.
  for (auto id : sessions)
    if (find_open(id))
      return done(ChatError{409, "session_open",
                            "the contact has an open chat (" + std::to_string(id) + "); close it before erasing"});
  ErasureCounts counts;
  for (auto id : sessions) erase_conversation(s, id, counts);
  s.privacy().erase_contact(call.contact_id, now_ms());
  std::erase_if(counts.unused_blobs, [&](const std::string& blob) { return s.privacy().blob_in_use(blob); });
  auto detail = counts_json(counts);
  audit(s, actor, "contact.erased", "contact", call.contact_id, boost::json::serialize(detail));
  emit(s, h, bus::ContactErased{call.contact_id, sessions, actor.id, true});
  h.after_commit([done, counts](bool ok) {
    ok ? done(counts) : done(ChatError{503, "unavailable", "the erasure could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::EraseExpired& call,
                        Done<ErasureCounts> done) {
  ErasureCounts counts;
  for (auto id : s.privacy().closed_before(call.cutoff_ms, std::clamp(call.limit, 1, 500))) {
    auto row = s.sessions().find(id);
    if (!row) continue;
    erase_conversation(s, id, counts);
    store::AuditEntry entry;  // by the system: no actor
    entry.at_ms = now_ms();
    entry.action = "conversation.erased";
    entry.target_type = "session";
    entry.target_id = std::to_string(id);
    entry.detail_json = R"({"reason":"retention"})";
    s.audit().append(entry);
    emit(s, h, bus::ContactErased{row->customer_id, {id}, std::nullopt, false});
  }
  std::erase_if(counts.unused_blobs, [&](const std::string& blob) { return s.privacy().blob_in_use(blob); });
  if (counts.conversations == 0) return done(counts);
  h.after_commit([done, counts](bool ok) {
    ok ? done(counts) : done(ChatError{503, "unavailable", "the erasure could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::RecordContactExport& call,
                        Done<bool> done) {
  const auto& actor = call.actor;
  if (actor.is_customer() || !domain::has_at_least(actor.role, domain::Role::supervisor))
    return done(ChatError{403, "forbidden", "only supervisors and admins export contacts"});
  if (!s.contacts().find(call.contact_id)) return done(not_found("contact", call.contact_id));
  audit(s, actor, "contact.exported", "contact", call.contact_id,
        boost::json::serialize(boost::json::object{{"conversations", call.conversations}}));
  // The export leaves only once its audit entry is durable.
  h.after_commit([done](bool ok) {
    ok ? done(true) : done(ChatError{503, "unavailable", "the export could not be audited"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::RetentionSettings& call,
                        Done<domain::RetentionSettingsView> done) {
  const auto& actor = call.actor;
  if (actor.is_customer() || actor.role != domain::Role::admin)
    return done(ChatError{403, "forbidden", "only admins read or change the retention"});
  const int previous = retention_days(s, settings_.retention_days);
  if (!call.retention_days) return done(domain::RetentionSettingsView{previous});
  const int days = *call.retention_days;
  if (days < 0 || days > kMaxRetentionDays)
    return done(ChatError{400, "invalid_field", "field 'retention_days' must be 0 (keep forever) to 36500"});
  store_retention_days(s, days);
  audit(s, actor, "settings.retention", "settings", 0,
        boost::json::serialize(boost::json::object{{"retention_days", days}, {"previous", previous}}));
  h.after_commit([done, days](bool ok) {
    ok ? done(domain::RetentionSettingsView{days})
       : done(ChatError{503, "unavailable", "the setting could not be saved"});
  });
}

}  // namespace livedesk::service
