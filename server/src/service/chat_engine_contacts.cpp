// Contacts: staff edits, contact notes, merges, the widget's visitor contacts and identity verification
// (docs/api.md, "Contacts and identity"). Reads go through service/contact_directory instead.
#include <boost/json.hpp>

#include "auth/identity_signature.hpp"
#include "domain/message_rules.hpp"
#include "service/chat_engine.hpp"
#include "service/chat_views.hpp"
#include "service/contact_attributes.hpp"

namespace livedesk::service {
namespace {

namespace json = boost::json;

constexpr const char* kIdentitySecret = "widget_identity_secret";
constexpr const char* kIdentityRotated = "widget_identity_rotated_ms";
constexpr std::size_t kMaxNote = 8 * 1024;

std::string lower(std::string text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return text;
}

ChatError bad_request(std::string message) { return {400, "bad_request", std::move(message)}; }

// The JSON of the audit line of a merge.
std::string merge_detail(std::int64_t from) { return json::serialize(json::object{{"from_contact_id", from}}); }

}  // namespace

domain::ContactView ChatEngine::contact_view(store::Store& s, const store::Contact& contact) {
  return to_view(contact, s.contacts().stats(contact.id));
}

store::Contact ChatEngine::merge_contacts(store::Store& s, store::CommitHooks& h, const Actor* actor,
                                          store::Contact into, const store::Contact& from) {
  s.contacts().merge(into.id, from.id, now_ms());
  // Missing fields come from the contact merged away; its unique columns were freed by merge().
  if (into.email.empty()) into.email = from.email;
  if (!into.external_id && from.external_id) {
    into.external_id = from.external_id;
    into.identity_verified = from.identity_verified;
  }
  if (!into.visitor_id) into.visitor_id = from.visitor_id;
  if (domain::is_blank(into.name)) into.name = from.name;
  into.attributes = fill_attributes(into.attributes, from.attributes);
  if (from.last_seen_ms && (!into.last_seen_ms || *into.last_seen_ms < *from.last_seen_ms))
    into.last_seen_ms = from.last_seen_ms;
  into.updated_ms = now_ms();
  s.contacts().update(into);
  // The open chats' copies, so a later write of their row keeps the new owner.
  for (auto& [id, open] : open_)
    if (open.row.customer_id == from.id || open.row.customer_id == into.id) {
      open.row.customer_id = into.id;
      open.customer = into;
    }
  // No actor: the widget's visitor became known (the system merged, audited without a user).
  audit(s, actor ? *actor : Actor{}, "contact.merged", "contact", into.id, merge_detail(from.id));
  emit(s, h, bus::ContactChanged{contact_view(s, into), "merged", from.id});
  return into;
}

Outcome<store::Contact> ChatEngine::resolve_contact(store::Store& s, store::CommitHooks& h, const std::string& name,
                                                    const std::string& email,
                                                    const std::optional<std::string>& visitor_id,
                                                    const std::optional<Identity>& identity) {
  const std::int64_t now = now_ms();
  bool verified = false;
  if (identity && identity->user_hash) {
    // A forged hash is refused before anything is written; no secret yet means nothing can be signed.
    const auto secret = s.settings().find(kIdentitySecret);
    if (!secret || !auth::identity_hash_matches(*secret, identity->user_id, *identity->user_hash))
      return ChatError{403, "identity_invalid", "the identity's user_hash does not match its user_id"};
    verified = true;
  }
  if (identity && identity->attributes) {
    if (auto problem = attributes_problem(*identity->attributes)) return bad_request(*problem);
  }

  std::optional<store::Contact> chosen;
  auto new_contact = [&](std::optional<std::string> external_id, int verified_flag) {
    store::Contact c;
    c.name = domain::is_blank(name) ? "Visitor" : name;
    if (!email.empty() && !s.contacts().find_by_email(email)) c.email = email;
    c.external_id = std::move(external_id);
    c.identity_verified = verified_flag;
    c.created_ms = c.updated_ms = now;
    c.last_seen_ms = now;
    c.id = s.contacts().insert(c);
    return c;
  };
  if (identity && verified) {
    chosen = s.contacts().find_by_external_id(identity->user_id);
    if (chosen && !chosen->identity_verified) {
      // An unsigned claim of this user id gives way to the signed one.
      chosen->external_id.reset();
      chosen->updated_ms = now;
      s.contacts().update(*chosen);
      chosen.reset();
    }
    if (chosen && chosen->merged_into) chosen = s.contacts().find(*chosen->merged_into);
    if (!chosen && !email.empty())
      if (auto by_email = s.contacts().find_by_email(email); by_email && !by_email->external_id) {
        chosen = by_email;
        chosen->external_id = identity->user_id;
        chosen->identity_verified = 1;
      }
    if (!chosen) chosen = new_contact(identity->user_id, 1);
  } else if (identity) {
    // Unverified: kept apart from every verified contact, by user id and by email.
    chosen = s.contacts().find_by_external_id(identity->user_id);
    const bool id_free = !chosen;
    if (chosen && chosen->identity_verified) chosen.reset();
    if (!chosen && !email.empty())
      if (auto by_email = s.contacts().find_by_email(email);
          by_email && !by_email->identity_verified && !by_email->external_id) {
        chosen = by_email;
        if (id_free) chosen->external_id = identity->user_id;
      }
    if (!chosen) chosen = new_contact(id_free ? std::optional<std::string>(identity->user_id) : std::nullopt, 0);
  } else if (!email.empty()) {
    chosen = s.contacts().upsert(domain::is_blank(name) ? "Visitor" : name, email, now);
  }

  if (visitor_id) {
    auto visitor = s.contacts().find_by_visitor_id(*visitor_id);
    if (!chosen) {
      if (visitor && visitor->merged_into) visitor = s.contacts().find(*visitor->merged_into);
      chosen = visitor ? *visitor : new_contact(std::nullopt, 0);
      if (!chosen->visitor_id && !visitor) chosen->visitor_id = *visitor_id;
    } else if (visitor && visitor->id != chosen->id && !visitor->merged_into) {
      // The anonymous visitor is now known: its chats and notes join the known contact.
      if (visitor->email.empty() && !visitor->identity_verified && !visitor->external_id) {
        s.contacts().update(*chosen);  // what was decided above, before the merge reads it back
        chosen = merge_contacts(s, h, nullptr, *chosen, *visitor);
      }
    } else if (!visitor && !chosen->visitor_id) {
      chosen->visitor_id = *visitor_id;
    }
  }
  if (!chosen) return bad_request("a contact needs an email, a visitor_id or an identity");

  if (!domain::is_blank(name)) chosen->name = name;
  if (identity && identity->attributes) {
    std::string problem;
    if (auto merged = apply_attributes(chosen->attributes, *identity->attributes, problem))
      chosen->attributes = *merged;
    else
      return bad_request(problem);
  }
  if (!chosen->last_seen_ms || *chosen->last_seen_ms < now) chosen->last_seen_ms = now;
  chosen->updated_ms = now;
  s.contacts().update(*chosen);
  return *chosen;
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::UpdateContact& call,
                        Done<domain::ContactView> done) {
  if (call.actor.is_customer()) return done(ChatError{403, "forbidden", "staff only"});
  auto contact = s.contacts().find(call.contact_id);
  if (!contact || contact->erased_ms) return done(not_found("contact", call.contact_id));
  if (contact->merged_into) return done(bad_request("contact " + std::to_string(call.contact_id) + " was merged"));
  if (call.name_) {
    if (domain::is_blank(*call.name_) || call.name_->size() > 200)
      return done(bad_request("name must be 1..200 characters"));
    contact->name = *call.name_;
  }
  if (call.email) {
    const std::string email = lower(*call.email);
    if (email.empty() || email.size() > 254 || email.find('@') == std::string::npos)
      return done(bad_request("email is not an email address"));
    if (auto owner = s.contacts().find_by_email(email); owner && owner->id != contact->id)
      return done(ChatError{409, "email_taken", "another contact has this email; merge them instead"});
    contact->email = email;
  }
  if (call.attributes) {
    std::string problem;
    auto merged = apply_attributes(contact->attributes, *call.attributes, problem);
    if (!merged) return done(bad_request(problem));
    contact->attributes = *merged;
  }
  contact->updated_ms = now_ms();
  s.contacts().update(*contact);
  for (auto& [id, open] : open_)
    if (open.row.customer_id == contact->id) open.customer = *contact;
  audit(s, call.actor, "contact.updated", "contact", contact->id);
  auto v = contact_view(s, *contact);
  emit(s, h, bus::ContactChanged{v, "updated", std::nullopt});
  h.after_commit([done, v](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the contact could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::AddContactNote& call,
                        Done<domain::ContactNoteView> done) {
  if (call.actor.is_customer()) return done(ChatError{403, "forbidden", "staff only"});
  auto contact = s.contacts().find(call.contact_id);
  if (!contact || contact->erased_ms) return done(not_found("contact", call.contact_id));
  if (domain::is_blank(call.body)) return done(bad_request("the note is empty"));
  if (call.body.size() > kMaxNote) return done(bad_request("the note is longer than 8 KiB"));
  store::ContactNote note;
  note.contact_id = contact->id;
  note.author_user_id = call.actor.id;
  note.body = call.body;
  note.created_ms = note.updated_ms = now_ms();
  note.id = s.contacts().insert_note(note);
  auto v = to_view(*s.contacts().find_note(note.id));
  audit(s, call.actor, "contact_note.created", "contact", contact->id,
        json::serialize(json::object{{"note_id", note.id}}));
  emit(s, h, bus::ContactChanged{contact_view(s, *contact), "note_created", std::nullopt});
  h.after_commit([done, v](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the note could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::EditContactNote& call,
                        Done<domain::ContactNoteView> done) {
  if (call.actor.is_customer()) return done(ChatError{403, "forbidden", "staff only"});
  auto note = s.contacts().find_note(call.note_id);
  if (!note || note->deleted_ms || note->contact_id != call.contact_id) return done(not_found("note", call.note_id));
  const bool deleting = !call.body.has_value();
  if (note->author_user_id != call.actor.id && !(deleting && call.actor.role == domain::Role::admin))
    return done(ChatError{403, "not_author", "only its author may change a note"});
  if (call.body && domain::is_blank(*call.body)) return done(bad_request("the note is empty"));
  if (call.body && call.body->size() > kMaxNote) return done(bad_request("the note is longer than 8 KiB"));
  note->updated_ms = now_ms();
  if (deleting)
    note->deleted_ms = now_ms();
  else
    note->body = *call.body;
  s.contacts().update_note(*note);
  audit(s, call.actor, deleting ? "contact_note.deleted" : "contact_note.updated", "contact", note->contact_id,
        json::serialize(json::object{{"note_id", note->id}}));
  if (auto contact = s.contacts().find(note->contact_id))
    emit(s, h, bus::ContactChanged{contact_view(s, *contact), deleting ? "note_deleted" : "note_updated",
                                   std::nullopt});
  auto v = to_view(*note);
  h.after_commit([done, v](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the note could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::MergeContacts& call,
                        Done<domain::ContactView> done) {
  if (call.actor.is_customer()) return done(ChatError{403, "forbidden", "staff only"});
  if (call.contact_id == call.from_contact_id) return done(bad_request("a contact cannot be merged into itself"));
  auto into = s.contacts().find(call.contact_id);
  if (!into || into->erased_ms) return done(not_found("contact", call.contact_id));
  auto from = s.contacts().find(call.from_contact_id);
  if (!from || from->erased_ms) return done(not_found("contact", call.from_contact_id));
  if (into->merged_into || from->merged_into) return done(bad_request("one of the contacts was merged already"));
  if (into->external_id && from->external_id && *into->external_id != *from->external_id)
    return done(bad_request("the contacts have different external ids"));
  auto merged = merge_contacts(s, h, &call.actor, *into, *from);
  auto v = contact_view(s, merged);
  h.after_commit([done, v](bool ok) {
    ok ? done(v) : done(ChatError{503, "unavailable", "the merge could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::UpsertVisitor& call,
                        Done<std::int64_t> done) {
  if (call.attributes)
    if (auto problem = attributes_problem(*call.attributes)) return done(bad_request(*problem));
  auto identity = call.identity;
  // The visitor's own attributes go in with the identity's (the identity's win).
  if (call.attributes) {
    if (!identity) {
      auto resolved = resolve_contact(s, h, call.name_.value_or(""), lower(call.email.value_or("")),
                                      call.visitor_id, std::nullopt);
      if (auto* error = std::get_if<ChatError>(&resolved)) return done(*error);
      auto* contact = &std::get<store::Contact>(resolved);
      std::string problem;
      if (auto merged = apply_attributes(contact->attributes, *call.attributes, problem)) {
        contact->attributes = *merged;
        s.contacts().update(*contact);
      } else {
        return done(bad_request(problem));
      }
      emit(s, h, bus::ContactChanged{contact_view(s, *contact), "updated", std::nullopt});
      const auto id = contact->id;
      h.after_commit([done, id](bool ok) {
        ok ? done(id) : done(ChatError{503, "unavailable", "the visitor could not be saved"});
      });
      return;
    }
    std::string problem;
    auto both = apply_attributes(*call.attributes, identity->attributes.value_or("{}"), problem);
    if (!both) return done(bad_request(problem));
    identity->attributes = *both;
  }
  auto resolved =
      resolve_contact(s, h, call.name_.value_or(""), lower(call.email.value_or("")), call.visitor_id, identity);
  if (auto* error = std::get_if<ChatError>(&resolved)) return done(*error);
  auto* contact = &std::get<store::Contact>(resolved);
  emit(s, h, bus::ContactChanged{contact_view(s, *contact), "updated", std::nullopt});
  const auto id = contact->id;
  h.after_commit([done, id](bool ok) {
    ok ? done(id) : done(ChatError{503, "unavailable", "the visitor could not be saved"});
  });
}

void ChatEngine::handle(store::Store& s, store::CommitHooks& h, const calls::RotateIdentitySecret& call,
                        Done<std::string> done) {
  if (call.actor.is_customer() || call.actor.role != domain::Role::admin)
    return done(ChatError{403, "forbidden", "admins only"});
  const std::string secret = auth::new_identity_secret();
  s.settings().put(kIdentitySecret, secret);
  s.settings().put(kIdentityRotated, std::to_string(now_ms()));
  audit(s, call.actor, "widget_identity.rotated", "setting", 0);
  h.after_commit([done, secret](bool ok) {
    ok ? done(secret) : done(ChatError{503, "unavailable", "the secret could not be saved"});
  });
}

}  // namespace livedesk::service
