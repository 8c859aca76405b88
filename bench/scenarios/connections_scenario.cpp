// Scenario "connections": N sockets (customers with a started chat, and a
// share of supervisor dashboards) connect and authenticate, then are held
// open with heartbeats; the server's RSS growth per connection is the result.
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <cmath>

#include "async/concurrency.hpp"
#include "async/latch.hpp"
#include "async/timing.hpp"
#include "clients/frames.hpp"
#include "process/process_usage.hpp"
#include "scenarios/customer_conn.hpp"
#include "scenarios/scenario_setup.hpp"
#include "scenarios/scenarios.hpp"
#include "stats/worker_reports.hpp"
#include "workers/worker_pool.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace json = boost::json;
using asio::awaitable;

json::object run_connections(const ConnectionsOptions& o, const ServerUnderTest& server) {
  const int n = o.n;
  const int hold_s = o.hold_s;
  const int workers_n = o.workers;
  const bool small = o.dashboard_subscribe == "small";
  const int n_dash = int(std::lround(n * o.dashboard_share));
  const int n_cust = n - n_dash;

  const Cast cast = set_up_cast({.supervisor = true, .customers = n_cust});
  const Staff sup = cast.supervisor;
  usleep(500000);
  const long rss_base = server.rss_kib();

  auto cust_parts = deal(cast.customers, workers_n);
  WorkerPool workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    const int my_dash = n_dash / workers_n + (wi < n_dash % workers_n ? 1 : 0);
    auto my_cust = cust_parts[size_t(wi)];
    workers.fork(wi, [=](WorkerLink& link) -> awaitable<void> {
      auto ex = co_await asio::this_coro::executor;
      ChatStats st;
      Latch authed, active, subscribed;
      std::vector<CustomerConn> cs(my_cust.size());
      for (size_t i = 0; i < cs.size(); ++i) cs[i].c = my_cust[i];
      std::vector<std::shared_ptr<WsConnection>> dashes;
      int64_t failed = 0, dash_closed = 0;
      const int64_t t0 = now_us();
      co_await connect_many(int(cs.size()), 64, [&](int i) -> awaitable<void> {
        if (!co_await connect_customer(cs[size_t(i)], st, authed, active)) ++failed;
      });
      co_await connect_many(my_dash, 64, [&](int) -> awaitable<void> {
        auto ws = co_await open_websocket("/api/v1/admin/chat-dashboard/ws");
        if (!ws) {
          ++failed;
          co_return;
        }
        ws->on_frame = [&, w = ws.get()](std::string_view f, bool) {
          const std::string_view t = frame_type(f);
          if (t == "auth_success") {
            authed.add();
            if (small) w->send(frame("unsubscribe", json::object{{"event_types", to_json_array(kSnapshotTypes)}}));
            else subscribed.add();
          } else if (t == "subscribed") {
            subscribed.add();
          }
        };
        ws->on_close = [&] { ++dash_closed; };
        ws->start();
        ws->send(frame("auth", json::object{{"token", sup.token}}));
        dashes.push_back(ws);
      });
      const int64_t want = int64_t(cs.size()) + my_dash - failed;
      co_await authed.wait(want, 60000);
      co_await subscribed.wait(int64_t(dashes.size()), 30000);
      const int64_t connect_ms = (now_us() - t0) / 1000;
      link.report("ready", {{"authed", authed.count()}, {"failed", failed}, {"connect_ms", connect_ms}});
      // Hold: a heartbeat every 25 s per connection, as real clients do, until told to stop.
      bool stop = false;
      asio::co_spawn(
          ex,
          [&]() -> awaitable<void> {
            while (!stop) {
              co_await sleep_ms(25000);
              if (stop) break;
              for (auto& c : cs)
                if (c.ws) c.ws->send(frame("heartbeat", {}));
              for (auto& d : dashes) d->send(frame("heartbeat", {}));
            }
          },
          asio::detached);
      co_await link.next_order();  // "stop"
      stop = true;
      int64_t open = 0;
      for (auto& c : cs) open += c.ws && c.ws->is_open();
      for (auto& d : dashes) open += d->is_open();
      link.report("result", {{"open", open},
                             {"closed", st.closed + dash_closed},
                             {"authed", authed.count()},
                             {"failed", failed},
                             {"cpu_s", cpu_seconds_self()}});
      for (auto& c : cs)
        if (c.ws) c.ws->reset();
      for (auto& d : dashes) d->reset();
      _exit(0);  // thousands of sockets: no destructors, the parent is waiting
    });
  }

  json::object out;
  workers.run([&]() -> awaitable<void> {
    auto ready = co_await workers.gather("ready");
    const int64_t authed = sum_field(ready, "authed");
    int64_t connect_ms = 0;
    for (auto& r : ready) connect_ms = std::max(connect_ms, int_at(&r, "connect_ms", 0));
    co_await sleep_ms(1000);
    const long rss_after = server.rss_kib();
    co_await sleep_ms(int64_t(hold_s) * 1000 - 1000);
    const long rss_end = server.rss_kib();
    workers.broadcast("stop");
    auto res = co_await workers.gather("result");
    const int64_t open = sum_field(res, "open");
    const double per_conn = authed > 0 ? double(rss_end - rss_base) / double(authed) : 0;
    out = json::object{
        {"scenario", "connections"},
        {"params", json::object{{"n", n}, {"customers", n_cust}, {"dashboards", n_dash}, {"hold_s", hold_s},
                                {"workers", workers_n}, {"dashboard_subscribe", small ? "small_pushes" : "default"}}},
        {"authenticated", authed},
        {"failed", sum_field(ready, "failed")},
        {"open_at_end", open},
        {"closed_during_hold", sum_field(res, "closed")},
        {"all_stayed_open", open == n && authed == n},
        {"connect_all_ms", connect_ms},
        {"server_rss_before_kib", rss_base},
        {"server_rss_after_connect_kib", rss_after},
        {"server_rss_end_kib", rss_end},
        {"rss_per_connection_kib", std::round(per_conn * 100) / 100},
        {"generator_cpu_s", sum_double(res, "cpu_s")}};
  });
  return out;
}

}  // namespace livedesk::bench
