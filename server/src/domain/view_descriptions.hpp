#pragma once
// Boost.Describe reflection of the view structs, so Boost.JSON converts them
// both ways (value_from / value_to) wherever they cross a process: events on
// the Redis bus, calls forwarded to the cluster's leader. Kept apart from the
// structs themselves so the domain stays plain C++ for everyone else.
#include <boost/describe/class.hpp>

#include "domain/chat_views.hpp"
#include "domain/contact_views.hpp"  // contacts
#include "domain/metrics_view.hpp"
#include "domain/privacy_views.hpp"  // #14 privacy
// Tags and dispositions (#14)
#include "domain/tag_views.hpp"

namespace livedesk::domain {

BOOST_DESCRIBE_STRUCT(AttachmentView, (), (name, mime, size, url))
BOOST_DESCRIBE_STRUCT(MessageView, (),
                      (id, session_id, seq, sender_type, sender_user_id, type, body, status, client_msg_id, attachment,
                       created_ms))
BOOST_DESCRIBE_STRUCT(PartyView, (), (id, name, email))
BOOST_DESCRIBE_STRUCT(SessionView, (),
                      (id, status, customer, agent, subject, priority, created_ms, assigned_ms, first_response_ms,
                       closed_ms, close_reason, wait_seconds, unread_count, last_message, queue_position))
BOOST_DESCRIBE_STRUCT(TransferView, (),
                      (id, session_id, from_agent_id, to_agent_id, reason, status, created_ms, resolved_ms))
BOOST_DESCRIBE_STRUCT(NoteView, (),
                      (id, session_id, author_user_id, author_name, kind, body, created_ms, updated_ms))
BOOST_DESCRIBE_STRUCT(CannedView, (), (id, owner_user_id, shortcut, title, body, updated_ms))
BOOST_DESCRIBE_STRUCT(BlockView, (), (id, customer_id, email, reason, blocked_by, created_ms, lifted_ms))
BOOST_DESCRIBE_STRUCT(MetricsView, (),
                      (active_sessions, waiting_sessions, sessions_today, closed_today, missed_today, avg_wait_seconds,
                       avg_first_response_seconds, avg_resolution_seconds, avg_chat_duration_seconds,
                       longest_wait_seconds, avg_response_seconds, max_response_seconds, agents, csat_average,
                       csat_change_pct, satisfaction_score, response_rate, csat_count, csat_distribution,
                       messages_today, per_hour, peak_hour, by_type, by_status))
BOOST_DESCRIBE_STRUCT(AgentView, (),
                      (id, name, status, active_sessions, sessions_handled_today, avg_resolution_seconds,
                       satisfaction, last_active_ms))

// Tags and dispositions (#14)
BOOST_DESCRIBE_STRUCT(TagView, (), (id, name, color, archived, created_ms))
BOOST_DESCRIBE_STRUCT(DispositionView, (), (id, name, archived, created_ms))
BOOST_DESCRIBE_STRUCT(SessionDispositionView, (), (session_id, disposition))
BOOST_DESCRIBE_STRUCT(ConversationSettingsView, (), (disposition_required))
// Contacts.
BOOST_DESCRIBE_STRUCT(ContactView, (),
                      (id, name, email, external_id, identity_verified, attributes, first_seen_ms, last_seen_ms,
                       chat_count, rating_count, rating_sum, merged_into, erased))
BOOST_DESCRIBE_STRUCT(ContactNoteView, (), (id, contact_id, author_id, author_name, body, created_ms, updated_ms))
BOOST_DESCRIBE_STRUCT(ContactConversationView, (),
                      (id, status, subject, created_ms, closed_ms, agent_id, agent_name, rating))
BOOST_DESCRIBE_STRUCT(ContactDetailView, (), (contact, notes, conversations))
BOOST_DESCRIBE_STRUCT(ContactPageView, (), (contacts, next_cursor))
// #14 privacy
BOOST_DESCRIBE_STRUCT(RetentionSettingsView, (), (retention_days))

}  // namespace livedesk::domain
