#pragma once
// What the conversation directory's two files (conversation_directory.cpp, conversation_transcript.cpp) share:
// a read that answers a failing store with 503 (the executor only logs what escapes a job), and the tags of a
// set of conversations in one query. Internal to service/; nothing outside the directory includes it.
#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "domain/conversation_views.hpp"
#include "service/chat_types.hpp"
#include "service/chat_views.hpp"
#include "store/store.hpp"

namespace livedesk::service {

template <class Done, class Read>
auto guarded_read(Done done, std::string failure, Read read) {
  return [done = std::move(done), failure = std::move(failure), read = std::move(read)](store::Store& s) mutable {
    try {
      read(s, done);
    } catch (const std::exception&) {
      done(ChatError{503, "unavailable", failure});
    }
  };
}

// The tags of each of `ids` (by tag id); a conversation without tags has no entry.
inline std::map<std::int64_t, std::vector<domain::TagView>> tags_by_conversation(store::Store& s,
                                                                                 const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::vector<domain::TagView>> out;
  if (ids.empty()) return out;
  for (const auto& [session_id, tag] : s.conversations().tags_of(ids)) out[session_id].push_back(to_view(tag));
  return out;
}

}  // namespace livedesk::service
