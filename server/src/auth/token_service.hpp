#pragma once
// Access tokens for staff (dashboard, REST) and customers (their own chat):
// JWT signed with HMAC-SHA256, and the on-disk signing secret.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "domain/clock.hpp"
#include "domain/role.hpp"

namespace livedesk::auth {

enum class TokenKind { staff, customer };

// What a verified token says about its bearer.
struct TokenClaims {
  TokenKind kind;
  std::int64_t subject_id;            // staff: user id; customer: customer id
  std::string username;               // staff only (empty for customers)
  std::optional<domain::Role> role;   // staff only
  std::optional<std::int64_t> session_id;  // customer only
  domain::TimePoint expires_at;
};

// Issues and verifies HS256 JWTs with claims sub (id as a string), kind
// ("staff"/"customer"), iat, exp (whole seconds taken from the Clock), plus
// username and role for staff, sid (integer session id) for customers.
//
// verify() accepts only tokens that are HS256 (the header's alg is checked;
// "none", HS384, HS512 and everything else are rejected), carry a valid
// signature under this secret, have an integer exp later than the Clock's now,
// a known kind and every claim that kind needs. Anything else, including
// tokens over 8 KiB and garbage, yields nullopt; it never throws.
//
// Thread safety: all member functions are const and keep no shared mutable
// state (every call builds its own libjwt object), so one instance may be used
// from any number of threads at once. The Clock must outlive the service.
class TokenService {
 public:
  // Longest token verify() will even try to decode.
  static constexpr std::size_t max_token_size = 8 * 1024;

  // Throws std::invalid_argument for an empty secret or a non-positive ttl.
  // The secret should be at least 32 characters (load_or_create_secret ensures it).
  TokenService(std::string secret, const domain::Clock& clock, std::chrono::seconds staff_ttl,
               std::chrono::seconds customer_ttl);

  // Throw std::runtime_error only if libjwt fails (out of memory).
  std::string issue_staff(std::int64_t user_id, std::string_view username, domain::Role role) const;
  std::string issue_customer(std::int64_t customer_id, std::int64_t session_id) const;

  std::optional<TokenClaims> verify(std::string_view token) const noexcept;

  std::chrono::seconds staff_ttl() const { return staff_ttl_; }
  std::chrono::seconds customer_ttl() const { return customer_ttl_; }

 private:
  std::string secret_;
  const domain::Clock& clock_;
  std::chrono::seconds staff_ttl_;
  std::chrono::seconds customer_ttl_;
};

// Returns the signing secret kept in `data_dir/jwt_secret`. If the file is
// missing it is created (mode 0600, never overwriting an existing file) holding
// 32 random bytes as 64 hex characters, creating data_dir if needed. Trailing
// whitespace in an existing file is ignored. Throws std::runtime_error when the
// file cannot be read or written, or when an existing secret is shorter than
// 32 characters. Safe to call from several threads or processes at once.
std::string load_or_create_secret(const std::filesystem::path& data_dir);

// A fresh random secret (64 hex characters) from libsodium.
std::string random_hex_secret();

}  // namespace livedesk::auth
