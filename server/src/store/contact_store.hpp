#pragma once
// Contacts (the customers table): people who chat, known by email. Reached through Store::contacts(); same thread
// and error contract as Store.
#include <boost/describe/class.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/store_error.hpp"

namespace livedesk::store {

// A customer as known by email (the service lowercases it before it gets here).
struct Contact {
  std::int64_t id = 0;
  std::string name;
  std::string email;
  std::int64_t created_ms = 0;
};
BOOST_DESCRIBE_STRUCT(Contact, (), (id, name, email, created_ms))

// The customers table.
class ContactStore {
 public:
  // An email already known keeps its row (id, created_ms) and takes the new name.
  virtual Contact upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) = 0;
  virtual std::optional<Contact> find(std::int64_t id) = 0;
  virtual std::optional<Contact> find_by_email(std::string_view email_lowercase) = 0;  // exact match

 protected:
  ~ContactStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
