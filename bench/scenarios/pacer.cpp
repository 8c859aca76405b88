#include "scenarios/pacer.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>

#include "async/timing.hpp"
#include "clients/frames.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace json = boost::json;

asio::awaitable<void> Pacer::pace(ChatCrowd& crowd, int worker) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer t(ex);
  int64_t last = now_us();
  auto& cs = crowd.customers;
  auto& as = crowd.agents;
  auto& st = crowd.stats;
  while (running) {
    t.expires_after(std::chrono::milliseconds(5));
    co_await t.async_wait(use_tuple);
    const int64_t now = now_us();
    const double dt = double(now - last) / 1e6;
    last = now;
    for (size_t i = 0; i < cs.size(); ++i) {
      auto& c = cs[i];
      if (!c.ws || !c.ws->is_open() || !c.authed || !c.active) continue;
      c.budget = std::min(c.budget + customer_rate * dt, 3.0);
      while (c.budget >= 1) {
        c.budget -= 1;
        json::object d{{"body", pad_body(now_us(), body_bytes)},
                       {"client_msg_id", "w" + std::to_string(worker) + "c" + std::to_string(i) + "-" +
                                             std::to_string(c.serial++)}};
        c.ws->send(frame("send_message", d));
        ++st.sent;
      }
    }
    for (size_t i = 0; i < as.size(); ++i) {
      auto& a = as[i];
      if (!a.ws || !a.ws->is_open() || a.sessions.empty()) continue;
      const double ar = agent_conn_rate >= 0 ? agent_conn_rate : agent_rate_per_chat * double(a.sessions.size());
      a.budget = std::min(a.budget + ar * dt, 3.0);
      while (a.budget >= 1) {
        a.budget -= 1;
        const int64_t sid = a.sessions[a.rr++ % a.sessions.size()];
        json::object d{{"session_id", sid},
                       {"body", pad_body(now_us(), body_bytes)},
                       {"client_msg_id", "w" + std::to_string(worker) + "a" + std::to_string(i) + "-" +
                                             std::to_string(a.serial++)}};
        a.ws->send(frame("send_message", d));
        ++st.sent;
      }
    }
  }
}

}  // namespace livedesk::bench
