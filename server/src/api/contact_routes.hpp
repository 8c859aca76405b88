#pragma once
// The contact routes (docs/api.md, "Contacts and identity"), registered apart from add_rest_routes because they
// need the ContactDirectory: staff (API tokens: contacts:read / contacts:write) read and edit contacts and their
// notes and merge them; anyone updates the widget's visitor contact; admins rotate the widget identity secret.
// Writes go to the chat service (the leader), reads to the directory. The services outlive the router.
#include "api/router.hpp"
#include "service/auth_service.hpp"
#include "service/chat_service.hpp"
#include "service/contact_directory.hpp"

namespace livedesk::api {

void add_contact_routes(Router& router, service::AuthService& auth, service::ChatService& chat,
                        service::ContactDirectory& contacts);

}  // namespace livedesk::api
