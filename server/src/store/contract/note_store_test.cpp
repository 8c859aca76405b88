// Notes and whispers, in every store.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/contract/store_test_fixture.hpp"

namespace livedesk::store {
namespace {

using test_support::kT0;
using test_support::ids_of;
using test_support::audit;

// An agent writing on a waiting session.
class NoteStoreTest : public test_support::AgentToolsTest {};

TEST_P(NoteStoreTest, NotesOfBothKindsRoundTripInCreationOrder) {
  const auto whisper = store_->notes().insert(note(session_, "whisper", kT0 + 20));
  const auto first = store_->notes().insert(note(session_, "note", kT0 + 10));
  const auto same_time = store_->notes().insert(note(session_, "note", kT0 + 20));
  const auto other_session = store_->sessions().insert(waiting(kT0 + 1));
  store_->notes().insert(note(other_session, "note", kT0 + 5));
  EXPECT_THROW(store_->notes().insert(note(session_, "shout", kT0 + 30)), StoreError);

  const auto notes = store_->notes().of_session(session_);
  EXPECT_EQ(ids_of(notes), (std::vector{first, whisper, same_time}));
  EXPECT_EQ(notes[1].kind, "whisper");
  EXPECT_EQ(notes[0].kind, "note");

  const auto found = store_->notes().find(whisper);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->session_id, session_);
  EXPECT_EQ(found->author_user_id, agent_);
  EXPECT_EQ(found->kind, "whisper");
  EXPECT_EQ(found->body, "a whisper");
  EXPECT_EQ(found->created_ms, kT0 + 20);
  EXPECT_EQ(found->updated_ms, kT0 + 20);
  EXPECT_FALSE(found->deleted_ms.has_value());
  EXPECT_FALSE(store_->notes().find(whisper + 100).has_value());
}

TEST_P(NoteStoreTest, UpdateNoteEditsAndDeleteHidesIt) {
  const auto kept = store_->notes().insert(note(session_, "note", kT0 + 1));
  const auto removed = store_->notes().insert(note(session_, "whisper", kT0 + 2));

  Note edit = *store_->notes().find(kept);
  edit.body = "edited";
  edit.updated_ms = kT0 + 7;
  edit.kind = "whisper";  // not written: a note keeps its kind
  store_->notes().update(edit);
  const auto edited = store_->notes().find(kept);
  EXPECT_EQ(edited->body, "edited");
  EXPECT_EQ(edited->updated_ms, kT0 + 7);
  EXPECT_EQ(edited->kind, "note");

  Note del = *store_->notes().find(removed);
  del.updated_ms = kT0 + 8;
  del.deleted_ms = kT0 + 8;
  store_->notes().update(del);
  EXPECT_EQ(ids_of(store_->notes().of_session(session_)), (std::vector{kept}));
  EXPECT_EQ(store_->notes().find(removed)->deleted_ms, kT0 + 8);  // still there for the audit trail

  edit.id = removed + 100;
  EXPECT_THROW(store_->notes().update(edit), StoreError);
}

LIVEDESK_INSTANTIATE_FOR_EVERY_BACKEND(NoteStoreTest);

}  // namespace
}  // namespace livedesk::store
