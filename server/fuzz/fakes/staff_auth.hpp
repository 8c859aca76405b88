#pragma once
// The AuthService of the staff protocols' fuzz targets (agent, dashboard),
// built once on first use and kept for the process: a TokenService over
// `secret` on a clock stopped at `clock_seconds`, so the staff tokens in the
// corpora (made by server/fuzz/staff_token.py) stay valid. Only verify_staff() may be called: no login.
// The wiring lives in staff_auth.cpp, which sees app/'s folders; this header
// names only what api/ sees.
#include <string_view>

#include "service/auth_service.hpp"

namespace livedesk::fuzz {

inline constexpr std::string_view staff_token_secret = "livedesk-fuzz-secret-0123456789abcdef";
inline constexpr long long clock_seconds = 1780000000;  // 2026-05-28T20:26:40Z

const service::AuthService& staff_auth();

}  // namespace livedesk::fuzz
