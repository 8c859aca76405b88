#include "api/router.hpp"

#include <charconv>

#include "api/api_error.hpp"
#include "api/json_io.hpp"

namespace livedesk::api {
namespace {
std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}
}  // namespace

std::int64_t PathParams::id(const std::string& name) const {
  const std::string& text = get(name);
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0)
    throw ApiError(404, "not_found", "no such " + name + ": " + printable_path(text));  // the path's bytes need not be UTF-8
  return value;
}

void Router::add(std::string method, std::string_view pattern, Handler handler) {
  Route route{std::move(method), std::string(pattern), {}, std::move(handler)};
  for (auto segment : split_path(pattern)) route.segments.emplace_back(segment);
  routes_.push_back(std::move(route));
}

bool Router::match(const Route& route, const std::vector<std::string_view>& path, PathParams& params) {
  if (route.segments.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const std::string& want = route.segments[i];
    if (want.size() > 2 && want.front() == '{' && want.back() == '}')
      params.set(want.substr(1, want.size() - 2), std::string(path[i]));
    else if (want != path[i])
      return false;
  }
  return true;
}

bool Router::matches(std::string_view path) const {
  const auto segments = split_path(path);
  PathParams ignored;
  for (const auto& route : routes_)
    if (match(route, segments, ignored)) return true;
  return false;
}

std::string Router::route_name(std::size_t index) const {
  return routes_.at(index).method + " " + routes_.at(index).pattern;
}

std::size_t Router::dispatch(const Request& request, Responder respond) const {
  const auto segments = split_path(request.path);
  std::string allowed;
  for (std::size_t index = 0; index < routes_.size(); ++index) {
    const Route& route = routes_[index];
    PathParams params;
    if (!match(route, segments, params)) continue;
    if (route.method != request.method) {
      allowed += allowed.empty() ? route.method : ", " + route.method;
      continue;
    }
    try {
      route.handler(request, params, respond);
    } catch (const ApiError& error) {
      Response response = error_response(error.status(), error.code(), error.what());
      response.headers = error.headers();
      respond(std::move(response));
    } catch (const std::exception& error) {
      respond(error_response(500, "internal_error", "internal error"));
    }
    return index;
  }
  if (!allowed.empty()) {
    Response response = error_response(405, "method_not_allowed",
                                       request.method + " is not allowed here; use " + allowed);
    response.headers.emplace_back("Allow", allowed);
    respond(std::move(response));
    return no_route;
  }
  respond(error_response(404, "not_found", "no route for " + printable_path(request.path)));
  return no_route;
}

}  // namespace livedesk::api
