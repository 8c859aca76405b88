#pragma once
// Test-only (header-only, no _test.cpp suffix so it is never a test source):
// the fixtures of the store contract tests, which every backend must pass.
// Each test gets a fresh database of the backend it is instantiated for
// (LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND); the PostgreSQL instances skip when
// the tests run without a PostgreSQL server.
#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "store/test_support/backends.hpp"

namespace livedesk::store::test_support {

inline constexpr std::int64_t kT0 = 1'700'000'000'000;

// A fresh, empty database; open() gives Stores on it.
class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    db_ = make_test_database(GetParam());
    if (!db_) GTEST_SKIP() << kNoPostgres;
  }

  std::unique_ptr<Store> open() const { return db_->open(); }

  std::unique_ptr<TestDatabase> db_;
};

// A store on a fresh database, holding one agent and one customer.
class ChatStoreTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (IsSkipped()) return;
    store_ = open();
    agent_ = store_->create_user(NewStaffUser{
        .username = "agent", .name = "Agent", .role = domain::Role::agent, .password_hash = "h", .created_ms = kT0});
    customer_ = store_->upsert_customer("Carla", "carla@example.com", kT0).id;
  }

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

  std::unique_ptr<Store> store_;  // after db_: closed before the database goes
  std::int64_t agent_ = 0;
  std::int64_t customer_ = 0;
};

}  // namespace livedesk::store::test_support
