// Scenario "soak": agents and customers chat at a moderate steady rate for a
// long time while supervisor dashboards watch, a share of the customers drop
// their socket and resume by seq, and files are uploaded and sent. At every
// sample interval the server's RSS and open descriptors are read from /proc and
// the workers hand in the latencies of the messages delivered since the last
// sample; one line per sample goes to stderr. At the end every customer's seqs
// are checked (scenarios/delivery_check.hpp) and the summary says whether memory,
// descriptors and latency stayed flat.
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <cmath>
#include <iostream>

#include "async/timing.hpp"
#include "scenarios/chat_crowd.hpp"
#include "scenarios/delivery_check.hpp"
#include "scenarios/pacer.hpp"
#include "scenarios/scenario_setup.hpp"
#include "scenarios/scenarios.hpp"
#include "scenarios/soak_traffic.hpp"
#include "stats/soak_series.hpp"
#include "stats/worker_reports.hpp"
#include "workers/worker_pool.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace json = boost::json;
using asio::awaitable;

namespace {
// The interval, per worker, of something done `per_s` times a second over all `workers`; 0 for never.
int64_t interval_ms(double per_s, int workers) {
  return per_s > 0 ? std::max<int64_t>(1, std::llround(1000.0 * workers / per_s)) : 0;
}
}  // namespace

json::object run_soak(const SoakOptions& o, const ServerUnderTest& server) {
  const int n_cust = o.customers;
  const int n_agents = o.agents.value_or((n_cust + 2) / 3);
  const int workers_n = o.workers;
  const double per_chat_side = o.rate / 2.0 / double(n_cust);
  const int64_t reconnect_ms = interval_ms(o.reconnects_per_min / 60.0, workers_n);
  const int64_t upload_ms = o.upload_every_s > 0 ? interval_ms(1.0 / o.upload_every_s, workers_n) : 0;

  const Cast cast = set_up_cast({.supervisor = true, .agents = n_agents, .customers = n_cust});
  auto cust_parts = deal(cast.customers, workers_n);
  auto agent_parts = deal(cast.agents, workers_n);
  WorkerPool workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    auto my_cust = cust_parts[size_t(wi)];
    auto my_agents = agent_parts[size_t(wi)];
    const int my_dashboards = o.dashboards / workers_n + (wi < o.dashboards % workers_n ? 1 : 0);
    workers.fork(wi, [=, sup = cast.supervisor.token](WorkerLink& link) -> awaitable<void> {
      auto ex = co_await asio::this_coro::executor;
      ChatCrowd crowd(my_agents, my_cust);
      SoakCounters counters;
      co_await crowd.connect_agents(16);
      link.report("agents", {});
      co_await link.next_order();  // "customers": every agent of every worker is on
      co_await crowd.connect_customers(32, 60000);
      auto dashboards = co_await open_dashboards(my_dashboards, sup, counters);
      link.report("ready", {{"active", crowd.active.count()}, {"dashboards", counters.dashboards_open}});
      co_await link.next_order();  // "go"
      bool running = true;
      Pacer pacer{per_chat_side, per_chat_side, o.body_bytes, true};
      asio::co_spawn(ex, pacer.pace(crowd, link.index()), asio::detached);
      if (reconnect_ms) asio::co_spawn(ex, drop_and_resume(crowd, reconnect_ms, running, counters), asio::detached);
      if (upload_ms)
        asio::co_spawn(ex, upload_files(crowd, upload_ms, o.upload_bytes, link.index(), running, counters),
                       asio::detached);
      while (co_await link.next_order() == "sample") {
        auto r = crowd.stats.report(true);
        crowd.stats.lat_us.clear();
        for (auto& kv : counters.report()) r[kv.key()] = kv.value();
        link.report("sample", r);
      }
      pacer.running = false;  // "stop"
      running = false;
      co_await sleep_ms(3000);  // let every acknowledged message arrive
      auto r = crowd.stats.report(false);
      for (auto& kv : co_await verify_no_loss(crowd)) r[kv.key()] = kv.value();
      for (auto& kv : counters.report()) r[kv.key()] = kv.value();
      link.report("result", r);
      _exit(0);  // no destructors, the parent is waiting
    });
  }
  json::object out;
  workers.run([&]() -> awaitable<void> {
    co_await workers.gather("agents");
    workers.broadcast("customers");
    auto ready = co_await workers.gather("ready");
    co_await sleep_ms(1000);
    SoakSeries series(server.rss_kib(), server.open_fds());
    const double cpu0 = server.cpu_seconds();
    const int64_t t0 = now_us(), end = t0 + int64_t(o.duration_s) * 1000000;
    workers.broadcast("go");
    for (int64_t due = t0; due < end;) {
      due = std::min(end, due + int64_t(o.sample_s) * 1000000);
      co_await sleep_until_us(due);
      const long rss = server.rss_kib(), fds = server.open_fds();
      workers.broadcast("sample");
      auto res = co_await workers.gather("sample");
      auto lat = merge_lat(res);
      series.add({.t_s = std::round(double(due - t0) / 1e5) / 10,
                  .rss_kib = rss,
                  .fds = fds,
                  .reconnects = sum_field(res, "reconnects"),
                  .uploads = sum_field(res, "uploads"),
                  .errors = sum_field(res, "errors"),
                  .dashboards_open = sum_field(res, "dashboards_open")},
                 lat);
      std::cerr << series.last_line() << std::endl;
    }
    const double srv_cpu = server.cpu_seconds() - cpu0;
    workers.broadcast("stop");
    auto res = co_await workers.gather("result");
    const int64_t acked = sum_field(res, "acked"), delivered = sum_field(res, "delivered");
    out = json::object{{"scenario", "soak"},
                       {"params", json::object{{"customers", n_cust},
                                               {"agents", n_agents},
                                               {"offered_rate", o.rate},
                                               {"duration_s", o.duration_s},
                                               {"sample_s", o.sample_s},
                                               {"dashboards", o.dashboards},
                                               {"reconnects_per_min", o.reconnects_per_min},
                                               {"upload_every_s", o.upload_every_s},
                                               {"upload_bytes", o.upload_bytes},
                                               {"body_bytes", o.body_bytes},
                                               {"workers", workers_n},
                                               {"persistence", server.persistence()}}},
                       {"chats_active", sum_field(ready, "active")},
                       {"dashboards_open_at_start", sum_field(ready, "dashboards")},
                       {"dashboards_open_at_end", sum_field(res, "dashboards_open")},
                       {"dashboard_frames", sum_field(res, "dashboard_frames")},
                       {"sent", sum_field(res, "sent")},
                       {"acked", acked},
                       {"delivered", delivered},
                       {"lost", sum_field(res, "lost")},
                       {"lost_tail", sum_field(res, "lost_tail")},
                       {"duplicated", sum_field(res, "duplicated")},
                       {"seqs_checked", sum_field(res, "seqs_checked")},
                       {"reconnects", sum_field(res, "reconnects")},
                       {"reconnect_failed", sum_field(res, "reconnect_failed")},
                       {"uploads", sum_field(res, "uploads")},
                       {"upload_failed", sum_field(res, "upload_failed")},
                       {"errors", sum_field(res, "errors")},
                       {"error_codes", merge_codes(res)},
                       {"closed", sum_field(res, "closed")},
                       {"summary", series.summary()},
                       {"samples", series.rows()},
                       {"server_cpu_s", std::round(srv_cpu * 100) / 100},
                       {"server_rss_after_drain_kib", server.rss_kib()},
                       {"generator_cpu_s", sum_double(res, "cpu_s")}};
  });
  return out;
}

}  // namespace livedesk::bench
