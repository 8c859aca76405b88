#pragma once
// Staff-only notes and whispers on sessions. Reached through Store::notes();
// same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A staff-only note on a session; a whisper is a note meant for the agents in the chat right now.
struct Note {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::int64_t session_id = 0;
  std::int64_t author_user_id = 0;
  std::string kind = "note";  // note | whisper
  std::string body;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::optional<std::int64_t> deleted_ms;  // set when deleted; the row stays for the audit trail
};
BOOST_DESCRIBE_STRUCT(Note, (), (id, session_id, author_user_id, kind, body, created_ms, updated_ms, deleted_ms))

// The notes table.
class NoteStore {
 public:
  virtual std::int64_t insert(const Note& note) = 0;  // returns the new id
  // Writes body, updated_ms and deleted_ms of the row with note.id; StoreError if there is none.
  virtual void update(const Note& note) = 0;
  virtual std::optional<Note> find(std::int64_t id) = 0;  // deleted ones too
  // Not deleted, both kinds, by created_ms, id.
  virtual std::vector<Note> of_session(std::int64_t session_id) = 0;

 protected:
  ~NoteStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
