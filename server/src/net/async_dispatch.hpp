#pragma once
// Bridges the callback-style router to an awaitable: the handler may answer
// from any thread (store executor, crypto worker); the completion is posted
// back to the caller's executor, and outstanding work keeps the io_context
// alive so shutdown waits for in-flight requests.
#include <boost/asio/async_result.hpp>
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <atomic>
#include <memory>
#include <optional>

#include "api/router.hpp"

namespace livedesk::net {

// `matched` (optional) gets the index of the route that ran (api::Router::dispatch), before the completion.
template <class CompletionToken>
auto async_dispatch(const api::Router& router, api::Request request, CompletionToken&& token,
                    std::size_t* matched = nullptr) {
  return boost::asio::async_initiate<CompletionToken, void(api::Response)>(
      [&router, matched](auto handler, api::Request request) {
        using Handler = decltype(handler);
        struct Pending {
          explicit Pending(Handler h)
              : handler(std::move(h)), work(boost::asio::make_work_guard(boost::asio::get_associated_executor(*handler))) {}
          std::optional<Handler> handler;
          boost::asio::executor_work_guard<boost::asio::associated_executor_t<Handler>> work;
          std::atomic<bool> answered{false};
        };
        auto pending = std::make_shared<Pending>(std::move(handler));
        const std::size_t route = router.dispatch(request, [pending](api::Response response) {
          if (pending->answered.exchange(true)) return;  // a second answer is a bug; keep the first
          auto executor = pending->work.get_executor();
          boost::asio::post(executor, [pending, response = std::move(response)]() mutable {
            Handler h = std::move(*pending->handler);
            pending->handler.reset();
            pending->work.reset();
            std::move(h)(std::move(response));
          });
        });
        if (matched) *matched = route;
      },
      token, std::move(request));
}

}  // namespace livedesk::net
