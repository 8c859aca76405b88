#pragma once
// The contact export route (docs/api.md, "Privacy"), registered apart from add_rest_routes because it needs the
// ContactExporter: supervisors and admins (API tokens: contacts:read) download everything livedesk holds about
// one contact as a JSON attachment. The erasure and the retention setting are add_privacy_routes
// (api/rest_routes.hpp). The services outlive the router.
#include "api/router.hpp"
#include "service/auth_service.hpp"
#include "service/contact_exporter.hpp"

namespace livedesk::api {

void add_contact_export_route(Router& router, service::AuthService& auth, service::ContactExporter& exporter);

}  // namespace livedesk::api
