#pragma once
// Dispositions (configurable close reasons, separate from the contract's
// close_reason), the one each conversation ended with, and whether one is
// required at close. Reached through Store::dispositions(); same thread and
// error contract as Store. A disposition is never removed, only archived.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A disposition; its name is unique ignoring ASCII case.
struct Disposition {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::string name;
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> archived_ms;
};
BOOST_DESCRIBE_STRUCT(Disposition, (), (id, name, created_ms, archived_ms))

// The dispositions table, chat_sessions.disposition_id and the settings row
// "conversations.disposition_required".
class DispositionStore {
 public:
  // Returns the new id; DuplicateError when another disposition has the name ignoring case.
  virtual std::int64_t insert(const Disposition& disposition) = 0;
  // Writes name and archived_ms of the row with disposition.id; DuplicateError as insert, StoreError if none.
  virtual void update(const Disposition& disposition) = 0;
  virtual std::optional<Disposition> find(std::int64_t id) = 0;
  // By id; archived ones only when asked.
  virtual std::vector<Disposition> all(bool include_archived) = 0;
  // Sets (or clears, nullopt) the session's disposition; StoreError when there is no such session.
  virtual void set_of_session(std::int64_t session_id, std::optional<std::int64_t> disposition_id) = 0;
  virtual std::optional<std::int64_t> of_session(std::int64_t session_id) = 0;
  // Whether closing a conversation needs a disposition (false until set).
  virtual bool required() = 0;
  virtual void set_required(bool required) = 0;

 protected:
  ~DispositionStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
