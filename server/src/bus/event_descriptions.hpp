#pragma once
// Boost.Describe reflection of the events, so Boost.JSON converts each of them
// both ways (value_from / value_to) for the Redis bus. Apart from the structs,
// like domain/view_descriptions.hpp, so events.hpp stays plain C++.
#include <boost/describe/class.hpp>

#include "bus/events.hpp"
#include "domain/view_descriptions.hpp"

namespace livedesk::bus {

BOOST_DESCRIBE_STRUCT(SessionChanged, (), (session, change, previous_agent_id, transfer))
BOOST_DESCRIBE_STRUCT(QueueDepthChanged, (), (depth, previous_depth))
BOOST_DESCRIBE_STRUCT(QueuePositions::Entry, (), (session_id, position, estimated_wait_seconds))
BOOST_DESCRIBE_STRUCT(QueuePositions, (), (entries))
BOOST_DESCRIBE_STRUCT(MessageCreated, (), (message, agent_id))
BOOST_DESCRIBE_STRUCT(TypingChanged, (), (session_id, sender_type, is_typing, agent_id))
BOOST_DESCRIBE_STRUCT(ReceiptAdvanced, (), (session_id, reader_type, up_to_seq, status, agent_id))
BOOST_DESCRIBE_STRUCT(AgentStatusChanged, (), (agent_id, name, status, previous_status))
BOOST_DESCRIBE_STRUCT(AssignmentRevoked, (), (agent_id, session_id, reason))
BOOST_DESCRIBE_STRUCT(TransferChanged, (), (transfer, session_agent_id))
BOOST_DESCRIBE_STRUCT(NoteChanged, (), (note, action, agent_id))
BOOST_DESCRIBE_STRUCT(CannedChanged, (), (canned, action))
BOOST_DESCRIBE_STRUCT(BlockChanged, (), (block, action, closed_sessions))
// Tags and dispositions (#14)
BOOST_DESCRIBE_STRUCT(ConversationTagChanged, (), (session_id, tag, by, action, agent_id))
BOOST_DESCRIBE_STRUCT(DispositionSet, (), (session_id, disposition, by, agent_id))
// #14 privacy
BOOST_DESCRIBE_STRUCT(ContactErased, (), (contact_id, sessions, by, contact))
// contacts
BOOST_DESCRIBE_STRUCT(ContactChanged, (), (contact, action, from_contact_id))

}  // namespace livedesk::bus
