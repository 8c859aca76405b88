#pragma once
// JSON of the agent tools' objects (docs/api.md, "Agent tools").
#include <boost/json.hpp>

#include "domain/chat_views.hpp"

namespace livedesk::api {

boost::json::object transfer_json(const domain::TransferView& transfer);
boost::json::object note_json(const domain::NoteView& note);
boost::json::object canned_json(const domain::CannedView& canned);
boost::json::object block_json(const domain::BlockView& block);

}  // namespace livedesk::api
