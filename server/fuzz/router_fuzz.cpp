// The router's paths (api/router) over any bytes: the input's first line is
// the method (when it is one: A-Z only), the rest the percent-decoded path, as
// net/ hands them over, against the table of livedesk's REST routes. Every
// dispatch answers exactly once, with a body that is JSON (whatever bytes the
// path held); 404 exactly when no pattern matches (or a capture is not an id),
// 405 with an Allow header naming the methods of the patterns that match, and
// a matched handler sees each "{name}" capture as one non-empty segment.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <set>
#include <string_view>

#include "api/router.hpp"
#include "fakes/fuzz_check.hpp"
#include <boost/json.hpp>

namespace {
using livedesk::api::PathParams;
using livedesk::api::Request;
using livedesk::api::Response;

constexpr std::pair<std::string_view, std::string_view> routes[] = {
    {"GET", "/healthz"}, {"GET", "/readyz"}, {"POST", "/api/v1/auth/login"}, {"GET", "/api/v1/auth/me"},
    {"GET", "/api/v1/admin/audit"}, {"POST", "/api/v1/admin/users"}, {"GET", "/api/v1/staff"},
    {"GET", "/api/v1/agent/sessions"}, {"PUT", "/api/v1/agent/status"}, {"GET", "/api/v1/chat/queue"},
    {"POST", "/api/v1/chat/sessions"}, {"GET", "/api/v1/chat/sessions/{id}"},
    {"GET", "/api/v1/chat/sessions/{id}/messages"}, {"POST", "/api/v1/chat/sessions/{id}/messages"},
    {"POST", "/api/v1/chat/sessions/{id}/attachments"}, {"GET", "/api/v1/chat/sessions/{id}/attachments/{sha}"},
    {"POST", "/api/v1/chat/sessions/{id}/take"}, {"POST", "/api/v1/chat/sessions/{id}/close"},
    {"POST", "/api/v1/chat/sessions/{id}/rating"}, {"POST", "/api/v1/chat/sessions/{id}/transfers"},
    {"GET", "/api/v1/notes/{id}"}, {"PATCH", "/api/v1/notes/{id}"}, {"DELETE", "/api/v1/notes/{id}"},
    {"GET", "/api/v1/blocks"}, {"POST", "/api/v1/blocks"}, {"DELETE", "/api/v1/blocks"},
    {"PUT", "/api/v1/canned-responses/{id}"}, {"DELETE", "/api/v1/canned-responses/{id}"},
    {"POST", "/api/v1/canned-responses/{id}/render"}, {"POST", "/internal/v1/cluster/call"},
};

std::string method_of(std::string_view line) {
  const bool is_method = !line.empty() && line.size() <= 10 &&
                         std::all_of(line.begin(), line.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  return is_method ? std::string(line) : "GET";
}

const livedesk::api::Router& router() {
  static const auto* table = [] {
    auto* built = new livedesk::api::Router;
    for (const auto& [method, pattern] : routes) {
      const bool has_id = pattern.find("{id}") != std::string_view::npos;
      const bool has_sha = pattern.find("{sha}") != std::string_view::npos;
      built->add(std::string(method), pattern, [has_id, has_sha](const Request&, const PathParams& params,
                                                                 livedesk::api::Responder respond) {
        boost::json::object body;
        if (has_id) {
          const auto id = params.id("id");  // 404 for anything but a positive integer
          FUZZ_CHECK(id > 0);
          body["id"] = id;
        }
        if (has_sha) {
          const auto& sha = params.get("sha");
          FUZZ_CHECK(!sha.empty() && sha.find('/') == std::string::npos);
        }
        Response response;
        response.body = boost::json::serialize(body);
        respond(std::move(response));
      });
    }
    return built;
  }();
  return *table;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(bytes), size);
  const auto newline = input.find('\n');
  Request request;
  request.method = method_of(input.substr(0, newline));
  request.path = newline == std::string_view::npos ? std::string(input) : std::string(input.substr(newline + 1));

  int answers = 0;
  Response answer;
  router().dispatch(request, [&](Response response) {
    ++answers;
    answer = std::move(response);
  });
  FUZZ_CHECK(answers == 1);
  boost::system::error_code ec;
  const auto body = boost::json::parse(answer.body, ec);
  FUZZ_CHECK(!ec && body.is_object());

  const bool matches = router().matches(request.path);
  FUZZ_CHECK(answer.status == 200 || answer.status == 404 || answer.status == 405);
  if (!matches) FUZZ_CHECK(answer.status == 404);
  if (answer.status == 200 || answer.status == 405) FUZZ_CHECK(matches);
  const auto allow = std::find_if(answer.headers.begin(), answer.headers.end(),
                                  [](const auto& header) { return header.first == "Allow"; });
  FUZZ_CHECK((answer.status == 405) == (allow != answer.headers.end()));
  if (answer.status == 405) {
    std::string_view allowed = allow->second;  // "GET, POST": never the method asked with
    while (!allowed.empty()) {
      const auto comma = allowed.find(", ");
      FUZZ_CHECK(allowed.substr(0, comma) != request.method);
      allowed = comma == std::string_view::npos ? std::string_view() : allowed.substr(comma + 2);
    }
  }
  return 0;
}
