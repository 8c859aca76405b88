// Agent tools in every store: transfers, canned responses and notes.
// Blocks and the filtered audit query are in tools_store_admin_test.cpp.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::ChatStoreTest;
using test_support::kT0;

class ToolsStoreTest : public ChatStoreTest {
 protected:
  void SetUp() override {
    ChatStoreTest::SetUp();
    if (IsSkipped()) return;
    agent2_ = store_->create_user(NewStaffUser{.username = "agent2", .name = "Agent Two", .role = domain::Role::agent,
                                               .password_hash = "h", .created_ms = kT0});
    session_ = store_->insert_session(waiting(kT0));
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

  static std::vector<std::int64_t> ids_of(const auto& rows) {
    std::vector<std::int64_t> ids;
    for (const auto& row : rows) ids.push_back(row.id);
    return ids;
  }

  std::int64_t agent2_ = 0;
  std::int64_t session_ = 0;
};

// ---- transfers ----

TEST_P(ToolsStoreTest, TransferRoundTripsEveryField) {
  const auto to_agent = store_->insert_transfer(transfer(session_, kT0 + 1, agent2_));
  const auto found = store_->find_transfer(to_agent);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->id, to_agent);
  EXPECT_EQ(found->session_id, session_);
  EXPECT_EQ(found->from_agent_id, agent_);
  EXPECT_EQ(found->to_agent_id, agent2_);
  EXPECT_EQ(found->reason, "needs billing");
  EXPECT_EQ(found->status, "pending");
  EXPECT_EQ(found->created_ms, kT0 + 1);
  EXPECT_FALSE(found->resolved_ms.has_value());
  EXPECT_FALSE(store_->find_transfer(to_agent + 100).has_value());

  const auto other = store_->insert_session(waiting(kT0 + 2));
  const auto to_queue = store_->insert_transfer(transfer(other, kT0 + 3, std::nullopt));
  EXPECT_FALSE(store_->find_transfer(to_queue)->to_agent_id.has_value());
}

TEST_P(ToolsStoreTest, OnlyOnePendingTransferPerSessionUntilResolved) {
  const auto first = store_->insert_transfer(transfer(session_, kT0 + 1, agent2_));
  EXPECT_THROW(store_->insert_transfer(transfer(session_, kT0 + 2, std::nullopt)), DuplicateError);

  store_->resolve_transfer(first, "declined", kT0 + 5);
  const auto resolved = store_->find_transfer(first);
  EXPECT_EQ(resolved->status, "declined");
  EXPECT_EQ(resolved->resolved_ms, kT0 + 5);

  // Resolving frees the session for a new request.
  const auto second = store_->insert_transfer(transfer(session_, kT0 + 6, std::nullopt));
  EXPECT_EQ(ids_of(store_->transfers_of_session(session_)), (std::vector{first, second}));
  EXPECT_EQ(ids_of(store_->pending_transfers()), (std::vector{second}));
}

TEST_P(ToolsStoreTest, ResolveNeedsAPendingTransferAndAFinalStatus) {
  const auto id = store_->insert_transfer(transfer(session_, kT0 + 1, agent2_));
  EXPECT_THROW(store_->resolve_transfer(id + 100, "accepted", kT0 + 2), StoreError);
  EXPECT_THROW(store_->resolve_transfer(id, "pending", kT0 + 2), StoreError);
  EXPECT_THROW(store_->resolve_transfer(id, "lost", kT0 + 2), StoreError);  // the CHECK
  EXPECT_EQ(store_->find_transfer(id)->status, "pending");

  store_->resolve_transfer(id, "accepted", kT0 + 3);
  EXPECT_THROW(store_->resolve_transfer(id, "cancelled", kT0 + 4), StoreError);  // no longer pending
  const auto found = store_->find_transfer(id);
  EXPECT_EQ(found->status, "accepted");
  EXPECT_EQ(found->resolved_ms, kT0 + 3);
}

TEST_P(ToolsStoreTest, PendingTransfersAreOldestFirstAcrossSessions) {
  const auto s2 = store_->insert_session(waiting(kT0 + 1));
  const auto s3 = store_->insert_session(waiting(kT0 + 2));
  const auto newest = store_->insert_transfer(transfer(session_, kT0 + 30, agent2_));
  const auto oldest = store_->insert_transfer(transfer(s2, kT0 + 10, std::nullopt));
  const auto middle = store_->insert_transfer(transfer(s3, kT0 + 20, agent2_));
  EXPECT_EQ(ids_of(store_->pending_transfers()), (std::vector{oldest, middle, newest}));
  store_->resolve_transfer(middle, "expired", kT0 + 40);
  EXPECT_EQ(ids_of(store_->pending_transfers()), (std::vector{oldest, newest}));
  EXPECT_EQ(ids_of(store_->transfers_of_session(s3)), (std::vector{middle}));
  EXPECT_TRUE(store_->transfers_of_session(s3 + 100).empty());
}

// ---- canned responses ----

TEST_P(ToolsStoreTest, CannedShortcutIsUniquePerOwnerAndSharedCountsAsOneOwner) {
  const auto shared = store_->insert_canned(canned(std::nullopt, "hi", "Hello"));
  EXPECT_THROW(store_->insert_canned(canned(std::nullopt, "hi", "Hello again")), DuplicateError);
  // A personal response may reuse a shared shortcut, and two users may share one.
  const auto mine = store_->insert_canned(canned(agent_, "hi", "My hello"));
  store_->insert_canned(canned(agent2_, "hi", "Their hello"));
  EXPECT_THROW(store_->insert_canned(canned(agent_, "hi", "My hello again")), DuplicateError);
  EXPECT_THROW(store_->insert_canned(canned(agent_, "", "No shortcut")), StoreError);

  const auto found = store_->find_canned(mine);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->owner_user_id, agent_);
  EXPECT_EQ(found->shortcut, "hi");
  EXPECT_EQ(found->title, "My hello");
  EXPECT_EQ(found->body, "body of My hello");
  EXPECT_EQ(found->created_ms, kT0);
  EXPECT_EQ(found->updated_ms, kT0);
  EXPECT_FALSE(store_->find_canned(shared)->owner_user_id.has_value());
}

TEST_P(ToolsStoreTest, UpdateAndDeleteCanned) {
  const auto bye = store_->insert_canned(canned(agent_, "bye", "Goodbye"));
  store_->insert_canned(canned(agent_, "hi", "Hello"));

  CannedResponse change = *store_->find_canned(bye);
  change.shortcut = "hi";
  EXPECT_THROW(store_->update_canned(change), DuplicateError);
  change.shortcut = "cya";
  change.title = "See you";
  change.body = "See you soon!";
  change.updated_ms = kT0 + 9;
  change.created_ms = kT0 + 99;  // not written
  store_->update_canned(change);
  const auto updated = store_->find_canned(bye);
  EXPECT_EQ(updated->shortcut, "cya");
  EXPECT_EQ(updated->title, "See you");
  EXPECT_EQ(updated->body, "See you soon!");
  EXPECT_EQ(updated->updated_ms, kT0 + 9);
  EXPECT_EQ(updated->created_ms, kT0);

  change.id = bye + 100;
  EXPECT_THROW(store_->update_canned(change), StoreError);
  EXPECT_TRUE(store_->delete_canned(bye));
  EXPECT_FALSE(store_->delete_canned(bye));
  EXPECT_FALSE(store_->find_canned(bye).has_value());
}

TEST_P(ToolsStoreTest, SearchCannedMatchesShortcutOrTitlePrefixOwnFirstNeverOthersPersonal) {
  const auto shared_hello = store_->insert_canned(canned(std::nullopt, "hello", "Welcome"));
  const auto shared_refund = store_->insert_canned(canned(std::nullopt, "refund", "Refund policy"));
  const auto shared_bye = store_->insert_canned(canned(std::nullopt, "bye", "Goodbye"));
  const auto my_hours = store_->insert_canned(canned(agent_, "hours", "Opening hours"));
  const auto my_hello = store_->insert_canned(canned(agent_, "hello", "My hello"));
  const auto their_help = store_->insert_canned(canned(agent2_, "help", "How can I help"));

  auto search = [&](std::int64_t user, std::string_view prefix, int limit = 10) {
    return ids_of(store_->search_canned(user, prefix, limit));
  };
  using Ids = std::vector<std::int64_t>;
  // Own first, then shared, each by shortcut; agent2's personal one never shows.
  EXPECT_EQ(search(agent_, ""), (Ids{my_hello, my_hours, shared_bye, shared_hello, shared_refund}));
  EXPECT_EQ(search(agent_, "H"), (Ids{my_hello, my_hours, shared_hello}));  // by shortcut, any case
  EXPECT_EQ(search(agent_, "hel"), (Ids{my_hello, shared_hello}));
  EXPECT_EQ(search(agent_, "GOOD"), (Ids{shared_bye}));  // by title
  EXPECT_EQ(search(agent_, "open"), (Ids{my_hours}));
  EXPECT_EQ(search(agent_, "wel"), (Ids{shared_hello}));
  EXPECT_EQ(search(agent_, "my h"), (Ids{my_hello}));
  EXPECT_TRUE(search(agent_, "elp").empty());  // a prefix, not a substring
  EXPECT_TRUE(search(agent_, "how").empty());   // agent2's title
  EXPECT_TRUE(search(agent_, "%").empty());     // no LIKE wildcards
  EXPECT_TRUE(search(agent_, "h_").empty());
  EXPECT_EQ(search(agent2_, "h"), (Ids{their_help, shared_hello}));
  // Limit counts own ones first.
  EXPECT_EQ(search(agent_, "", 2), (Ids{my_hello, my_hours}));
  EXPECT_TRUE(search(agent_, "", 0).empty());
  EXPECT_TRUE(search(agent_, "", -1).empty());
}

// ---- notes ----

TEST_P(ToolsStoreTest, NotesOfBothKindsRoundTripInCreationOrder) {
  const auto whisper = store_->insert_note(note(session_, "whisper", kT0 + 20));
  const auto first = store_->insert_note(note(session_, "note", kT0 + 10));
  const auto same_time = store_->insert_note(note(session_, "note", kT0 + 20));
  const auto other_session = store_->insert_session(waiting(kT0 + 1));
  store_->insert_note(note(other_session, "note", kT0 + 5));
  EXPECT_THROW(store_->insert_note(note(session_, "shout", kT0 + 30)), StoreError);

  const auto notes = store_->notes_of_session(session_);
  EXPECT_EQ(ids_of(notes), (std::vector{first, whisper, same_time}));
  EXPECT_EQ(notes[1].kind, "whisper");
  EXPECT_EQ(notes[0].kind, "note");

  const auto found = store_->find_note(whisper);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->session_id, session_);
  EXPECT_EQ(found->author_user_id, agent_);
  EXPECT_EQ(found->kind, "whisper");
  EXPECT_EQ(found->body, "a whisper");
  EXPECT_EQ(found->created_ms, kT0 + 20);
  EXPECT_EQ(found->updated_ms, kT0 + 20);
  EXPECT_FALSE(found->deleted_ms.has_value());
  EXPECT_FALSE(store_->find_note(whisper + 100).has_value());
}

TEST_P(ToolsStoreTest, UpdateNoteEditsAndDeleteHidesIt) {
  const auto kept = store_->insert_note(note(session_, "note", kT0 + 1));
  const auto removed = store_->insert_note(note(session_, "whisper", kT0 + 2));

  Note edit = *store_->find_note(kept);
  edit.body = "edited";
  edit.updated_ms = kT0 + 7;
  edit.kind = "whisper";  // not written: a note keeps its kind
  store_->update_note(edit);
  const auto edited = store_->find_note(kept);
  EXPECT_EQ(edited->body, "edited");
  EXPECT_EQ(edited->updated_ms, kT0 + 7);
  EXPECT_EQ(edited->kind, "note");

  Note del = *store_->find_note(removed);
  del.updated_ms = kT0 + 8;
  del.deleted_ms = kT0 + 8;
  store_->update_note(del);
  EXPECT_EQ(ids_of(store_->notes_of_session(session_)), (std::vector{kept}));
  EXPECT_EQ(store_->find_note(removed)->deleted_ms, kT0 + 8);  // still there for the audit trail

  edit.id = removed + 100;
  EXPECT_THROW(store_->update_note(edit), StoreError);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(ToolsStoreTest);

}  // namespace
}  // namespace livedesk::store
