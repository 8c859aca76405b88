#include "api/staff_auth.hpp"

#include <boost/algorithm/string/predicate.hpp>

#include "api/api_error.hpp"

namespace livedesk::api {

service::Principal require_staff(const service::AuthService& auth, const Request& request,
                                 domain::Role minimum) {
  std::string_view header = request.authorization;
  constexpr std::string_view scheme = "Bearer ";
  if (header.size() <= scheme.size() || !boost::algorithm::istarts_with(header, scheme))
    throw ApiError(401, "unauthorized", "missing bearer token");
  auto principal = auth.verify_staff(header.substr(scheme.size()));
  if (!principal) throw ApiError(401, "unauthorized", "invalid or expired token");
  if (!domain::has_at_least(principal->role, minimum))
    throw ApiError(403, "forbidden", "this needs the " + std::string(domain::to_string(minimum)) + " role");
  return *principal;
}

}  // namespace livedesk::api
