#pragma once
// Canned responses: saved replies an agent inserts by shortcut. Reached
// through Store::canned(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A saved reply, personal or shared.
struct CannedResponse {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::optional<std::int64_t> owner_user_id;  // empty: shared with every agent
  std::string shortcut;                      // unique per owner (shared ones count as one owner)
  std::string title;
  std::string body;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};
BOOST_DESCRIBE_STRUCT(CannedResponse, (), (id, owner_user_id, shortcut, title, body, created_ms, updated_ms))

// The canned_responses table.
class CannedStore {
 public:
  // Returns the new id; DuplicateError when the owner (or the shared set)
  // already has that shortcut; a personal one may reuse a shared shortcut.
  virtual std::int64_t insert(const CannedResponse& canned) = 0;
  // Writes shortcut, title, body and updated_ms of the row with canned.id;
  // DuplicateError as above, StoreError if there is no such row.
  virtual void update(const CannedResponse& canned) = 0;
  virtual bool remove(std::int64_t id) = 0;  // false if there was no such row
  virtual std::optional<CannedResponse> find(std::int64_t id) = 0;
  // The shared ones and `user_id`'s own whose shortcut or title starts with
  // `prefix` (ASCII case-insensitive; empty matches all): the user's own
  // first, then by shortcut, at most `limit` (limit <= 0 returns nothing).
  // Other users' personal responses are never returned.
  virtual std::vector<CannedResponse> search(std::int64_t user_id, std::string_view prefix, int limit) = 0;

 protected:
  ~CannedStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
