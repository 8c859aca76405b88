#pragma once
// Maps (method, path pattern) to a REST handler. Patterns are literal segments
// and "{name}" captures; unknown paths answer 404, known paths with another
// method 405 with an Allow header. Routes are added before serving starts and
// never change after, so dispatch is safe from any number of threads.
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/http_types.hpp"

namespace livedesk::api {

// Captured "{name}" segments of a matched path.
class PathParams {
 public:
  void set(std::string name, std::string value) { values_[std::move(name)] = std::move(value); }
  const std::string& get(const std::string& name) const { return values_.at(name); }
  // The capture as a positive integer id; 404 not_found otherwise.
  std::int64_t id(const std::string& name) const;

 private:
  std::map<std::string, std::string> values_;
};

using Handler = std::function<void(const Request&, const PathParams&, Responder)>;

// The table of REST routes and its dispatcher.
class Router {
 public:
  void add(std::string method, std::string_view pattern, Handler handler);
  // True when some route's pattern matches `path` (any method).
  bool matches(std::string_view path) const;
  // Runs the matching handler, or answers 404/405. An ApiError thrown by a
  // handler becomes its error response; anything else a 500. Returns the
  // index of the route that ran (see route_name), or no_route for a 404/405.
  static constexpr std::size_t no_route = static_cast<std::size_t>(-1);
  std::size_t dispatch(const Request& request, Responder respond) const;
  // The routes in the order added, each as "<METHOD> <pattern>" (per-route metrics label them so).
  std::size_t route_count() const { return routes_.size(); }
  std::string route_name(std::size_t index) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  static bool match(const Route& route, const std::vector<std::string_view>& path, PathParams& params);

  std::vector<Route> routes_;
};

}  // namespace livedesk::api
