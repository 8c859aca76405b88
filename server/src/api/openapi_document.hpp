#pragma once
// docs/openapi.json, the OpenAPI 3.1 description of every REST route, as built
// into the binary: the definition is generated at build time
// (scripts/embed_text.cmake), so serving it needs no file at run time.
// Immutable; any thread may call it.
#include <string_view>

namespace livedesk::api {

// The document's bytes, exactly as in the repository.
std::string_view openapi_document();

}  // namespace livedesk::api
