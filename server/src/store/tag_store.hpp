#pragma once
// Admin-managed tags and the tags on each conversation. Reached through
// Store::tags(); same thread and error contract as Store. A tag is never
// removed, only archived, because the history of a conversation points at it.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A tag; its name is unique ignoring ASCII case.
struct Tag {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::string name;
  std::string color;  // "#rrggbb" or empty
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> archived_ms;
};
BOOST_DESCRIBE_STRUCT(Tag, (), (id, name, color, created_ms, archived_ms))

// Who put a tag on a session, and when (a conversation's transcript shows it).
struct Tagging {
  std::int64_t tag_id = 0;
  std::optional<std::int64_t> added_by;  // empty: the system, or an account since removed
  std::int64_t added_ms = 0;
};
BOOST_DESCRIBE_STRUCT(Tagging, (), (tag_id, added_by, added_ms))

// The tags and session_tags tables.
class TagStore {
 public:
  // Returns the new id; DuplicateError when another tag has the name ignoring case.
  virtual std::int64_t insert(const Tag& tag) = 0;
  // Writes name, color and archived_ms of the row with tag.id; DuplicateError as insert, StoreError if none.
  virtual void update(const Tag& tag) = 0;
  virtual std::optional<Tag> find(std::int64_t id) = 0;
  // By id; archived ones only when asked.
  virtual std::vector<Tag> all(bool include_archived) = 0;
  // Puts the tag on the session; false when it was there already (nothing changes then).
  virtual bool add_to_session(std::int64_t session_id, std::int64_t tag_id, std::optional<std::int64_t> added_by,
                              std::int64_t added_ms) = 0;
  // Takes the tag off the session; false when it was not there.
  virtual bool remove_from_session(std::int64_t session_id, std::int64_t tag_id) = 0;
  // The session's tags (archived ones too), by id.
  virtual std::vector<Tag> of_session(std::int64_t session_id) = 0;
  // Who put each of the session's tags on and when, by tag id (a tag taken off is no longer there).
  virtual std::vector<Tagging> taggings_of(std::int64_t session_id) = 0;

 protected:
  ~TagStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
