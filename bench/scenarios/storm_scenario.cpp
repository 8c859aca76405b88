// Scenario "storm": N chats, each assigned to one of a few agents, chatting at
// a low rate; then every customer socket is dropped at once (RST) and resumes
// with its last seq. How long until all are back, and whether any message was
// lost or delivered twice (every seq checked, plus the REST tail) is the result.
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json.hpp>
#include <cmath>

#include "async/concurrency.hpp"
#include "async/timing.hpp"
#include "clients/frames.hpp"
#include "process/fatal.hpp"
#include "scenarios/chat_crowd.hpp"
#include "scenarios/delivery_check.hpp"
#include "scenarios/pacer.hpp"
#include "scenarios/scenario_setup.hpp"
#include "scenarios/scenarios.hpp"
#include "stats/worker_reports.hpp"
#include "workers/worker_pool.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace json = boost::json;
using asio::awaitable;

namespace {
// Chats beyond the agents' capacity: the supervisor assigns them with force (documented assign).
awaitable<int64_t> assign_waiting(const Staff& sup, const std::vector<Staff>& agents) {
  auto h = http_connection();
  auto q = co_await h.request(http::verb::get, "/api/v1/admin/chat-dashboard/sessions/waiting", std::string(),
                              sup.token);
  std::vector<int64_t> waiting;
  if (q.status == 200)
    for (auto& s : q.object().at("sessions").as_array()) waiting.push_back(s.as_object().at("id").as_int64());
  int64_t assign_failed = 0;
  const int64_t ta = now_us();
  co_await parallel_for(int(waiting.size()), 8, [&](int i, HttpConnection& hh) -> awaitable<void> {
    const auto& a = agents[size_t(i) % agents.size()];
    json::object body;
    body["agent_id"] = a.id;
    body["force"] = true;
    std::string target = "/api/v1/chat/sessions/" + std::to_string(waiting[size_t(i)]) + "/assign";
    auto r = co_await hh.request(http::verb::post, target, json::serialize(body), sup.token);
    if (r.status != 200) ++assign_failed;
  });
  note("assigned " + std::to_string(waiting.size()) + " chats in " + std::to_string((now_us() - ta) / 1000) + " ms");
  co_return assign_failed;
}
}  // namespace

json::object run_storm(const StormOptions& o, const ServerUnderTest& server) {
  const int n = o.n;
  const int n_agents = o.agents;
  const double agent_rate = o.agent_rate;
  const double customer_rate = o.customer_rate;
  const int warm_ms = o.warm_ms;
  const int after_ms = o.after_ms;
  const int workers_n = o.workers;
  const int reconnect_parallel = o.reconnect_parallel;

  const Cast cast = set_up_cast({.supervisor = true, .agents = n_agents, .customers = n});
  auto cust_parts = deal(cast.customers, workers_n);
  auto agent_parts = deal(cast.agents, workers_n);
  WorkerPool workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    auto my_cust = cust_parts[size_t(wi)];
    auto my_agents = agent_parts[size_t(wi)];
    workers.fork(wi, [=](WorkerLink& link) -> awaitable<void> {
      auto ex = co_await asio::this_coro::executor;
      ChatCrowd crowd(my_agents, my_cust);
      auto& cs = crowd.customers;
      co_await crowd.connect_agents(16);
      link.report("agents", {});
      co_await link.next_order();  // "customers": every chat is assigned
      co_await crowd.connect_customers(64, 120000);
      link.report("ready", {{"active", crowd.active.count()}, {"authed", crowd.authed.count()}});
      co_await link.next_order();  // "go"
      Pacer pacer{customer_rate, 0, 64, true};
      pacer.agent_conn_rate = agent_rate;  // per agent connection, spread over its chats
      asio::co_spawn(ex, pacer.pace(crowd, link.index()), asio::detached);
      co_await link.next_order();  // "drop <t_us>"
      const int64_t t_drop = now_us();
      for (auto& c : cs) {
        if (c.ws) c.ws->reset();
        c.authed = false;
      }
      const int64_t before = crowd.authed.count();
      int64_t reconnect_failed = 0;
      co_await connect_many(int(cs.size()), reconnect_parallel, [&](int i) -> awaitable<void> {
        if (!co_await connect_customer(cs[size_t(i)], crowd.stats, crowd.authed, crowd.active)) ++reconnect_failed;
      });
      const bool all = co_await crowd.authed.wait(before + int64_t(cs.size()), 60000);
      int64_t last = 0;
      for (auto& c : cs) last = std::max(last, c.resumed_us);
      link.report("resumed", {{"all", all},
                              {"resumed", crowd.authed.count() - before},
                              {"reconnect_failed", reconnect_failed},
                              {"t_drop", t_drop},
                              {"last_us", last}});
      co_await link.next_order();  // "stop"
      pacer.running = false;
      co_await sleep_ms(3000);  // let every acknowledged message arrive
      auto checked = co_await verify_no_loss(crowd);
      auto r = crowd.stats.report(false);
      for (auto& kv : checked) r[kv.key()] = kv.value();
      link.report("result", r);
      _exit(0);  // thousands of sockets: no destructors, the parent is waiting
    });
  }
  json::object out;
  workers.run([&]() -> awaitable<void> {
    co_await workers.gather("agents");
    const int64_t assign_failed = co_await assign_waiting(cast.supervisor, cast.agents);
    co_await sleep_ms(500);
    workers.broadcast("customers");
    auto ready = co_await workers.gather("ready");
    workers.broadcast("go");
    co_await sleep_ms(warm_ms);
    const long rss_before = server.rss_kib();
    workers.broadcast("drop " + std::to_string(now_us()));
    auto resumed = co_await workers.gather("resumed");
    int64_t t_drop = INT64_MAX, last = 0;
    bool all = true;
    for (auto& r : resumed) {
      t_drop = std::min(t_drop, int_at(&r, "t_drop", 0));
      last = std::max(last, int_at(&r, "last_us", 0));
      all = all && r.at("all").as_bool();
    }
    co_await sleep_ms(after_ms);
    workers.broadcast("stop");
    auto res = co_await workers.gather("result");
    out = json::object{
        {"scenario", "storm"},
        {"params", json::object{{"n", n}, {"agents", n_agents}, {"agent_rate", agent_rate},
                                {"customer_rate", customer_rate}, {"warm_ms", warm_ms}, {"after_ms", after_ms},
                                {"workers", workers_n}, {"reconnect_parallel", reconnect_parallel}}},
        {"chats_active", sum_field(ready, "active")},
        {"assign_failed", assign_failed},
        {"all_resumed", all},
        {"resumed", sum_field(resumed, "resumed")},
        {"reconnect_failed", sum_field(resumed, "reconnect_failed")},
        {"resume_all_ms", std::round(double(last - t_drop) / 100.0) / 10.0},
        {"messages_sent", sum_field(res, "sent")},
        {"messages_acked", sum_field(res, "acked")},
        {"seqs_checked", sum_field(res, "seqs_checked")},
        {"lost", sum_field(res, "lost")},
        {"duplicated", sum_field(res, "duplicated")},
        {"errors", sum_field(res, "errors")},
        {"error_codes", merge_codes(res)},
        {"server_rss_kib", rss_before},
        {"generator_cpu_s", sum_double(res, "cpu_s")}};
  });
  return out;
}

}  // namespace livedesk::bench
