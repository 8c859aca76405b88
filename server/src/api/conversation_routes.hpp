#pragma once
// The conversation history routes (docs/api.md, "Conversations and search"), registered apart from add_rest_routes
// because they need the ConversationDirectory: staff (API tokens: conversations:read) list, filter and search
// every conversation, and read one's transcript. Customers' tokens are refused like on every staff route. The
// query string is checked here, every bad parameter a 400 naming it. The directory outlives the router.
#include "api/router.hpp"
#include "service/auth_service.hpp"
#include "service/conversation_directory.hpp"

namespace livedesk::api {

void add_conversation_routes(Router& router, service::AuthService& auth, service::ConversationDirectory& conversations);

// The list's query string as the directory takes it (400 invalid_query / bad_query naming what is wrong).
service::ConversationQuery conversation_query(std::string_view query);

}  // namespace livedesk::api
