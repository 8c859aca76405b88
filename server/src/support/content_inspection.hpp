#pragma once
// What uploaded bytes are: their MIME type as libmagic reads it from the
// content (never from the name or the client's claim), and their SHA-256.
// Safe from any thread (each thread keeps its own libmagic handle).
#include <string>
#include <string_view>

namespace livedesk::support {

std::string sniff_mime_type(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);

}  // namespace livedesk::support
