#pragma once
// Customers' satisfaction ratings, at most one per session. Reached through
// Store::ratings(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "store/store_error.hpp"

namespace livedesk::store {

// The customer's satisfaction rating of a session.
struct CsatRating {
  std::int64_t session_id = 0;
  int rating = 0;  // 1..5
  std::string comment;
  std::int64_t created_ms = 0;
};
BOOST_DESCRIBE_STRUCT(CsatRating, (), (session_id, rating, comment, created_ms))

// The csat_ratings table.
class RatingStore {
 public:
  // DuplicateError when the session already has one; StoreError when out of 1..5.
  virtual void insert(const CsatRating& rating) = 0;
  virtual std::optional<CsatRating> find(std::int64_t session_id) = 0;

 protected:
  ~RatingStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
