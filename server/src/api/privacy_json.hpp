#pragma once
// The JSON of privacy (docs/api.md, "Privacy"): a contact's export, one document with the contact, its notes,
// every conversation (its messages, files, notes and whispers, transfers, tags, disposition, rating), its blocks
// and the contacts merged into it, in the shapes the other routes use (Contact, Message, Note, ...).
#include <boost/json.hpp>

#include "domain/privacy_views.hpp"

namespace livedesk::api {

boost::json::object contact_export_json(const domain::ContactExportView& export_view);

}  // namespace livedesk::api
