#pragma once
// Store rows to read models: the one place a row becomes what the API shows.
#include <string>
#include <string_view>
#include <vector>

#include "domain/chat_views.hpp"
#include "store/block_store.hpp"
#include "store/canned_store.hpp"
#include "store/message_store.hpp"
#include "store/transfer_store.hpp"
#include "domain/contact_views.hpp"  // contacts
#include "store/contact_store.hpp"
#include "domain/conversation_views.hpp"  // conversations as history
#include "store/conversation_store.hpp"
#include "store/note_store.hpp"
#include "store/tag_store.hpp"

namespace livedesk::service {

domain::MessageView to_view(const store::Message& message);
domain::TransferView to_view(const store::Transfer& transfer);
domain::BlockView to_view(const store::CustomerBlock& block);
domain::CannedView to_view(const store::CannedResponse& canned);
// contacts
domain::ContactView to_view(const store::Contact& contact, const store::ContactStats& stats);
domain::ContactNoteView to_view(const store::ContactNote& note);
domain::ContactConversationView to_view(const store::ContactConversation& conversation);
// conversations as history: a row without its tags and snippet (the directory adds them)
domain::ConversationView to_view(const store::ConversationRow& row);
domain::TagView to_view(const store::Tag& tag);
domain::NoteView to_view(const store::Note& note, std::string author_name);
// A snippet's text split at the store's hit markers (store::kHitStart ... kHitEnd) into plain and matched pieces;
// the markers themselves are left out, and a stray one only ends or starts a piece.
std::vector<domain::SnippetSegmentView> snippet_segments(std::string_view text);

}  // namespace livedesk::service
