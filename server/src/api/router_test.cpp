// The router's answers are JSON whatever bytes the path held (found by router_fuzz, server/fuzz/).
#include "api/router.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace livedesk::api {
namespace {

Response dispatch(const Router& router, std::string method, std::string path) {
  Response answer;
  Request request;
  request.method = std::move(method);
  request.path = std::move(path);
  router.dispatch(request, [&](Response response) { answer = std::move(response); });
  return answer;
}

Router notes_router() {
  Router router;
  router.add("GET", "/api/v1/notes/{id}", [](const Request&, const PathParams& params, Responder respond) {
    Response response;
    response.body = boost::json::serialize(boost::json::object{{"id", params.id("id")}});
    respond(std::move(response));
  });
  return router;
}

TEST(Router, AnIdThatIsNotUtf8IsRefusedInValidJson) {
  const auto answer = dispatch(notes_router(), "GET", "/api/v1/notes/\xff\xfe");
  EXPECT_EQ(answer.status, 404);
  boost::system::error_code ec;
  const auto body = boost::json::parse(answer.body, ec);
  ASSERT_FALSE(ec) << answer.body;
  EXPECT_EQ(body.at("error").at("code").as_string(), "not_found");
  EXPECT_EQ(body.at("error").at("message").as_string(), "no such id: %FF%FE");
}

TEST(Router, AnIdIsAPositiveInteger) {
  const auto router = notes_router();
  EXPECT_EQ(dispatch(router, "GET", "/api/v1/notes/12").body, R"({"id":12})");
  EXPECT_EQ(dispatch(router, "GET", "/api/v1/notes/0").status, 404);
  EXPECT_EQ(dispatch(router, "GET", "/api/v1/notes/abc").status, 404);
  EXPECT_EQ(dispatch(router, "DELETE", "/api/v1/notes/12").status, 405);
}

TEST(Router, DispatchNamesTheRouteThatRanForPerRouteMetrics) {
  auto router = notes_router();
  router.add("POST", "/api/v1/notes", [](const Request&, const PathParams&, Responder respond) { respond({}); });
  ASSERT_EQ(router.route_count(), 2u);
  EXPECT_EQ(router.route_name(0), "GET /api/v1/notes/{id}");
  EXPECT_EQ(router.route_name(1), "POST /api/v1/notes");
  Request request;
  request.method = "POST";
  request.path = "/api/v1/notes";
  EXPECT_EQ(router.dispatch(request, [](Response) {}), 1u);
  request.path = "/api/v1/notes/7";
  EXPECT_EQ(router.dispatch(request, [](Response) {}), Router::no_route);  // 405
  request.path = "/nowhere";
  EXPECT_EQ(router.dispatch(request, [](Response) {}), Router::no_route);  // 404
}

}  // namespace
}  // namespace livedesk::api
