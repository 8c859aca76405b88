// The router seen from the network side: a handler's answer, from whatever
// thread gives it, completes the awaiting session on its own executor, and
// pending answers keep the io_context running.
#include "net/async_dispatch.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <thread>

using namespace livedesk;
namespace asio = boost::asio;

namespace {
api::Response text(int status, std::string body) {
  api::Response response;
  response.status = status;
  response.content_type = "text/plain";
  response.body = std::move(body);
  return response;
}

// Dispatches `request` inside a coroutine on `io` and returns what it got.
api::Response dispatch(const api::Router& router, api::Request request) {
  asio::io_context io;
  api::Response got;
  std::thread::id completed_on;
  asio::co_spawn(
      io,
      [&]() -> asio::awaitable<void> {
        got = co_await net::async_dispatch(router, std::move(request), asio::use_awaitable);
        completed_on = std::this_thread::get_id();
      },
      asio::detached);
  io.run();  // returns only once the answer arrived: the pending work kept it alive
  EXPECT_EQ(completed_on, std::this_thread::get_id());
  return got;
}
}  // namespace

TEST(AsyncDispatchTest, AnswerFromAnotherThreadCompletesOnTheCallersExecutor) {
  api::Router router;
  std::thread worker;
  router.add("GET", "/api/v1/things/{id}", [&worker](const api::Request&, const api::PathParams& params,
                                                      api::Responder respond) {
    worker = std::thread([respond, id = params.id("id")] { respond(text(200, "thing " + std::to_string(id))); });
  });
  const api::Response response = dispatch(router, {"GET", "/api/v1/things/7"});
  worker.join();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "thing 7");
}

TEST(AsyncDispatchTest, UnknownPathsAndMethodsAnswerAtOnce) {
  api::Router router;
  router.add("GET", "/healthz", [](const api::Request&, const api::PathParams&, api::Responder respond) {
    respond(text(200, "ok"));
  });
  EXPECT_TRUE(router.matches("/healthz"));
  EXPECT_EQ(dispatch(router, {"GET", "/healthz"}).status, 200);
  EXPECT_EQ(dispatch(router, {"GET", "/nowhere"}).status, 404);
  const api::Response wrong_method = dispatch(router, {"DELETE", "/healthz"});
  EXPECT_EQ(wrong_method.status, 405);
  bool allow = false;
  for (const auto& [name, value] : wrong_method.headers) allow = allow || (name == "Allow" && value == "GET");
  EXPECT_TRUE(allow);
}

TEST(AsyncDispatchTest, OnlyTheFirstAnswerCounts) {
  api::Router router;
  router.add("GET", "/twice", [](const api::Request&, const api::PathParams&, api::Responder respond) {
    respond(text(200, "first"));
    respond(text(500, "second"));
  });
  const api::Response response = dispatch(router, {"GET", "/twice"});
  EXPECT_EQ(response.body, "first");
}
