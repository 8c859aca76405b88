#pragma once
// JSON shapes of the chat read models (docs/api.md, "Objects") and the
// WebSocket envelope {"type", "data", "timestamp"}.
#include <boost/json.hpp>
#include <string_view>

#include "domain/chat_views.hpp"
#include "domain/clock.hpp"
// Tags and dispositions (#14)
#include "domain/tag_views.hpp"
#include "realtime/frame.hpp"

namespace livedesk::api {

boost::json::object message_json(const domain::MessageView& message);
boost::json::object session_json(const domain::SessionView& session);
boost::json::value time_json(std::optional<std::int64_t> unix_ms);
boost::json::object transfer_json(const domain::TransferView& transfer);
boost::json::object note_json(const domain::NoteView& note);
boost::json::object canned_json(const domain::CannedView& canned);
boost::json::object block_json(const domain::BlockView& block);

// One server-to-client frame, serialized once; timestamp is now (UTC, ms).
realtime::Frame event_frame(std::string_view type, boost::json::object data);
realtime::Frame error_frame(std::string_view code, std::string_view message, boost::json::object extra = {});
// `message_created` for one message; the frame carries the message's position (see realtime/resume_gate.hpp).
realtime::Frame message_created_frame(const domain::MessageView& message);

// Tags and dispositions (#14): Tag {id,name,color,archived,created_at}, Disposition {id,name,archived,created_at}.
boost::json::object tag_json(const domain::TagView& tag);
boost::json::object disposition_json(const domain::DispositionView& disposition);

}  // namespace livedesk::api
