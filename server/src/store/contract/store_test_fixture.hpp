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
#include <vector>

#include "store/test_support/backends.hpp"

namespace livedesk::store::test_support {

inline constexpr std::int64_t kT0 = 1'700'000'000'000;

using Ids = std::vector<std::int64_t>;

// The ids of `rows`, in their order.
inline Ids ids_of(const auto& rows) {
  Ids ids;
  for (const auto& row : rows) ids.push_back(row.id);
  return ids;
}

// A staff account to create, named after `username`.
inline NewStaffUser staff(std::string username, domain::Role role = domain::Role::agent) {
  return NewStaffUser{.username = username,
                      .name = "Name of " + username,
                      .role = role,
                      .password_hash = "$argon2id$v=19$hash-of-" + username,
                      .created_ms = 1'700'000'000'000};
}

// An audit line on session 42.
inline AuditEntry audit(std::string action, std::optional<std::int64_t> actor = std::nullopt) {
  AuditEntry entry;
  entry.at_ms = 1'700'000'000'123;
  entry.actor_user_id = actor;
  entry.action = std::move(action);
  entry.target_type = "session";
  entry.target_id = "42";
  entry.detail_json = R"({"reason":"test"})";
  return entry;
}

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
    agent_ = store_->accounts().create(NewStaffUser{
        .username = "agent", .name = "Agent", .role = domain::Role::agent, .password_hash = "h", .created_ms = kT0});
    customer_ = store_->contacts().upsert("Carla", "carla@example.com", kT0).id;
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

// The chat fixture with a second agent and a waiting session, and rows of the agent tools.
class AgentToolsTest : public ChatStoreTest {
 protected:
  void SetUp() override {
    ChatStoreTest::SetUp();
    if (IsSkipped()) return;
    agent2_ = store_->accounts().create(NewStaffUser{.username = "agent2",
                                                     .name = "Agent Two",
                                                     .role = domain::Role::agent,
                                                     .password_hash = "h",
                                                     .created_ms = kT0});
    session_ = store_->sessions().insert(waiting(kT0));
  }

  Transfer transfer(std::int64_t session, std::int64_t created_ms, std::optional<std::int64_t> to) const {
    Transfer t;
    t.session_id = session;
    t.from_agent_id = agent_;
    t.to_agent_id = to;
    t.reason = "needs billing";
    t.created_ms = created_ms;
    return t;
  }

  CannedResponse canned(std::optional<std::int64_t> owner, std::string shortcut, std::string title) const {
    CannedResponse c;
    c.owner_user_id = owner;
    c.shortcut = std::move(shortcut);
    c.title = std::move(title);
    c.body = "body of " + c.title;
    c.created_ms = kT0;
    c.updated_ms = kT0;
    return c;
  }

  Note note(std::int64_t session, std::string kind, std::int64_t created_ms) const {
    Note n;
    n.session_id = session;
    n.author_user_id = agent_;
    n.kind = std::move(kind);
    n.body = "a " + n.kind;
    n.created_ms = created_ms;
    n.updated_ms = created_ms;
    return n;
  }


  std::int64_t agent2_ = 0;
  std::int64_t session_ = 0;
};

// The chat fixture with a supervisor, and rows of the supervisor tools.
class SupervisorToolsTest : public ChatStoreTest {
 protected:
  void SetUp() override {
    ChatStoreTest::SetUp();
    if (IsSkipped()) return;
    supervisor_ = store_->accounts().create(NewStaffUser{
        .username = "sup", .name = "Sup", .role = domain::Role::supervisor, .password_hash = "h", .created_ms = kT0});
  }

  CustomerBlock block(std::string email, std::int64_t created_ms) const {
    CustomerBlock b;
    b.email = std::move(email);
    b.reason = "abuse";
    b.blocked_by = supervisor_;
    b.created_ms = created_ms;
    return b;
  }

  AuditEntry audit(std::int64_t at_ms, std::optional<std::int64_t> actor, std::string action) const {
    AuditEntry entry;
    entry.at_ms = at_ms;
    entry.actor_user_id = actor;
    entry.action = std::move(action);
    entry.target_type = "session";
    entry.target_id = "1";
    return entry;
  }

  std::int64_t supervisor_ = 0;
};

}  // namespace livedesk::store::test_support
