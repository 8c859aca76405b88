#pragma once
// Read models of tags and dispositions (configurable close reasons), as the
// chat core hands them out: what a tag or a disposition is, which ones a
// conversation has, and the conversations setting that governs closing.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace livedesk::domain {

struct TagView {
  std::int64_t id = 0;
  std::string name;
  std::string color;  // "#rrggbb" or empty
  bool archived = false;
  std::int64_t created_ms = 0;
};

struct DispositionView {
  std::int64_t id = 0;
  std::string name;
  bool archived = false;
  std::int64_t created_ms = 0;
};

// A conversation's disposition after it was set or cleared.
struct SessionDispositionView {
  std::int64_t session_id = 0;
  std::optional<DispositionView> disposition;
};

// The conversations settings (GET/PUT /api/v1/admin/settings/conversations).
struct ConversationSettingsView {
  bool disposition_required = false;
};

}  // namespace livedesk::domain
