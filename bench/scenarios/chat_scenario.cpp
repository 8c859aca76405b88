// Scenario "chat": agents connect first, then customers whose chats the
// server routes to them; during a common window every side sends at its share
// of the offered rate; delivered messages, latency, loss and errors are the
// result.
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <cmath>
#include <sstream>

#include "async/timing.hpp"
#include "scenarios/chat_crowd.hpp"
#include "scenarios/pacer.hpp"
#include "scenarios/scenario_setup.hpp"
#include "scenarios/scenarios.hpp"
#include "stats/percentiles.hpp"
#include "stats/worker_reports.hpp"
#include "workers/worker_pool.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace json = boost::json;
using asio::awaitable;

json::object run_chat(const ChatOptions& o, const ServerUnderTest& server) {
  const int n_cust = o.customers;
  const int n_agents = o.agents.value_or((n_cust + 2) / 3);
  const double rate = o.rate;
  const int duration_s = o.duration_s;
  const int workers_n = o.workers;
  const int body_bytes = o.body_bytes;

  const Cast cast = set_up_cast({.agents = n_agents, .customers = n_cust});
  const double per_chat_side = rate / 2.0 / double(n_cust);
  auto cust_parts = deal(cast.customers, workers_n);
  auto agent_parts = deal(cast.agents, workers_n);
  WorkerPool workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    auto my_cust = cust_parts[size_t(wi)];
    auto my_agents = agent_parts[size_t(wi)];
    workers.fork(wi, [=](WorkerLink& link) -> awaitable<void> {
      auto ex = co_await asio::this_coro::executor;
      ChatCrowd crowd(my_agents, my_cust);
      co_await crowd.connect_agents(16);
      link.report("agents", {});
      co_await link.next_order();  // "customers": every agent of every worker is on
      co_await crowd.connect_customers(32, 60000);
      link.report("ready", {{"active", crowd.active.count()}});
      std::string go = co_await link.next_order();  // "go <start_us> <end_us>"
      std::istringstream gs(go.substr(3));
      gs >> crowd.stats.window_start >> crowd.stats.window_end;
      co_await sleep_until_us(crowd.stats.window_start);
      Pacer pacer{per_chat_side, per_chat_side, body_bytes, true};
      asio::co_spawn(ex, pacer.pace(crowd, link.index()), asio::detached);
      co_await sleep_until_us(crowd.stats.window_end);
      pacer.running = false;
      co_await link.next_order();  // "stop" after the drain
      auto r = crowd.stats.report(true);
      r["agent_sessions"] = crowd.agent_sessions();
      link.report("result", r);
      _exit(0);  // thousands of sockets: no destructors, the parent is waiting
    });
  }
  json::object out;
  const long rss0 = server.rss_kib();
  workers.run([&]() -> awaitable<void> {
    co_await workers.gather("agents");
    workers.broadcast("customers");
    auto ready = co_await workers.gather("ready");
    co_await sleep_ms(1000);
    const int64_t start = now_us() + 200000, end = start + int64_t(duration_s) * 1000000;
    const double srv_cpu0 = server.cpu_seconds();
    workers.broadcast("go " + std::to_string(start) + " " + std::to_string(end));
    co_await sleep_until_us(end);
    const double srv_cpu = server.cpu_seconds() - srv_cpu0;
    co_await sleep_ms(3000);  // drain
    workers.broadcast("stop");
    auto res = co_await workers.gather("result");
    auto lat = merge_lat(res);
    const int64_t acked = sum_field(res, "acked");
    const int64_t delivered = sum_field(res, "delivered");
    const int64_t in_window = sum_field(res, "delivered_in_window");
    out = json::object{
        {"scenario", "chat"},
        {"params", json::object{{"customers", n_cust}, {"agents", n_agents}, {"offered_rate", rate},
                                {"duration_s", duration_s}, {"workers", workers_n}, {"body_bytes", body_bytes},
                                {"persistence", server.persistence()}}},
        {"chats_active", sum_field(ready, "active")},
        {"agent_sessions", sum_field(res, "agent_sessions")},
        {"sent", sum_field(res, "sent")},
        {"acked", acked},
        {"delivered", delivered},
        {"lost", acked - delivered},
        {"messages_per_s", std::round(double(in_window) / double(duration_s))},
        {"latency", percentiles_ms(lat)},
        {"errors", sum_field(res, "errors")},
        {"error_codes", merge_codes(res)},
        {"closed", sum_field(res, "closed")},
        {"server_cpu_s", std::round(srv_cpu * 100) / 100},
        {"server_rss_kib", server.rss_kib()},
        {"server_rss_start_kib", rss0},
        {"generator_cpu_s", sum_double(res, "cpu_s")}};
  });
  return out;
}

}  // namespace livedesk::bench
