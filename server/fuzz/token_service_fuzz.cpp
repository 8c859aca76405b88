// JWTs (auth/token_service): verify() over any bytes never throws, and what
// it accepts it could have issued: re-issuing the claims it read yields a
// token that verifies to the same claims. The input also makes a token of its
// own (user id, role and username from the bytes): it verifies to exactly what
// was issued, and no longer verifies once any byte of its signed part changes.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "auth/token_service.hpp"
#include "domain/clock.hpp"
#include "fakes/fuzz_check.hpp"

namespace {
using livedesk::auth::TokenClaims;
using livedesk::auth::TokenKind;

// The clock the corpus's tokens were issued against (server/fuzz/staff_token.py).
const livedesk::domain::ManualClock clock_at_issue{livedesk::domain::TimePoint(std::chrono::seconds(1780000000))};
const livedesk::auth::TokenService tokens{"livedesk-fuzz-secret-0123456789abcdef", clock_at_issue,
                                          std::chrono::hours(1), std::chrono::hours(1)};

bool same(const TokenClaims& a, const TokenClaims& b) {
  return a.kind == b.kind && a.subject_id == b.subject_id && a.username == b.username && a.role == b.role &&
         a.session_id == b.session_id;
}

std::string reissue(const TokenClaims& claims) {
  return claims.kind == TokenKind::staff ? tokens.issue_staff(claims.subject_id, claims.username, *claims.role)
                                         : tokens.issue_customer(claims.subject_id, *claims.session_id);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(bytes), size);
  if (const auto claims = tokens.verify(input)) {
    FUZZ_CHECK(input.size() <= livedesk::auth::TokenService::max_token_size);
    FUZZ_CHECK(claims->kind == TokenKind::staff ? claims->role && !claims->username.empty() && !claims->session_id
                                                : !claims->role && claims->session_id);
    const auto again = tokens.verify(reissue(*claims));
    FUZZ_CHECK(again && same(*again, *claims));
  }

  if (size < 9) return 0;
  std::int64_t id = 0;
  std::memcpy(&id, bytes, sizeof id);
  const auto role = livedesk::domain::Role(bytes[8] % 3 + 1);
  std::string username(input.substr(9, 64));
  // Usernames reach issue_staff from accounts, whose names came through JSON: text, here printable ASCII.
  std::erase_if(username, [](char c) { return c < 0x20 || c > 0x7e; });
  if (username.empty()) username = "ann";
  const std::string token = bytes[8] & 0x80 ? tokens.issue_customer(id, id ^ 0x5a5a) : tokens.issue_staff(id, username, role);
  const auto claims = tokens.verify(token);
  FUZZ_CHECK(claims && claims->subject_id == id);
  if (bytes[8] & 0x80) {
    FUZZ_CHECK(claims->kind == TokenKind::customer && claims->session_id == (id ^ 0x5a5a));
  } else {
    FUZZ_CHECK(claims->kind == TokenKind::staff && claims->role == role && claims->username == username);
  }
  // The header and claims are signed: changing any of their characters must break the signature.
  const auto signed_part = token.rfind('.');
  std::string forged = token;
  const std::size_t at = std::size_t(bytes[size - 1]) * 131 % signed_part;
  forged[at] = forged[at] == 'A' ? 'B' : 'A';
  FUZZ_CHECK(!tokens.verify(forged));
  return 0;
}
