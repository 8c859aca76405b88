#pragma once
// The two failures every store method may throw; callers tell a broken rule
// (DuplicateError, answered 409) from a broken database (StoreError) by type,
// never by parsing messages.
#include <stdexcept>

namespace livedesk::store {

// Any failure of the underlying database (I/O, constraint, corrupt data, bad schema).
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A write was refused because this node no longer holds the cluster's lead:
// the fencing token it writes under is not the current epoch (store.hpp).
struct FencedError : StoreError {
  using StoreError::StoreError;
};

// A unique constraint was violated (username taken, duplicate rating, ...).
struct DuplicateError : StoreError {
  using StoreError::StoreError;
};

}  // namespace livedesk::store
