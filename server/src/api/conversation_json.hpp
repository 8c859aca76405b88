#pragma once
// The JSON of conversations as history (docs/api.md, "Conversations and search"): Conversation (with its tags and,
// for a search, its snippet as plain-text segments, never markup), a page of them, and the Transcript with its
// timeline entries, one shape per `kind`. Times are ISO-8601 UTC strings.
#include <boost/json.hpp>

#include "domain/conversation_views.hpp"

namespace livedesk::api {

boost::json::object conversation_json(const domain::ConversationView& conversation);
boost::json::object conversation_page_json(const domain::ConversationPageView& page);
boost::json::object timeline_entry_json(const domain::TimelineEntryView& entry);
boost::json::object transcript_json(const domain::TranscriptView& transcript);

}  // namespace livedesk::api
