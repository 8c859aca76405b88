// The WebSocket frames of docs/api.md as the load generator writes and reads
// them: {"type": ..., "data": {...}} out, and lookups into received frames
// that answer a default instead of throwing (a load generator counts, it does
// not assert). Plain functions, safe on any thread.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace livedesk::bench {

std::string frame(std::string_view type, const boost::json::object& data);
// The "type" of a server frame without parsing it (the server writes "type"
// first); "" when it does not start that way.
std::string_view frame_type(std::string_view frame);
// The frame as an object; empty when it does not parse as one.
boost::json::object parse_obj(std::string_view text);

const boost::json::object* obj_at(const boost::json::object& o, std::string_view key);
const boost::json::object* obj_at(const boost::json::object* o, std::string_view key);
int64_t int_at(const boost::json::object* o, std::string_view key, int64_t fallback = -1);
std::string str_at(const boost::json::object* o, std::string_view key);

boost::json::array to_json_array(const std::vector<std::string>& v);

// Every dashboard push type, and the three snapshot pushes among them.
extern const std::vector<std::string> kAllPushTypes;
extern const std::vector<std::string> kSnapshotTypes;

}  // namespace livedesk::bench
