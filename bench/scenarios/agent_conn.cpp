#include "scenarios/agent_conn.hpp"

#include <algorithm>

#include "async/timing.hpp"
#include "clients/frames.hpp"

namespace livedesk::bench {
namespace json = boost::json;

namespace {
void agent_track_session(AgentConn& a, const json::object* session) {
  if (!session) return;
  const int64_t id = int_at(session, "id");
  const bool mine = str_at(session, "status") == "active" && int_at(obj_at(*session, "agent"), "id") == a.s.id;
  auto it = std::find(a.sessions.begin(), a.sessions.end(), id);
  if (mine && it == a.sessions.end()) a.sessions.push_back(id);
  if (!mine && it != a.sessions.end()) a.sessions.erase(it);
}

void agent_on_frame(AgentConn& a, ChatStats& st, Latch& authed, std::string_view fr) {
  const std::string_view type = frame_type(fr);
  const int64_t now = now_us();
  if (type == "message_created") {
    auto o = parse_obj(fr);
    auto* msg = obj_at(obj_at(o, "data"), "message");
    if (str_at(msg, "sender_type") == "customer") st.record_delivery(msg, now);
  } else if (type == "message_ack") {
    ++st.acked;
  } else if (type == "session_update") {
    auto o = parse_obj(fr);
    agent_track_session(a, obj_at(obj_at(o, "data"), "session"));
  } else if (type == "auth_success") {
    auto o = parse_obj(fr);
    a.authed = true;
    auto* d = obj_at(o, "data");
    if (d)
      if (auto it = d->find("sessions"); it != d->end() && it->value().is_array())
        for (auto& s : it->value().as_array())
          if (s.is_object()) agent_track_session(a, &s.as_object());
    authed.add();
  } else if (type == "error") {
    st.count_error(fr);
  }
}
}  // namespace

boost::asio::awaitable<bool> connect_agent(AgentConn& a, ChatStats& st, Latch& authed) {
  auto ws = co_await open_websocket("/api/v1/agent/ws");
  if (!ws) co_return false;
  a.ws = ws;
  ws->on_frame = [&a, &st, &authed](std::string_view f, bool) { agent_on_frame(a, st, authed, f); };
  ws->on_close = [&st] { ++st.closed; };
  ws->start();
  ws->send(frame("auth", json::object{{"token", a.s.token}}));
  co_return true;
}

}  // namespace livedesk::bench
