#pragma once
// Blocks on customer emails, checked when a chat starts. Reached through
// Store::blocks(); same thread and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store_error.hpp"

namespace livedesk::store {

// A block on an email; lifting keeps the row.
struct CustomerBlock {
  std::int64_t id = 0;  // ignored by insert; assigned by the store
  std::optional<std::int64_t> customer_id;  // the customer with that email, when known
  std::string email;                        // lowercase
  std::string reason;
  std::optional<std::int64_t> blocked_by;  // empty: blocked by the system
  std::int64_t created_ms = 0;
  std::optional<std::int64_t> lifted_ms;
  std::optional<std::int64_t> lifted_by;
};
BOOST_DESCRIBE_STRUCT(CustomerBlock, (),
                      (id, customer_id, email, reason, blocked_by, created_ms, lifted_ms, lifted_by))

// The customer_blocks table.
class BlockStore {
 public:
  // True while a block on that email has not been lifted.
  virtual bool is_blocked(std::string_view email_lowercase) = 0;
  // Returns the new id; DuplicateError when that email already has an active (not lifted) block.
  virtual std::int64_t insert(const CustomerBlock& block) = 0;
  // Lifts the email's active block and returns it as lifted; nullopt if none is active.
  virtual std::optional<CustomerBlock> lift(std::string_view email_lowercase, std::int64_t lifted_by,
                                            std::int64_t at_ms) = 0;
  virtual std::vector<CustomerBlock> active() = 0;  // newest first (created_ms, id descending)
  // The blocks naming this customer, lifted ones too, newest first (a contact export lists them).
  virtual std::vector<CustomerBlock> of_customer(std::int64_t customer_id) = 0;

 protected:
  ~BlockStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
