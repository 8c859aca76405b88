#pragma once
// Store rows to read models.
#include "domain/chat_views.hpp"
#include "store/store.hpp"

namespace livedesk::service {

domain::MessageView to_view(const store::Message& message);

}  // namespace livedesk::service
