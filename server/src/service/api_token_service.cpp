#include "service/api_token_service.hpp"

#include <boost/json.hpp>
#include <charconv>

#include "auth/api_token_hasher.hpp"
#include "auth/login_rate_limiter.hpp"
#include "domain/iso_time.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {
namespace {

ApiTokenView to_view(const store::ApiToken& token) {
  return ApiTokenView{token.id,         token.name,       domain::ApiScopes::from_text(token.scopes),
                      token.created_by, token.created_ms, token.last_used_ms,
                      token.revoked_ms};
}

// "ldk_<id>_<secret>" split; nullopt when the text has another form.
struct TokenParts {
  std::int64_t id = 0;
  std::string_view secret;
};
std::optional<TokenParts> split_token(std::string_view bearer) {
  if (!ApiTokenService::looks_like_api_token(bearer)) return std::nullopt;
  bearer.remove_prefix(ApiTokenService::kPrefix.size());
  const auto underscore = bearer.find('_');
  if (underscore == std::string_view::npos) return std::nullopt;
  TokenParts parts;
  auto [end, ec] = std::from_chars(bearer.data(), bearer.data() + underscore, parts.id);
  if (ec != std::errc() || end != bearer.data() + underscore || parts.id <= 0) return std::nullopt;
  parts.secret = bearer.substr(underscore + 1);
  if (parts.secret.empty()) return std::nullopt;
  return parts;
}

std::string limiter_key(std::int64_t id) { return "api-token:" + std::to_string(id); }

}  // namespace

ApiTokenService::ApiTokenService(store::StoreExecutor& store, const domain::Clock& clock, AuditTrail& audit,
                                 const auth::ApiTokenHasher& hasher, auth::LoginRateLimiter& limiter)
    : store_(store), clock_(clock), audit_(audit), hasher_(hasher), limiter_(limiter) {}

void ApiTokenService::remember(const store::ApiToken& token) {
  auto& cached = tokens_[token.id];
  cached.name = token.name;
  cached.secret_hash = token.secret_hash;
  cached.scopes = domain::ApiScopes::from_text(token.scopes);
  cached.created_by = token.created_by;
  // Revocation only ever goes one way, so a refresh read before a revocation here cannot undo it.
  cached.revoked = cached.revoked || token.revoked_ms.has_value();
}

void ApiTokenService::load(store::Store& store) {
  auto all = store.api_tokens().all();
  std::lock_guard lock(mutex_);
  for (const auto& token : all) remember(token);
}

void ApiTokenService::refresh() {
  store_.post_read([this](store::Store& store) {
    try {
      load(store);
    } catch (const std::exception&) {
      // The cache stays as it was; the next refresh tries again.
    }
  });
}

void ApiTokenService::create(const Principal& admin, std::string name, domain::ApiScopes scopes,
                             std::function<void(std::optional<ApiTokenCreated>)> done) {
  const std::string secret = auth::ApiTokenHasher::new_secret();
  store::ApiToken row;
  row.name = std::move(name);
  row.scopes = scopes.to_text();
  row.secret_hash = hasher_.hash(secret);
  if (admin.user_id > 0) row.created_by = admin.user_id;
  row.created_ms = domain::to_unix_ms(clock_.now());
  const bool queued = store_.post_write(
      [this, admin, row, secret, done](store::Store& store, store::CommitHooks& hooks) mutable {
        try {
          row.id = store.api_tokens().insert(row);
          boost::json::array names;
          for (auto scope : domain::ApiScopes::from_text(row.scopes).names()) names.emplace_back(scope);
          audit_.record_now(store, row.created_by, "api_token.created", "api_token", std::to_string(row.id),
                            boost::json::serialize(boost::json::object{{"name", row.name}, {"scopes", names}}));
          hooks.after_commit([this, row, secret, done](bool committed) {
            if (!committed) return done(std::nullopt);
            {
              std::lock_guard lock(mutex_);
              remember(row);
            }
            done(ApiTokenCreated{to_view(row), std::string(kPrefix) + std::to_string(row.id) + "_" + secret});
          });
        } catch (const std::exception&) {
          done(std::nullopt);
        }
      },
      [done](const std::exception&) { done(std::nullopt); });
  if (!queued) done(std::nullopt);
}

bool ApiTokenService::list(std::function<void(std::optional<std::vector<ApiTokenView>>)> done) {
  return store_.post_read(
      [done](store::Store& store) {
        std::vector<ApiTokenView> views;
        try {
          for (const auto& token : store.api_tokens().all()) views.push_back(to_view(token));
        } catch (const std::exception&) {
          return done(std::nullopt);
        }
        done(std::move(views));
      },
      [done](const std::exception&) { done(std::nullopt); });
}

void ApiTokenService::revoke(const Principal& admin, std::int64_t id,
                             std::function<void(bool, std::optional<ApiTokenView>)> done) {
  const std::int64_t at_ms = domain::to_unix_ms(clock_.now());
  const bool queued = store_.post_write(
      [this, admin, id, at_ms, done](store::Store& store, store::CommitHooks& hooks) {
        try {
          auto revoked = store.api_tokens().revoke(id, admin.user_id, at_ms);
          if (!revoked) return done(true, std::nullopt);
          audit_.record_now(store, admin.user_id > 0 ? std::optional(admin.user_id) : std::nullopt, "api_token.revoked",
                            "api_token", std::to_string(id),
                            boost::json::serialize(boost::json::object{{"name", revoked->name}}));
          hooks.after_commit([this, row = *revoked, done](bool committed) {
            if (!committed) return done(false, std::nullopt);
            {
              std::lock_guard lock(mutex_);
              remember(row);
            }
            done(true, to_view(row));
          });
        } catch (const std::exception&) {
          done(false, std::nullopt);
        }
      },
      [done](const std::exception&) { done(false, std::nullopt); });
  if (!queued) done(false, std::nullopt);
}

ApiTokenVerdict ApiTokenService::verify(std::string_view bearer, std::string_view client_address) {
  const auto parts = split_token(bearer);
  if (!parts) return ApiTokenInvalid{};
  const std::string key = limiter_key(parts->id);
  if (!limiter_.allowed(key, client_address)) return ApiTokenThrottled{limiter_.retry_after(key, client_address)};
  const std::string hash = hasher_.hash(parts->secret);
  const std::int64_t now_ms = domain::to_unix_ms(clock_.now());
  std::optional<ApiTokenPrincipal> found;
  bool touch = false;
  bool unknown = false;
  {
    std::lock_guard lock(mutex_);
    auto it = tokens_.find(parts->id);
    unknown = it == tokens_.end();
    if (!unknown && !it->second.revoked && auth::ApiTokenHasher::same(it->second.secret_hash, hash)) {
      Cached& cached = it->second;
      found = ApiTokenPrincipal{
          Principal{cached.created_by.value_or(0), "token:" + cached.name, domain::Role::admin, parts->id},
          cached.scopes};
      const auto resolution = std::chrono::duration_cast<std::chrono::milliseconds>(kLastUsedResolution).count();
      if (now_ms - cached.touched_ms >= resolution) {
        cached.touched_ms = now_ms;
        touch = true;
      }
    }
  }
  if (unknown) {
    // Perhaps made on another node since the last refresh: read again (at most once a second). Not counted as
    // a failure, or a new token used early on another node would lock itself out.
    auto last = last_miss_refresh_ms_.load();
    if (now_ms - last >= 1000 && last_miss_refresh_ms_.compare_exchange_strong(last, now_ms)) refresh();
    return ApiTokenInvalid{};
  }
  if (!found) {
    limiter_.record_failure(key, client_address);
    return ApiTokenInvalid{};
  }
  if (touch) {
    store_.post_write([id = parts->id, now_ms](store::Store& store, store::CommitHooks&) {
      try {
        store.api_tokens().touch(id, now_ms);
      } catch (const std::exception&) {
        // last_used is advisory; the next minute's use writes it again.
      }
    });
  }
  return *found;
}

}  // namespace livedesk::service
