#pragma once
#include <cstdint>
#include <string>

namespace livedesk::store {

// The lead a node writes under: the node and the epoch its election gave it
// (store/postgres/leader_lease.hpp). Store::fence_writes makes writes prove it.
struct FencingToken {
  std::string node_id;
  std::int64_t epoch = 0;

  bool operator==(const FencingToken&) const = default;
};

}  // namespace livedesk::store
