#include "scenarios/customer_conn.hpp"

#include <algorithm>

#include "async/timing.hpp"
#include "clients/frames.hpp"

namespace livedesk::bench {
namespace json = boost::json;

namespace {
void customer_on_frame(CustomerConn& cc, ChatStats& st, Latch& authed, Latch& active, std::string_view fr) {
  const std::string_view type = frame_type(fr);
  const int64_t now = now_us();
  if (type == "message_created") {
    auto o = parse_obj(fr);
    auto* msg = obj_at(obj_at(o, "data"), "message");
    const int64_t seq = int_at(msg, "seq", 0);
    if (seq > 0) {
      if (size_t(seq) >= cc.seen.size()) cc.seen.resize(size_t(seq) * 2 + 16, 0);
      if (cc.seen[size_t(seq)]) ++cc.dups;
      cc.seen[size_t(seq)] = 1;
      cc.last_seq = std::max(cc.last_seq, seq);
    }
    if (str_at(msg, "sender_type") == "agent") st.record_delivery(msg, now);
  } else if (type == "message_ack") {
    ++st.acked;
  } else if (type == "auth_success") {
    auto o = parse_obj(fr);
    cc.authed = true;
    cc.resumed_us = now;
    authed.add();
    if (!cc.active && str_at(obj_at(obj_at(o, "data"), "session"), "status") == "active") {
      cc.active = true;
      active.add();
    }
  } else if (type == "session_update") {
    auto o = parse_obj(fr);
    if (!cc.active && str_at(obj_at(obj_at(o, "data"), "session"), "status") == "active") {
      cc.active = true;
      active.add();
    }
  } else if (type == "error") {
    st.count_error(fr);
  }
}
}  // namespace

boost::asio::awaitable<bool> connect_customer(CustomerConn& cc, ChatStats& st, Latch& authed, Latch& active) {
  auto ws = co_await open_websocket("/api/v1/chat/ws");
  if (!ws) co_return false;
  cc.ws = ws;
  cc.authed = false;
  ws->on_frame = [&cc, &st, &authed, &active](std::string_view f, bool) {
    customer_on_frame(cc, st, authed, active, f);
  };
  ws->on_close = [&st] { ++st.closed; };
  ws->start();
  ws->send(frame("auth", json::object{{"token", cc.c.token}, {"last_seq", cc.last_seq}}));
  co_return true;
}

}  // namespace livedesk::bench
