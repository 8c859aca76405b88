#include "auth/token_service.hpp"

#include <jwt.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

#include "auth/sodium_init.hpp"

namespace livedesk::auth {
namespace {

constexpr std::string_view kind_staff = "staff";
constexpr std::string_view kind_customer = "customer";

// 9999-12-31T23:59:59Z. A later exp is nonsense, and bounding it keeps the
// conversion to a nanosecond TimePoint far from overflow.
constexpr std::int64_t max_unix_seconds = 253402300799;

struct JwtFree {
  void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtFree>;

// libjwt 1.10 has no jwt_free_str; its strings come from plain malloc unless
// jwt_set_alloc was called, which nothing in livedesk does.
struct MallocFree {
  void operator()(char* text) const { std::free(text); }
};
using MallocString = std::unique_ptr<char, MallocFree>;

std::int64_t unix_seconds(domain::TimePoint t) {
  return std::chrono::floor<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

void check(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string("libjwt failed to ") + what);
}

// A JWS compact token is exactly three base64url segments. Checking the shape
// ourselves means an unsigned token (empty third segment, as "alg":"none" uses)
// never reaches libjwt, which would accept one if it were ever handed no key.
bool has_signed_jws_shape(std::string_view token) {
  if (std::count(token.begin(), token.end(), '.') != 2) return false;
  const auto first_dot = token.find('.');
  const auto second_dot = token.find('.', first_dot + 1);
  if (first_dot == 0 || second_dot == first_dot + 1 || second_dot + 1 == token.size()) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
  });
}

// jwt_get_grant_int() is unusable for validation in libjwt 1.10: for a claim
// that exists but is not an integer (e.g. "exp":"123") it returns 0 without
// setting errno. So read the claim's JSON text and accept only a plain integer.
std::optional<std::int64_t> integer_claim(jwt_t* jwt, const char* name) {
  MallocString json(jwt_get_grants_json(jwt, name));
  if (!json) return std::nullopt;
  return parse_int64(json.get());
}

std::optional<std::string_view> string_claim(jwt_t* jwt, const char* name) {
  const char* value = jwt_get_grant(jwt, name);  // NULL when missing or not a JSON string
  if (value == nullptr) return std::nullopt;
  return std::string_view(value);
}

}  // namespace

TokenService::TokenService(std::string secret, const domain::Clock& clock, std::chrono::seconds staff_ttl,
                           std::chrono::seconds customer_ttl)
    : secret_(std::move(secret)), clock_(clock), staff_ttl_(staff_ttl), customer_ttl_(customer_ttl) {
  if (secret_.empty()) throw std::invalid_argument("token secret must not be empty");
  if (staff_ttl_.count() <= 0 || customer_ttl_.count() <= 0) {
    throw std::invalid_argument("token lifetimes must be positive");
  }
}

namespace {

// Starts a token with the claims every kind carries.
JwtPtr new_token(std::string_view kind, std::int64_t subject_id, std::int64_t issued_at,
                 std::chrono::seconds ttl) {
  jwt_t* raw = nullptr;
  check(jwt_new(&raw), "allocate a token");
  JwtPtr jwt(raw);
  check(jwt_add_grant(jwt.get(), "sub", std::to_string(subject_id).c_str()), "add sub");
  check(jwt_add_grant(jwt.get(), "kind", std::string(kind).c_str()), "add kind");
  check(jwt_add_grant_int(jwt.get(), "iat", issued_at), "add iat");
  check(jwt_add_grant_int(jwt.get(), "exp", issued_at + ttl.count()), "add exp");
  return jwt;
}

std::string sign(jwt_t* jwt, const std::string& secret) {
  check(jwt_set_alg(jwt, JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(secret.data()),
                    static_cast<int>(secret.size())),
        "set HS256");
  MallocString encoded(jwt_encode_str(jwt));
  if (!encoded) throw std::runtime_error("libjwt failed to encode a token");
  return std::string(encoded.get());
}

}  // namespace

std::string TokenService::issue_staff(std::int64_t user_id, std::string_view username, domain::Role role) const {
  // libjwt takes C strings; an embedded NUL would silently shorten the name.
  if (username.find('\0') != std::string_view::npos) throw std::invalid_argument("username contains NUL");
  JwtPtr jwt = new_token(kind_staff, user_id, unix_seconds(clock_.now()), staff_ttl_);
  check(jwt_add_grant(jwt.get(), "username", std::string(username).c_str()), "add username");
  check(jwt_add_grant(jwt.get(), "role", std::string(domain::to_string(role)).c_str()), "add role");
  return sign(jwt.get(), secret_);
}

std::string TokenService::issue_customer(std::int64_t customer_id, std::int64_t session_id) const {
  JwtPtr jwt = new_token(kind_customer, customer_id, unix_seconds(clock_.now()), customer_ttl_);
  check(jwt_add_grant_int(jwt.get(), "sid", session_id), "add sid");
  return sign(jwt.get(), secret_);
}

std::optional<TokenClaims> TokenService::verify(std::string_view token) const noexcept {
  try {
    if (token.size() > max_token_size || !has_signed_jws_shape(token)) return std::nullopt;

    jwt_t* raw = nullptr;
    const std::string token_text(token);  // libjwt needs NUL termination
    if (jwt_decode(&raw, token_text.c_str(), reinterpret_cast<const unsigned char*>(secret_.data()),
                   static_cast<int>(secret_.size())) != 0) {
      return std::nullopt;  // bad signature, bad base64/JSON, or alg libjwt refuses
    }
    JwtPtr jwt(raw);
    // libjwt verifies with whatever alg the header names (HS384/HS512 pass with
    // our secret), so insisting on HS256 is our job.
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) return std::nullopt;

    const auto expires = integer_claim(jwt.get(), "exp");
    if (!expires || *expires <= unix_seconds(clock_.now()) || *expires > max_unix_seconds) return std::nullopt;

    const auto subject = string_claim(jwt.get(), "sub");
    const auto subject_id = subject ? parse_int64(*subject) : std::nullopt;
    const auto kind = string_claim(jwt.get(), "kind");
    if (!subject_id || !kind) return std::nullopt;

    TokenClaims claims{.kind = TokenKind::staff,
                       .subject_id = *subject_id,
                       .username = {},
                       .role = std::nullopt,
                       .session_id = std::nullopt,
                       .expires_at = domain::TimePoint(std::chrono::seconds(*expires))};
    if (*kind == kind_staff) {
      const auto username = string_claim(jwt.get(), "username");
      const auto role_name = string_claim(jwt.get(), "role");
      const auto role = role_name ? domain::parse_role(*role_name) : std::nullopt;
      if (!username || username->empty() || !role) return std::nullopt;
      claims.username = std::string(*username);
      claims.role = role;
    } else if (*kind == kind_customer) {
      const auto session_id = integer_claim(jwt.get(), "sid");
      if (!session_id) return std::nullopt;
      claims.kind = TokenKind::customer;
      claims.session_id = session_id;
    } else {
      return std::nullopt;
    }
    return claims;
  } catch (...) {
    return std::nullopt;  // only allocation can throw here; an unverifiable token is not valid
  }
}

namespace {

constexpr std::size_t min_secret_chars = 32;
constexpr std::size_t generated_secret_bytes = 32;

std::string read_secret(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read JWT secret file " + file.string());
  std::ostringstream content;
  content << in.rdbuf();
  std::string secret = content.str();
  // People write this file with `echo`; a trailing newline is not part of the secret.
  while (!secret.empty() && std::isspace(static_cast<unsigned char>(secret.back()))) secret.pop_back();
  if (secret.size() < min_secret_chars) {
    throw std::runtime_error("JWT secret in " + file.string() + " is too short (" +
                             std::to_string(secret.size()) + " characters; at least " +
                             std::to_string(min_secret_chars) + " required)");
  }
  return secret;
}


// Writes all of `text` to `fd`, retrying short writes and EINTR.
bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

}  // namespace

std::string random_hex_secret() {
  detail::ensure_sodium_initialized();
  unsigned char bytes[generated_secret_bytes];
  randombytes_buf(bytes, sizeof bytes);
  char hex[generated_secret_bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  sodium_memzero(bytes, sizeof bytes);
  return std::string(hex);
}

std::string load_or_create_secret(const std::filesystem::path& data_dir) {
  const std::filesystem::path file = data_dir / "jwt_secret";
  std::error_code ignored;
  if (std::filesystem::exists(file, ignored)) return read_secret(file);

  std::filesystem::create_directories(data_dir);  // throws filesystem_error (a runtime_error) on failure
  // O_EXCL: never clobber a secret someone else created meanwhile; 0600: the
  // secret mints admin tokens, so only the server's own user may read it.
  const int fd = ::open(file.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return read_secret(file);  // lost a race with another starter
    throw std::system_error(errno, std::generic_category(), "cannot create JWT secret file " + file.string());
  }
  const std::string secret = random_hex_secret();
  const bool written = write_all(fd, secret) && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) {
    const int error = errno;
    std::filesystem::remove(file, ignored);  // a half-written secret would fail every later start
    throw std::system_error(error, std::generic_category(), "cannot write JWT secret file " + file.string());
  }
  return secret;
}

}  // namespace livedesk::auth
