#pragma once
// Settings every node of a cluster must agree on (the shared JWT secret, the
// cluster key). Reached through Store::settings(); same thread and error
// contract as Store.
#include <optional>
#include <string>
#include <string_view>

#include "store/store_error.hpp"

namespace livedesk::store {

// The settings table.
class SettingStore {
 public:
  // Returns the value stored under `key`, first storing `value_if_absent` when
  // there is none. Atomic across processes: nodes that race on their first
  // start all get the one value that was stored first.
  virtual std::string shared(std::string_view key, const std::string& value_if_absent) = 0;
  // Contacts (the widget's identity secret): the value under `key`, if any, and replacing it.
  virtual std::optional<std::string> find(std::string_view key) = 0;
  virtual void put(std::string_view key, const std::string& value) = 0;

 protected:
  ~SettingStore() = default;  // owned by the Store, never deleted through this interface
};

}  // namespace livedesk::store
