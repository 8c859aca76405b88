#include "support/ws_client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <future>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "testkit/ws_connection.hpp"

namespace livedesk::it {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {
std::string clip(std::string text, std::size_t max = 240) {
  if (text.size() > max) text = text.substr(0, max) + "...(" + std::to_string(text.size()) + " bytes)";
  return text;
}
}  // namespace

// The socket itself is a testkit::WsConnection living on `ioc`, which the io
// thread runs; the test thread only posts to it and reads what the callbacks
// left under `mu`.
struct WsClient::Impl {
  struct Raw {
    bool binary = false;
    std::string text;
  };

  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
  std::thread thread;
  std::shared_ptr<testkit::WsConnection> connection;  // io thread only, once the thread runs

  std::mutex mu;
  std::condition_variable cv;
  std::deque<Raw> incoming;
  bool closed = false;
  int close_code = -1;
  std::string close_error;

  void listen() {
    connection->on_frame = [this](std::string_view frame, bool binary) {
      std::lock_guard lock(mu);
      incoming.push_back({binary, std::string(frame)});
      cv.notify_all();
    };
    connection->on_close = [this] {
      std::lock_guard lock(mu);
      closed = true;
      // The server's close frame, even when the close handshake could not
      // finish (e.g. our write failed after it arrived).
      if (connection->close_code() != 0) close_code = connection->close_code();
      close_error = connection->close_error();
      cv.notify_all();
    };
    connection->start();
  }
};

WsClient::WsClient(unsigned short port, const std::string& path, std::string label)
    : label_(std::move(label)), impl_(std::make_unique<Impl>()) {
  beast::tcp_stream stream(impl_->ioc);
  beast::error_code connect_ec, handshake_ec;
  bool handshake_done = false;
  websocket::response_type response;
  const std::string host = "127.0.0.1:" + std::to_string(port);
  stream.expires_after(10s);
  stream.async_connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                       [&](beast::error_code ec) { connect_ec = ec; });
  impl_->ioc.run();
  impl_->ioc.restart();
  if (connect_ec) throw std::runtime_error("[" + label_ + "] connect to port " + std::to_string(port) + ": " +
                                           connect_ec.message());
  stream.expires_never();
  impl_->connection = std::make_shared<testkit::WsConnection>(
      stream.release_socket(), testkit::WsConnection::Options{.handshake_timeout = 10s, .auto_fragment = false});
  asio::co_spawn(
      impl_->ioc,
      [&]() -> asio::awaitable<void> {
        handshake_ec = co_await impl_->connection->handshake(host, path, &response);
        handshake_done = true;
      },
      asio::detached);
  impl_->ioc.run();
  impl_->ioc.restart();
  if (!handshake_done || handshake_ec) {
    std::ostringstream why;
    why << "[" << label_ << "] WebSocket upgrade of " << path << " failed: "
        << (handshake_done ? handshake_ec.message() : std::string("no answer"));
    if (response.result_int() != 0) why << "; HTTP " << response.result_int() << " body: " << clip(response.body());
    throw std::runtime_error(why.str());
  }
  impl_->guard.emplace(impl_->ioc.get_executor());
  impl_->listen();
  impl_->thread = std::thread([impl = impl_.get()] { impl->ioc.run(); });
}

WsClient::~WsClient() {
  bool open = false;
  {
    std::lock_guard lock(impl_->mu);
    open = !impl_->closed;
  }
  if (open) {
    asio::post(impl_->ioc, [impl = impl_.get()] { impl->connection->close(); });
    std::unique_lock lock(impl_->mu);
    impl_->cv.wait_for(lock, 2s, [&] { return impl_->closed; });
  }
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->connection->drop(); });
  impl_->guard.reset();
  {
    // Give the io thread a moment to finish the cancelled operations.
    std::unique_lock lock(impl_->mu);
    impl_->cv.wait_for(lock, 2s, [&] { return impl_->closed; });
  }
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

void WsClient::pace() {
  if (send_rate_ <= 0) return;
  const auto now = Clock::now();
  while (!sent_at_.empty() && now - sent_at_.front() >= 1s) sent_at_.pop_front();
  if (static_cast<int>(sent_at_.size()) >= send_rate_) {
    std::this_thread::sleep_until(sent_at_.front() + 1s + 2ms);
    const auto later = Clock::now();
    while (!sent_at_.empty() && later - sent_at_.front() >= 1s) sent_at_.pop_front();
  }
  sent_at_.push_back(Clock::now());
}

bool WsClient::write(std::string payload, bool binary, bool raw) {
  pace();
  auto done = std::make_shared<std::promise<bool>>();
  auto future = done->get_future();
  asio::post(impl_->ioc, [impl = impl_.get(), payload = std::move(payload), binary, raw, done]() mutable {
    auto written = [done](bool ok) { done->set_value(ok); };
    if (raw)
      impl->connection->send_raw(std::move(payload), written);
    else
      impl->connection->send(std::move(payload), binary, written);
  });
  if (future.wait_for(kFrameDeadline) != std::future_status::ready) fail("a write did not complete within 10 s");
  return future.get();
}

void WsClient::send_json(const std::string& type, const json::object& data) {
  send_text(json::serialize(json::object{{"type", type}, {"data", data}}));
}

void WsClient::send_type(const std::string& type) { send_text(json::serialize(json::object{{"type", type}})); }

void WsClient::send_text(const std::string& text) {
  if (!write(text, false)) fail("sending a text frame failed: " + clip(text));
}

void WsClient::send_binary(const std::string& bytes) {
  if (!write(bytes, true)) fail("sending a binary frame failed");
}

bool WsClient::try_send_text(const std::string& text) { return write(text, false); }
bool WsClient::try_send_binary(const std::string& bytes) { return write(bytes, true); }

bool WsClient::send_raw_frame(const std::string& payload, bool binary) {
  std::string frame;
  frame.push_back(static_cast<char>(0x80 | (binary ? 0x2 : 0x1)));  // FIN + opcode
  const std::uint64_t size = payload.size();
  if (size < 126) {
    frame.push_back(static_cast<char>(0x80 | size));
  } else if (size < 65536) {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>((size >> 8) & 0xff));
    frame.push_back(static_cast<char>(size & 0xff));
  } else {
    frame.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) frame.push_back(static_cast<char>((size >> shift) & 0xff));
  }
  const unsigned char mask[4] = {0x37, 0xfa, 0x21, 0x3d};
  for (unsigned char byte : mask) frame.push_back(static_cast<char>(byte));
  for (std::size_t i = 0; i < payload.size(); ++i)
    frame.push_back(static_cast<char>(static_cast<unsigned char>(payload[i]) ^ mask[i % 4]));
  return write(std::move(frame), binary, true);
}

std::optional<json::object> WsClient::pull(Clock::time_point until) {
  Impl::Raw raw;
  {
    std::unique_lock lock(impl_->mu);
    impl_->cv.wait_until(lock, until, [&] { return !impl_->incoming.empty() || impl_->closed; });
    if (impl_->incoming.empty()) return std::nullopt;
    raw = std::move(impl_->incoming.front());
    impl_->incoming.pop_front();
  }
  recent_.push_back((raw.binary ? "BINARY " : "") + clip(raw.text));
  while (recent_.size() > 15) recent_.pop_front();
  if (raw.binary) {
    ADD_FAILURE() << "[" << label_ << "] the server sent a binary frame: " << clip(raw.text);
    return json::object{{"type", "__binary__"}, {"raw", raw.text}};
  }
  boost::system::error_code ec;
  auto value = json::parse(raw.text, ec);
  if (ec || !value.is_object()) {
    ADD_FAILURE() << "[" << label_ << "] a server frame is not a JSON object: " << clip(raw.text);
    return json::object{{"type", "__invalid__"}, {"raw", raw.text}};
  }
  auto& frame = value.as_object();
  const auto* type = frame.if_contains("type");
  if (!type || !type->is_string() || type->as_string().empty())
    ADD_FAILURE() << "[" << label_ << "] a server frame has no string \"type\": " << clip(raw.text);
  const auto* stamp = frame.if_contains("timestamp");
  if (!stamp || !stamp->is_string() || stamp->as_string().size() < 20 || stamp->as_string().back() != 'Z')
    ADD_FAILURE() << "[" << label_ << "] a server frame has no \"timestamp\" string ending in 'Z': "
                  << clip(raw.text);
  if (frame.contains("data") && !frame.at("data").is_object())
    ADD_FAILURE() << "[" << label_ << "] a server frame's \"data\" is not an object: " << clip(raw.text);
  return std::move(frame);
}

json::object WsClient::next_frame(std::chrono::milliseconds timeout) {
  if (!backlog_.empty()) {
    auto frame = std::move(backlog_.front());
    backlog_.pop_front();
    return frame;
  }
  if (auto frame = pull(Clock::now() + timeout)) return std::move(*frame);
  if (closed()) fail("the connection closed while a frame was expected");
  fail("no frame within " + std::to_string(timeout.count()) + " ms");
}

json::object WsClient::wait_for(const std::string& type, const FramePredicate& pred,
                                std::chrono::milliseconds timeout) {
  auto matches = [&](const json::object& frame) {
    const auto* t = frame.if_contains("type");
    return t && t->is_string() && t->as_string() == type && (!pred || pred(frame));
  };
  for (auto it = backlog_.begin(); it != backlog_.end(); ++it) {
    if (matches(*it)) {
      auto frame = std::move(*it);
      backlog_.erase(it);
      return frame;
    }
  }
  const auto until = Clock::now() + timeout;
  while (auto frame = pull(until)) {
    if (matches(*frame)) return std::move(*frame);
    backlog_.push_back(std::move(*frame));
  }
  if (closed()) fail("the connection closed before a matching \"" + type + "\" frame came");
  fail("no matching \"" + type + "\" frame within " + std::to_string(timeout.count()) + " ms");
}

int WsClient::expect_closed(std::chrono::milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  while (auto frame = pull(until)) backlog_.push_back(std::move(*frame));
  bool is_closed = false;
  int code = -1;
  {
    std::lock_guard lock(impl_->mu);
    is_closed = impl_->closed;
    code = impl_->close_code;
  }
  if (!is_closed) fail("the connection is still open after " + std::to_string(timeout.count()) + " ms");
  return code;
}

bool WsClient::closed() {
  std::lock_guard lock(impl_->mu);
  return impl_->closed;
}

void WsClient::sync(std::chrono::milliseconds timeout) {
  std::erase_if(backlog_, [](const json::object& f) {
    const auto* t = f.if_contains("type");
    return t && t->is_string() && t->as_string() == "heartbeat";
  });
  send_type("heartbeat");
  wait_for("heartbeat", {}, timeout);
}

std::vector<json::object> WsClient::take_backlog() {
  std::vector<json::object> frames(std::make_move_iterator(backlog_.begin()), std::make_move_iterator(backlog_.end()));
  backlog_.clear();
  return frames;
}

void WsClient::drain() {
  while (auto frame = pull(Clock::now())) backlog_.push_back(std::move(*frame));
}

void WsClient::close() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->connection->close(); });
  // Frames still arriving before the close answer go to the backlog.
  const auto until = Clock::now() + 5s;
  while (auto frame = pull(until)) backlog_.push_back(std::move(*frame));
  if (!closed()) fail("the server did not answer a close within 5 s");
}

void WsClient::drop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->connection->drop(); });
  std::unique_lock lock(impl_->mu);
  impl_->cv.wait_for(lock, 5s, [&] { return impl_->closed; });
}

std::string WsClient::describe() const {
  std::ostringstream text;
  {
    std::lock_guard lock(impl_->mu);
    text << "[" << label_ << "] connection " << (impl_->closed ? "closed" : "open");
    if (impl_->closed) {
      text << " (close code " << impl_->close_code;
      if (!impl_->close_error.empty()) text << ", " << impl_->close_error;
      text << ")";
    }
    text << ", " << impl_->incoming.size() << " frame(s) unread\n";
  }
  text << "backlog (" << backlog_.size() << " frames):";
  std::size_t shown = 0;
  for (const auto& frame : backlog_) {
    if (++shown > 12) {
      text << " ...";
      break;
    }
    text << "\n    " << clip(json::serialize(frame), 200);
  }
  text << "\nlast frames received:";
  for (const auto& line : recent_) text << "\n    " << line;
  return text.str();
}

void WsClient::fail(const std::string& what) const {
  throw std::runtime_error("[" + label_ + "] " + what + "\n" + describe());
}

// ---- JSON helpers -------------------------------------------------------

namespace {
const json::value* walk(const json::value* at, const std::string_view* begin, const std::string_view* end) {
  for (auto it = begin; it != end && at; ++it) {
    if (at->is_object()) {
      at = at->as_object().if_contains(*it);
    } else if (at->is_array()) {
      std::size_t index = 0;
      try {
        index = std::stoul(std::string(*it));
      } catch (...) {
        return nullptr;
      }
      if (index >= at->as_array().size()) return nullptr;
      at = &at->as_array()[index];
    } else {
      return nullptr;
    }
  }
  return at;
}
}  // namespace

const json::value* find_path(const json::value& root, std::initializer_list<std::string_view> path) {
  return walk(&root, path.begin(), path.end());
}

const json::value* find_path(const json::object& root, std::initializer_list<std::string_view> path) {
  if (path.size() == 0) return nullptr;
  return walk(root.if_contains(*path.begin()), path.begin() + 1, path.end());
}

std::string str_at(const json::object& root, std::initializer_list<std::string_view> path) {
  const auto* v = find_path(root, path);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::optional<std::int64_t> int_at(const json::object& root, std::initializer_list<std::string_view> path) {
  const auto* v = find_path(root, path);
  if (!v) return std::nullopt;
  if (v->is_int64()) return v->as_int64();
  if (v->is_uint64()) return static_cast<std::int64_t>(v->as_uint64());
  return std::nullopt;
}

std::string to_text(const json::value& value) { return json::serialize(value); }

// ---- Chat helpers -------------------------------------------------------

StaffLogin login_staff(unsigned short port, const std::string& username, const std::string& password) {
  const auto result = login_request(port, username, password);
  if (result.status != 200) throw std::runtime_error("login of " + username + " failed: " + result.describe());
  StaffLogin login;
  login.token = str_at(result.object(), {"access_token"});
  const auto id = int_at(result.object(), {"user", "id"});
  if (login.token.empty() || !id) throw std::runtime_error("login of " + username + ": " + result.describe());
  login.id = *id;
  return login;
}

StartedChat start_chat(unsigned short port, const std::string& name, const std::string& email,
                       const json::object& extra) {
  json::object body{{"name", name}, {"email", email}};
  for (const auto& [key, value] : extra) body[key] = value;
  const auto result = request(port, "POST", "/api/v1/chat/sessions", json::serialize(body),
                              {{"Content-Type", "application/json"}});
  if (result.status != 201 || !result.json || !result.json->is_object())
    throw std::runtime_error("starting a chat for " + email + " failed: " + result.describe());
  StartedChat chat;
  chat.body = result.object();
  const auto id = int_at(chat.body, {"session_id"});
  chat.token = str_at(chat.body, {"customer_token"});
  if (!id || chat.token.empty())
    throw std::runtime_error("the start answer has no session_id/customer_token: " + result.describe());
  chat.session_id = *id;
  return chat;
}

std::string session_path(std::int64_t session_id, const std::string& suffix) {
  return "/api/v1/chat/sessions/" + std::to_string(session_id) + suffix;
}

json::object fetch_session(unsigned short port, const std::string& token, std::int64_t session_id) {
  const auto result = request(port, "GET", session_path(session_id), "", bearer(token));
  if (result.status != 200 || !result.json || !result.json->is_object() ||
      !result.object().contains("session") || !result.object().at("session").is_object())
    throw std::runtime_error("GET session " + std::to_string(session_id) + ": " + result.describe());
  return result.object().at("session").as_object();
}

std::vector<json::object> fetch_messages(unsigned short port, const std::string& token, std::int64_t session_id) {
  std::vector<json::object> all;
  std::int64_t after = 0;
  while (true) {
    const auto target = session_path(session_id, "/messages?after_seq=" + std::to_string(after) + "&limit=1000");
    const auto result = request(port, "GET", target, "", bearer(token));
    const json::value* list = result.json ? find_path(*result.json, {"messages"}) : nullptr;
    if (result.status != 200 || !list || !list->is_array())
      throw std::runtime_error("GET " + target + ": " + result.describe());
    for (const auto& item : list->as_array()) {
      if (!item.is_object()) throw std::runtime_error("a message is not an object: " + result.describe());
      all.push_back(item.as_object());
    }
    if (list->as_array().size() < 1000) break;
    const auto last = int_at(all.back(), {"seq"});
    if (!last || *last <= after) throw std::runtime_error("paging does not advance: " + result.describe());
    after = *last;
  }
  return all;
}

HttpResult post_message(unsigned short port, const std::string& token, std::int64_t session_id,
                        const std::string& body, const std::string& client_msg_id) {
  json::object payload{{"body", body}};
  if (!client_msg_id.empty()) payload["client_msg_id"] = client_msg_id;
  auto headers = bearer(token);
  headers.emplace_back("Content-Type", "application/json");
  return request(port, "POST", session_path(session_id, "/messages"), json::serialize(payload), headers);
}

namespace {
std::unique_ptr<WsClient> authenticate(std::unique_ptr<WsClient> ws, const json::object& auth,
                                       json::object* auth_data) {
  ws->send_json("auth", auth);
  auto frame = ws->next_frame();
  if (str_at(frame, {"type"}) != "auth_success")
    throw std::runtime_error("[" + ws->label() + "] expected auth_success first, got " + json::serialize(frame) +
                             "\n" + ws->describe());
  if (auth_data) {
    const auto* data = frame.if_contains("data");
    *auth_data = data && data->is_object() ? data->as_object() : json::object{};
  }
  return ws;
}
}  // namespace

std::unique_ptr<WsClient> open_customer(unsigned short port, const std::string& customer_token,
                                        std::int64_t last_seq, json::object* auth_data) {
  auto ws = std::make_unique<WsClient>(port, "/api/v1/chat/ws", "customer");
  return authenticate(std::move(ws), json::object{{"token", customer_token}, {"last_seq", last_seq}}, auth_data);
}

std::unique_ptr<WsClient> open_agent(unsigned short port, const std::string& access_token,
                                     const json::object& resume, json::object* auth_data) {
  auto ws = std::make_unique<WsClient>(port, "/api/v1/agent/ws", "agent");
  json::object auth{{"token", access_token}};
  if (!resume.empty()) auth["resume"] = resume;
  return authenticate(std::move(ws), auth, auth_data);
}

FramePredicate session_is(std::int64_t session_id, const std::string& status) {
  return [=](const json::object& frame) {
    return int_at(frame, {"data", "session", "id"}) == session_id &&
           (status.empty() || str_at(frame, {"data", "session", "status"}) == status);
  };
}

FramePredicate message_in(std::int64_t session_id, std::int64_t seq) {
  return [=](const json::object& frame) {
    return int_at(frame, {"data", "session_id"}) == session_id &&
           (seq < 0 || int_at(frame, {"data", "message", "seq"}) == seq);
  };
}

FramePredicate error_code_is(const std::string& code) {
  return [=](const json::object& frame) { return str_at(frame, {"data", "code"}) == code; };
}

FramePredicate ack_for(const std::string& client_msg_id) {
  return [=](const json::object& frame) { return str_at(frame, {"data", "client_msg_id"}) == client_msg_id; };
}

void poll_until(const std::function<bool()>& probe, const std::string& what, std::chrono::milliseconds deadline) {
  const auto until = Clock::now() + deadline;
  while (!probe()) {
    if (Clock::now() > until)
      throw std::runtime_error("timed out after " + std::to_string(deadline.count()) + " ms waiting for: " + what);
    std::this_thread::sleep_for(20ms);
  }
}

}  // namespace livedesk::it
