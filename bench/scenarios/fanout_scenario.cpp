// Scenario "fanout": K supervisor dashboards watch while chats are started at
// a fixed rate with no agent on, so each start grows the queue by one; the
// time from a start's POST until every dashboard has its queue_depth_changed
// push is the result.
#include <unistd.h>

#include <boost/asio/this_coro.hpp>
#include <cmath>
#include <map>

#include "async/concurrency.hpp"
#include "async/latch.hpp"
#include "async/timing.hpp"
#include "clients/frames.hpp"
#include "process/process_usage.hpp"
#include "scenarios/scenario_setup.hpp"
#include "scenarios/scenarios.hpp"
#include "stats/percentiles.hpp"
#include "stats/worker_reports.hpp"
#include "workers/worker_pool.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace json = boost::json;
using asio::awaitable;

json::object run_fanout(const FanoutOptions& o, const ServerUnderTest& server) {
  const int k = o.dashboards;
  const double rate = o.rate;
  const int starts = o.starts;
  const int workers_n = o.workers;
  const bool all = o.subscribe == "all";
  // small: the dashboards drop the three snapshot pushes and keep only the small ones.
  const bool small = o.subscribe == "small";

  const Staff sup = set_up_cast({.supervisor = true}).supervisor;
  WorkerPool workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    const int mine = k / workers_n + (wi < k % workers_n ? 1 : 0);
    workers.fork(wi, [=](WorkerLink& link) -> awaitable<void> {
      Latch authed, subscribed;
      std::vector<std::shared_ptr<WsConnection>> ds;
      std::vector<int64_t> got(size_t(starts) + 2, 0), last_us(size_t(starts) + 2, 0);
      int64_t closed = 0, frames = 0, bytes = 0, failed = 0;
      std::map<std::string, int64_t> by_type;
      co_await connect_many(mine, 64, [&](int) -> awaitable<void> {
        auto ws = co_await open_websocket("/api/v1/admin/chat-dashboard/ws");
        if (!ws) {
          ++failed;
          co_return;
        }
        ws->on_frame = [&, w = ws.get()](std::string_view fr, bool) {
          const std::string_view t = frame_type(fr);
          const int64_t now = now_us();
          if (t == "queue_depth_changed") {
            auto o = parse_obj(fr);
            const int64_t d = int_at(obj_at(o, "data"), "depth");
            if (d > 0 && size_t(d) < got.size() && int_at(obj_at(o, "data"), "previous_depth") == d - 1) {
              ++got[size_t(d)];
              last_us[size_t(d)] = std::max(last_us[size_t(d)], now);
            }
          } else if (t == "auth_success") {
            authed.add();
            if (all) w->send(frame("subscribe", json::object{{"event_types", to_json_array(kAllPushTypes)}}));
            if (small) w->send(frame("unsubscribe", json::object{{"event_types", to_json_array(kSnapshotTypes)}}));
          } else if (t == "subscribed") {
            subscribed.add();
          }
          ++by_type[std::string(t)];
        };
        ws->on_close = [&] { ++closed; };
        ws->start();
        ws->send(frame("auth", json::object{{"token", sup.token}}));
        ds.push_back(ws);
      });
      co_await authed.wait(int64_t(ds.size()), 60000);
      if (all || small) co_await subscribed.wait(int64_t(ds.size()), 30000);
      link.report("ready", {{"authed", authed.count()}, {"failed", failed}});
      co_await link.next_order();  // "stop"
      for (auto& d : ds) {
        frames += int64_t(d->frames_in());
        bytes += int64_t(d->bytes_in());
      }
      json::array g, l;
      for (size_t i = 0; i < got.size(); ++i) {
        g.push_back(got[i]);
        l.push_back(last_us[i]);
      }
      json::object types;
      for (auto& [kk, v] : by_type) types[kk] = v;
      int64_t open = 0;
      for (auto& d : ds) open += d->is_open();
      link.report("result", {{"got", g},
                             {"last_us", l},
                             {"closed", closed},
                             {"open", open},
                             {"frames", frames},
                             {"bytes", bytes},
                             {"by_type", types},
                             {"cpu_s", cpu_seconds_self()}});
      _exit(0);  // thousands of sockets: no destructors, the parent is waiting
    });
  }
  json::object out;
  workers.run([&]() -> awaitable<void> {
    auto ready = co_await workers.gather("ready");
    const int64_t authed = sum_field(ready, "authed");
    co_await sleep_ms(1000);
    std::vector<int64_t> post_us(size_t(starts) + 2, 0);
    auto h = http_connection();
    const int64_t t0 = now_us();
    int64_t failed_posts = 0;
    const double cpu0 = server.cpu_seconds();
    for (int i = 0; i < starts; ++i) {
      const int64_t due = t0 + int64_t(double(i) * 1e6 / rate);
      co_await sleep_until_us(due);
      const int64_t sent = now_us();
      auto c = co_await start_chat(h, "hello from a benchmark customer");
      if (!c) {
        ++failed_posts;
        continue;
      }
      post_us[size_t(i) + 1] = sent;  // no agent is on: the queue only grows, this start made depth i + 1
    }
    const double achieved = double(starts) / (double(now_us() - t0) / 1e6);
    co_await sleep_ms(2000);
    const double srv_cpu = server.cpu_seconds() - cpu0;
    workers.broadcast("stop");
    auto res = co_await workers.gather("result");
    std::vector<int64_t> lat;
    int64_t incomplete = 0;
    for (int d = 1; d <= starts; ++d) {
      if (!post_us[size_t(d)]) continue;
      int64_t got = 0, last = 0;
      for (auto& r : res) {
        got += r.at("got").as_array()[size_t(d)].as_int64();
        last = std::max(last, r.at("last_us").as_array()[size_t(d)].as_int64());
      }
      if (got < authed) ++incomplete;
      else lat.push_back(last - post_us[size_t(d)]);
    }
    json::object types;
    for (auto& r : res)
      for (auto& kv : r.at("by_type").as_object())
        types[kv.key()] = (types.contains(kv.key()) ? types[kv.key()].as_int64() : 0) + kv.value().as_int64();
    const char* subscribe = small ? "small pushes only (snapshots unsubscribed)"
                            : all ? "all push types (incl. message_created, typing, snapshots)"
                                  : "default (all but message_created, typing_indicator)";
    out = json::object{
        {"scenario", "fanout"},
        {"params", json::object{{"dashboards", k}, {"rate", rate}, {"starts", starts}, {"workers", workers_n},
                                {"subscribe", subscribe}}},
        {"dashboards_authenticated", authed},
        {"achieved_rate", std::round(achieved * 10) / 10},
        {"failed_posts", failed_posts},
        {"starts_incomplete", incomplete},
        {"latency", percentiles_ms(lat)},
        {"dashboards_closed", sum_field(res, "closed")},
        {"frames_received", sum_field(res, "frames")},
        {"bytes_received", sum_field(res, "bytes")},
        {"frames_by_type", types},
        {"server_cpu_s", std::round(srv_cpu * 100) / 100},
        {"server_rss_kib", server.rss_kib()},
        {"generator_cpu_s", sum_double(res, "cpu_s")}};
  });
  return out;
}

}  // namespace livedesk::bench
