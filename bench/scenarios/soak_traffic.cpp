#include "scenarios/soak_traffic.hpp"

#include <boost/beast/http/verb.hpp>

#include "async/concurrency.hpp"
#include "async/latch.hpp"
#include "async/timing.hpp"
#include "clients/frames.hpp"

namespace livedesk::bench {
namespace http = boost::beast::http;
namespace json = boost::json;
using boost::asio::awaitable;

json::object SoakCounters::report() const {
  return json::object{{"reconnects", reconnects},
                      {"reconnect_failed", reconnect_failed},
                      {"uploads", uploads},
                      {"upload_failed", upload_failed},
                      {"dashboards_open", dashboards_open},
                      {"dashboards_closed", dashboards_closed},
                      {"dashboard_frames", dashboard_frames}};
}

namespace {
// The next customer after `rr` whose chat is active and whose socket is up; nullptr when none is.
CustomerConn* next_live_customer(ChatCrowd& crowd, size_t& rr) {
  auto& cs = crowd.customers;
  for (size_t tried = 0; tried < cs.size(); ++tried) {
    auto& c = cs[rr++ % cs.size()];
    if (c.ws && c.ws->is_open() && c.authed && c.active) return &c;
  }
  return nullptr;
}

std::string text_file(int worker, int64_t n, int bytes) {
  std::string s = "soak upload from worker " + std::to_string(worker) + ", number " + std::to_string(n) + "\n";
  while (int(s.size()) < bytes) s += "The quick brown fox jumps over the lazy dog " + std::to_string(s.size()) + "\n";
  s.resize(size_t(bytes));
  return s;
}
}  // namespace

awaitable<void> drop_and_resume(ChatCrowd& crowd, int64_t interval_ms, const bool& running, SoakCounters& counters) {
  size_t rr = 0;
  int64_t due = now_us();
  while (running) {
    due += interval_ms * 1000;
    co_await sleep_until_us(due);
    if (!running) break;
    CustomerConn* c = next_live_customer(crowd, rr);
    if (!c) continue;
    c->ws->reset();
    c->authed = false;
    ++counters.reconnects;
    bool connected = false;
    for (int attempt = 0; attempt < 5 && !connected; ++attempt) {
      if (attempt) co_await sleep_ms(1000);
      connected = co_await connect_customer(*c, crowd.stats, crowd.authed, crowd.active);
    }
    if (!connected) ++counters.reconnect_failed;
  }
}

awaitable<void> upload_files(ChatCrowd& crowd, int64_t interval_ms, int bytes, int worker, const bool& running,
                             SoakCounters& counters) {
  auto h = http_connection();
  size_t rr = 0;
  int64_t n = 0;
  int64_t due = now_us() + interval_ms * 1000 * (worker + 1) / 4;  // the workers' uploads staggered
  while (running) {
    co_await sleep_until_us(due);
    due += interval_ms * 1000;
    if (!running) break;
    CustomerConn* c = next_live_customer(crowd, rr);
    if (!c) continue;
    const int64_t number = n++;
    auto r = co_await h.request(http::verb::post,
                                "/api/v1/chat/sessions/" + std::to_string(c->c.session_id) + "/attachments?name=soak-" +
                                    std::to_string(worker) + "-" + std::to_string(number) + ".txt",
                                text_file(worker, number, bytes), c->c.token);
    std::string id;
    if (r.status == 201) id = str_at(obj_at(r.object(), "attachment"), "id");
    if (id.empty()) {
      ++counters.upload_failed;
      ++crowd.stats.errors;
      ++crowd.stats.error_codes["upload_http_" + std::to_string(r.status)];
      continue;
    }
    if (!c->ws || !c->ws->is_open() || !c->authed) continue;  // dropped meanwhile: the file stays unsent
    std::string client_msg_id = "w";  // appended, not "w" + ...: GCC 12 warns falsely on that (-Wrestrict)
    client_msg_id.append(std::to_string(worker)).append("u").append(std::to_string(number));
    c->ws->send(frame("send_message", json::object{{"type", "file"},
                                                   {"attachment_id", id},
                                                   {"body", pad_body(now_us(), 64)},
                                                   {"client_msg_id", client_msg_id}}));
    ++crowd.stats.sent;
    ++counters.uploads;
  }
}

awaitable<std::vector<std::shared_ptr<WsConnection>>> open_dashboards(int n, const std::string& token,
                                                                      SoakCounters& counters) {
  std::vector<std::shared_ptr<WsConnection>> ds;
  auto authed = std::make_shared<Latch>();  // a late auth_success after the wait gave up still finds it
  co_await connect_many(n, 8, [&](int) -> awaitable<void> {
    auto ws = co_await open_websocket("/api/v1/admin/chat-dashboard/ws");
    if (!ws) co_return;
    ws->on_frame = [&counters, authed](std::string_view fr, bool) {
      ++counters.dashboard_frames;
      if (frame_type(fr) == "auth_success") authed->add();
    };
    ws->on_close = [&counters] {
      ++counters.dashboards_closed;
      --counters.dashboards_open;
    };
    ws->start();
    ws->send(frame("auth", json::object{{"token", token}}));
    ++counters.dashboards_open;
    ds.push_back(ws);
  });
  co_await authed->wait(int64_t(ds.size()), 60000);
  co_return ds;
}

}  // namespace livedesk::bench
