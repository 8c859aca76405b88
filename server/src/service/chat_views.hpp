#pragma once
// Store rows to read models: the one place a row becomes what the API shows.
#include "domain/chat_views.hpp"
#include "store/block_store.hpp"
#include "store/canned_store.hpp"
#include "store/message_store.hpp"
#include "store/transfer_store.hpp"
#include "domain/contact_views.hpp"  // contacts
#include "store/contact_store.hpp"

namespace livedesk::service {

domain::MessageView to_view(const store::Message& message);
domain::TransferView to_view(const store::Transfer& transfer);
domain::BlockView to_view(const store::CustomerBlock& block);
domain::CannedView to_view(const store::CannedResponse& canned);
// contacts
domain::ContactView to_view(const store::Contact& contact, const store::ContactStats& stats);
domain::ContactNoteView to_view(const store::ContactNote& note);
domain::ContactConversationView to_view(const store::ContactConversation& conversation);

}  // namespace livedesk::service
