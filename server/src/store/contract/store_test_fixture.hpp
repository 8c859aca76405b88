#pragma once
// Test-only (header-only, no _test.cpp suffix so it is never a test source):
// the fixture shared by chat_store_test.cpp and message_store_test.cpp, a fresh
// SQLite store holding one agent and one customer.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "store/sqlite/sqlite_store.hpp"
#include "store/test_support/temp_directory.hpp"

namespace livedesk::store::test_support {

inline constexpr std::int64_t kT0 = 1'700'000'000'000;

class ChatStoreTest : public ::testing::Test {
 protected:
  ChatStoreTest() : store_(open_sqlite_store(database())) {
    agent_ = store_->create_user(
        NewStaffUser{.username = "agent", .name = "Agent", .role = domain::Role::agent, .password_hash = "h",
                     .created_ms = kT0});
    customer_ = store_->upsert_customer("Carla", "carla@example.com", kT0).id;
  }

  std::filesystem::path database() const { return dir_.path() / "livedesk.db"; }

  ChatSession waiting(std::int64_t created_ms = kT0, std::int64_t customer = 0) const {
    ChatSession session;
    session.customer_id = customer != 0 ? customer : customer_;
    session.subject = "help";
    session.created_ms = created_ms;
    return session;
  }

  ChatSession closed(std::int64_t created_ms, std::int64_t closed_ms, std::optional<std::int64_t> agent) const {
    ChatSession session = waiting(created_ms);
    session.agent_id = agent;
    session.assigned_ms = agent ? std::optional<std::int64_t>(created_ms + 1) : std::nullopt;
    session.status = "closed";
    session.closed_ms = closed_ms;
    session.close_reason = "resolved";
    return session;
  }

  Message message(std::int64_t session, std::int64_t seq, std::string sender_type = "customer") const {
    Message m;
    m.session_id = session;
    m.seq = seq;
    m.sender_type = std::move(sender_type);
    if (m.sender_type == "agent") m.sender_user_id = agent_;
    m.body = "message " + std::to_string(seq);
    m.created_ms = kT0 + seq;
    return m;
  }

  TempDirectory dir_;
  std::unique_ptr<Store> store_;
  std::int64_t agent_ = 0;
  std::int64_t customer_ = 0;
};

}  // namespace livedesk::store::test_support
