#pragma once
// The signature of a webhook delivery (docs/integrations.md, "Verifying a delivery"):
//   Livedesk-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// The secret's bytes, as shown at creation, are the HMAC key. Pure functions, any thread (libsodium).
#include <cstdint>
#include <string>
#include <string_view>

namespace livedesk::auth {

// Lowercase hex of HMAC-SHA256(key, message).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);
// The header value for `body` signed at `unix_seconds`.
std::string webhook_signature(std::string_view secret, std::int64_t unix_seconds, std::string_view body);
// A new endpoint secret: "whsec_" and 64 hex digits (256 random bits).
std::string new_webhook_secret();

}  // namespace livedesk::auth
