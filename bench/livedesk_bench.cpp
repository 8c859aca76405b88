// livedesk-bench: a load generator for the livedesk server (issue #5).
//
// It speaks only the documented API (docs/api.md): REST over HTTP/1.1 keep-alive and the customer,
// agent and dashboard WebSockets, as real clients do. Boost.Beast on C++20 coroutines, one
// io_context thread per generator process, thousands of connections per thread.
//
//   livedesk-bench <connections|chat|fanout|storm> --livedesk PATH [--key value ...]
//
// The tool starts its own server (fresh temporary data dir, one admin made by the CLI), sets up the
// accounts it needs through the admin API, forks --workers generator processes (the open-file limit is
// per process) which spread their client sockets over loopback source addresses 127.0.0.2.. (bound
// before connect, so the ephemeral port range is per source address), and prints ONE JSON line.
// Timestamps are CLOCK_MONOTONIC, which all processes on the machine share.

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace json = boost::json;
using tcp = asio::ip::tcp;
using asio::awaitable;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

// ---------------------------------------------------------------- small helpers

int64_t now_us() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

void stop_server();
bool g_is_worker = false;

[[noreturn]] void die(const std::string& why) {
  std::cerr << "livedesk-bench: " << why << "\n";
  if (g_is_worker) _exit(2);
  stop_server();
  std::exit(2);
}

bool g_debug = std::getenv("LIVEDESK_BENCH_DEBUG") != nullptr;

void note(const std::string& what) { std::cerr << "[bench " << getpid() << "] " << what << std::endl; }

struct Params {
  std::map<std::string, std::string> v;
  std::string str(const std::string& k, const std::string& d) const {
    auto it = v.find(k);
    return it == v.end() ? d : it->second;
  }
  double num(const std::string& k, double d) const {
    auto it = v.find(k);
    return it == v.end() ? d : std::stod(it->second);
  }
  int64_t integer(const std::string& k, int64_t d) const { return int64_t(num(k, double(d))); }
};

long read_rss_kib(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

double cpu_seconds_self() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

double cpu_seconds_of(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/stat");
  std::string s((std::istreambuf_iterator<char>(f)), {});
  auto p = s.rfind(')');
  if (p == std::string::npos) return -1;
  std::istringstream in(s.substr(p + 2));
  std::string tok;
  double ut = 0, st = 0;
  for (int i = 3; in >> tok; ++i) {
    if (i == 14) ut = std::stod(tok);
    if (i == 15) {
      st = std::stod(tok);
      break;
    }
  }
  return (ut + st) / double(sysconf(_SC_CLK_TCK));
}

json::object percentiles_ms(std::vector<int64_t>& us) {
  json::object o;
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) -> json::value {
    if (us.empty()) return nullptr;
    size_t i = size_t(std::ceil(p / 100.0 * double(us.size()))) ;
    i = std::min(us.size() - 1, i == 0 ? 0 : i - 1);
    return std::round(double(us[i]) / 10.0) / 100.0;
  };
  o["samples"] = us.size();
  o["p50_ms"] = pct(50);
  o["p99_ms"] = pct(99);
  o["p999_ms"] = pct(99.9);
  o["max_ms"] = us.empty() ? json::value(nullptr) : json::value(std::round(double(us.back()) / 10.0) / 100.0);
  return o;
}

// ---------------------------------------------------------------- sockets

std::string g_persistence = "sqlite WAL (server default)";  // what the chat scenario reports
std::vector<tcp::endpoint> g_servers;  // every node; connections go round robin
std::size_t g_server_next = 0;
int g_src_count = 32;
int g_src_next = 0;

// Loopback source addresses 127.0.0.2 .. 127.0.0.(1+g_src_count), round robin; IP_BIND_ADDRESS_NO_PORT
// lets the kernel pick the port at connect time, so each (source, destination) pair has its own range.
asio::ip::address_v4 next_source() {
  const int i = g_src_next++ % g_src_count;
  return asio::ip::make_address_v4(0x7f000002u + uint32_t(i));
}

awaitable<std::optional<tcp::socket>> tcp_connect() {
  auto ex = co_await asio::this_coro::executor;
  for (int attempt = 0; attempt < 3; ++attempt) {
    tcp::socket s(ex);
    boost::system::error_code ec;
    s.open(tcp::v4(), ec);
    if (ec) co_return std::nullopt;  // out of descriptors
    int one = 1;
    ::setsockopt(s.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &one, sizeof one);
    s.bind(tcp::endpoint(next_source(), 0), ec);
    if (ec) {
      if (g_debug) std::cerr << "bind: " << ec.message() << "\n";
      continue;
    }
    auto [cec] = co_await s.async_connect(g_servers[g_server_next++ % g_servers.size()], use_tuple);
    if (cec) {
      if (g_debug) std::cerr << "connect: " << cec.message() << "\n";
      continue;
    }
    s.set_option(tcp::no_delay(true), ec);
    co_return std::optional<tcp::socket>(std::move(s));
  }
  co_return std::nullopt;
}

struct HttpResult {
  int status = 0;
  json::value body;
};

// One keep-alive HTTP/1.1 connection; requests run one after the other on it.
class Http {
 public:
  awaitable<HttpResult> request(http::verb verb, std::string target, std::string body = {},
                                const std::string& token = {}) {
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (!stream_) {
        auto s = co_await tcp_connect();
        if (!s) continue;
        stream_.emplace(std::move(*s));
        buffer_.clear();
      }
      http::request<http::string_body> req{verb, target, 11};
      req.set(http::field::host, "127.0.0.1");
      req.keep_alive(true);
      if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
      if (!body.empty()) {
        req.set(http::field::content_type, "application/json");
        req.body() = body;
      }
      req.prepare_payload();
      auto [wec, wn] = co_await http::async_write(*stream_, req, use_tuple);
      if (wec) {
        if (g_debug) std::cerr << "http write: " << wec.message() << "\n";
        stream_.reset();
        continue;
      }
      http::response<http::string_body> res;
      auto [rec, rn] = co_await http::async_read(*stream_, buffer_, res, use_tuple);
      if (rec) {
        if (g_debug) std::cerr << "http read: " << rec.message() << "\n";
        stream_.reset();
        continue;
      }
      if (!res.keep_alive()) stream_.reset();
      HttpResult out;
      out.status = int(res.result_int());
      if (!res.body().empty()) {
        boost::system::error_code jec;
        out.body = json::parse(res.body(), jec);
      }
      co_return out;
    }
    co_return HttpResult{};
  }
  void close() { stream_.reset(); }

 private:
  std::optional<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
};

std::string_view frame_type(std::string_view frame) {
  // The server writes "type" first; fall back to "" (then the caller parses) when it does not.
  constexpr std::string_view prefix = "{\"type\":\"";
  if (frame.substr(0, prefix.size()) != prefix) return {};
  auto end = frame.find('"', prefix.size());
  if (end == std::string_view::npos) return {};
  return frame.substr(prefix.size(), end - prefix.size());
}

// One WebSocket client connection. Single-threaded io_context: no strands, no locks.
class Ws : public std::enable_shared_from_this<Ws> {
 public:
  std::function<void(std::string_view type, std::string_view frame)> on_frame;
  std::function<void()> on_close;
  bool open = false;
  uint64_t frames_in = 0, bytes_in = 0;
  int close_code = 0;

  awaitable<bool> connect(std::string path) {
    auto s = co_await tcp_connect();
    if (!s) co_return false;
    ws_.emplace(std::move(*s));
    ws_->set_option(websocket::stream_base::timeout{std::chrono::seconds(30), websocket::stream_base::none(), false});
    ws_->read_message_max(64 << 20);
    auto [ec] = co_await ws_->async_handshake("127.0.0.1", path, use_tuple);
    if (ec) co_return false;
    open = true;
    co_return true;
  }

  void start() { asio::co_spawn(ws_->get_executor(), read_loop(shared_from_this()), asio::detached); }

  void send(std::string text) {
    if (!open) return;
    out_.push_back(std::move(text));
    if (!writing_) {
      writing_ = true;
      asio::co_spawn(ws_->get_executor(), write_loop(shared_from_this()), asio::detached);
    }
  }

  // Abrupt loss: RST, no close handshake (a dropped network, a killed tab).
  void drop() {
    if (!ws_) return;
    open = false;
    dropped_ = true;
    auto& sock = beast::get_lowest_layer(*ws_).socket();
    boost::system::error_code ec;
    sock.set_option(asio::socket_base::linger(true, 0), ec);
    sock.close(ec);
  }

 private:
  static awaitable<void> read_loop(std::shared_ptr<Ws> self) {
    beast::flat_buffer buf;
    for (;;) {
      auto [ec, n] = co_await self->ws_->async_read(buf, use_tuple);
      if (ec) break;
      std::string_view frame(static_cast<const char*>(buf.data().data()), buf.size());
      ++self->frames_in;
      self->bytes_in += frame.size();
      if (self->on_frame) self->on_frame(frame_type(frame), frame);
      buf.consume(buf.size());
    }
    self->open = false;
    self->close_code = self->ws_->reason().code;
    if (!self->dropped_ && self->on_close) self->on_close();
    self->on_frame = nullptr;
    self->on_close = nullptr;
  }

  static awaitable<void> write_loop(std::shared_ptr<Ws> self) {
    while (!self->out_.empty() && self->open) {
      auto [ec, n] = co_await self->ws_->async_write(asio::buffer(self->out_.front()), use_tuple);
      if (ec) break;
      self->out_.pop_front();
    }
    self->out_.clear();
    self->writing_ = false;
  }

  std::optional<websocket::stream<beast::tcp_stream>> ws_;
  std::deque<std::string> out_;
  bool writing_ = false;
  bool dropped_ = false;
};

std::string frame(std::string_view type, const json::object& data) {
  json::object o;
  o["type"] = type;
  o["data"] = data;
  return json::serialize(o);
}

json::object parse_obj(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

const json::object* obj_at(const json::object& o, std::string_view key) {
  auto it = o.find(key);
  return it != o.end() && it->value().is_object() ? &it->value().as_object() : nullptr;
}

const json::object* obj_at(const json::object* o, std::string_view key) { return o ? obj_at(*o, key) : nullptr; }

int64_t int_at(const json::object* o, std::string_view key, int64_t d = -1) {
  if (!o) return d;
  auto it = o->find(key);
  return it != o->end() && it->value().is_int64() ? it->value().as_int64() : d;
}

std::string str_at(const json::object* o, std::string_view key) {
  if (!o) return {};
  auto it = o->find(key);
  return it != o->end() && it->value().is_string() ? std::string(it->value().as_string()) : std::string{};
}

// ---------------------------------------------------------------- control pipes (parent <-> worker)

class LineChannel {
 public:
  LineChannel(asio::any_io_executor ex, int fd) : d_(ex, fd) {}
  awaitable<std::string> read_line() {
    auto [ec, n] = co_await asio::async_read_until(d_, asio::dynamic_buffer(buf_), '\n', use_tuple);
    if (ec) co_return std::string{};
    std::string line = buf_.substr(0, n - 1);
    buf_.erase(0, n);
    co_return line;
  }

 private:
  asio::posix::stream_descriptor d_;
  std::string buf_;
};

void write_line(int fd, const std::string& line) {
  std::string s = line + "\n";
  size_t off = 0;
  while (off < s.size()) {
    ssize_t n = ::write(fd, s.data() + off, s.size() - off);
    if (n <= 0) {
      if (errno == EINTR) continue;
      return;
    }
    off += size_t(n);
  }
}

// ---------------------------------------------------------------- the server under test

struct Server {
  std::vector<pid_t> pids;  // one per node
  int port = 0;
  std::string dir;
  bool keep = false;
};

Server g_srv;
const std::string kAdminPass = "bench-admin-password-1";
const std::string kStaffPass = "bench-staff-password-1";

int free_port() {
  asio::io_context io;
  tcp::acceptor a(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  return a.local_endpoint().port();
}

void stop_server() {
  for (auto& pid : g_srv.pids) {
    if (pid <= 0) continue;
    kill(pid, SIGTERM);
    int st = 0;
    for (int i = 0; i < 300; ++i) {
      if (waitpid(pid, &st, WNOHANG) == pid) {
        pid = -1;
        break;
      }
      usleep(100000);
    }
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, &st, 0);
    }
    pid = -1;
  }
  if (!g_srv.keep && !g_srv.dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(g_srv.dir, ec);
  }
}

// Every node together: what the scenarios report as "the server".
long servers_rss_kib() {
  long total = 0;
  for (auto pid : g_srv.pids) total += read_rss_kib(pid);
  return total;
}
double servers_cpu_seconds() {
  double total = 0;
  for (auto pid : g_srv.pids) total += cpu_seconds_of(pid);
  return total;
}

// Starts one server (SQLite in a temporary dir) or, with --database (and
// --redis), --nodes servers sharing that PostgreSQL database and Redis.
void start_server(const Params& p) {
  const std::string bin = p.str("livedesk", "");
  if (bin.empty()) die("--livedesk PATH (the server binary) is required");
  const std::string database = p.str("database", "");
  const std::string redis = p.str("redis", "");
  const int nodes = int(p.integer("nodes", 1));
  if (nodes < 1 || (nodes > 1 && database.empty())) die("--nodes above 1 needs --database postgresql://... and --redis");
  if (!database.empty()) g_persistence = "postgresql, " + std::to_string(nodes) + " node(s)";
  char tmpl[] = "/tmp/livedesk-bench-XXXXXX";
  if (!mkdtemp(tmpl)) die("mkdtemp failed");
  g_srv.dir = tmpl;
  g_srv.keep = p.num("keep-data", 0) != 0;
  // The admin account, by the documented CLI.
  {
    int in[2];
    if (pipe(in) != 0) die("pipe");
    pid_t pid = fork();
    if (pid == 0) {
      dup2(in[0], 0);
      close(in[1]);
      int devnull = open("/dev/null", O_WRONLY);
      dup2(devnull, 1);
      std::vector<std::string> args{bin, "user", "add", "benchadmin", "--role", "admin", "--password-stdin",
                                    "--data-dir", g_srv.dir};
      if (!database.empty()) args.insert(args.end(), {"--database", database});
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
    close(in[0]);
    write_line(in[1], kAdminPass);
    close(in[1]);
    int st = 0;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) die("livedesk user add failed");
  }
  for (int node = 0; node < nodes; ++node) {
    int port = node == 0 ? int(p.integer("port", 0)) : 0;
    if (port == 0) port = free_port();
    if (node == 0) g_srv.port = port;
    const std::string dir = g_srv.dir + (nodes > 1 ? "/node" + std::to_string(node) : "");
    std::filesystem::create_directories(dir);
    std::vector<std::string> args = {bin, "serve", "--bind", "127.0.0.1", "--port", std::to_string(port),
                                     "--data-dir", dir, "--log-level",
                                     p.str("log-level", database.empty() ? "warn" : "info")};
    if (!database.empty()) args.insert(args.end(), {"--database", database, "--node-id", "bench" + std::to_string(node)});
    if (!redis.empty()) args.insert(args.end(), {"--redis", redis});
    if (auto t = p.integer("server-threads", 0); t > 0) {
      args.push_back("--threads");
      args.push_back(std::to_string(t));
    }
    std::istringstream extra(p.str("server-args", ""));
    for (std::string a; extra >> a;) args.push_back(a);
    // Optional wrapper (e.g. "valgrind --tool=callgrind") for profiling runs.
    std::vector<std::string> full;
    std::istringstream wrap(p.str("server-wrapper", ""));
    for (std::string a; wrap >> a;) full.push_back(a);
    full.insert(full.end(), args.begin(), args.end());
    const std::string log = dir + "/server.log";
    pid_t pid = fork();
    if (pid == 0) {
      std::vector<char*> argv;
      for (auto& a : full) argv.push_back(a.data());
      argv.push_back(nullptr);
      int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(fd, 1);
      dup2(fd, 2);
      execvp(argv[0], argv.data());
      _exit(127);
    }
    g_srv.pids.push_back(pid);
    g_servers.push_back(tcp::endpoint(asio::ip::make_address("127.0.0.1"), uint16_t(port)));
    note("server pid " + std::to_string(pid) + " port " + std::to_string(port) + " dir " + dir);
  }
  if (!database.empty()) {
    // Every node must know its leader before load starts (info lines, so read at warn level only when logged).
    for (int node = 0; node < nodes; ++node) {
      const std::string log = g_srv.dir + (nodes > 1 ? "/node" + std::to_string(node) : "") + "/server.log";
      bool seen = false;
      for (int i = 0; i < 600 && !seen; ++i) {
        std::ifstream in(log);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        seen = text.find("\"leader_changed\"") != std::string::npos;
        if (!seen) usleep(50000);
      }
      if (!seen) die("node " + std::to_string(node) + " never saw a leader (see " + log + ")");
    }
  }
}

// ---------------------------------------------------------------- setup through the API (parent)

struct Staff {
  int64_t id = 0;
  std::string token;
};

struct Customer {
  int64_t session_id = 0;
  std::string token;
};

awaitable<void> wait_ready() {
  Http h;
  for (int i = 0; i < 600; ++i) {
    auto r = co_await h.request(http::verb::get, "/readyz");
    if (r.status == 200) co_return;
    h.close();
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(100));
    co_await t.async_wait(use_tuple);
  }
  die("server did not become ready");
}

awaitable<Staff> login(Http& h, const std::string& user, const std::string& pass) {
  json::object b{{"username", user}, {"password", pass}};
  auto r = co_await h.request(http::verb::post, "/api/v1/auth/login", json::serialize(b));
  if (r.status != 200) die("login failed for " + user + ": " + std::to_string(r.status));
  auto& o = r.body.as_object();
  co_return Staff{o.at("user").as_object().at("id").as_int64(), std::string(o.at("access_token").as_string())};
}

// Runs fn(i, http) for i in [0, n) on `parallel` keep-alive connections.
awaitable<void> parallel_for(int n, int parallel, std::function<awaitable<void>(int, Http&)> fn) {
  auto ex = co_await asio::this_coro::executor;
  int next = 0, running = parallel;
  asio::steady_timer done(ex, asio::steady_timer::time_point::max());
  for (int w = 0; w < parallel; ++w) {
    asio::co_spawn(
        ex,
        [&]() -> awaitable<void> {
          Http h;
          while (next < n) {
            const int i = next++;
            co_await fn(i, h);
          }
          if (--running == 0) done.cancel();
        },
        asio::detached);
  }
  co_await done.async_wait(use_tuple);
}

awaitable<std::vector<Staff>> create_staff(const std::string& admin_token, int n, const std::string& role,
                                           const std::string& prefix) {
  std::vector<Staff> out(static_cast<size_t>(n));
  // Argon2id runs on the server's one crypto thread; two requests in flight keep it busy.
  co_await parallel_for(n, 2, [&](int i, Http& h) -> awaitable<void> {
    const std::string name = prefix + std::to_string(i);
    json::object b{{"username", name}, {"password", kStaffPass}, {"role", role}, {"name", "Bench " + name}};
    auto r = co_await h.request(http::verb::post, "/api/v1/admin/users", json::serialize(b), admin_token);
    if (r.status != 201) die("create user failed: " + std::to_string(r.status) + " " + json::serialize(r.body));
    out[size_t(i)] = co_await login(h, name, kStaffPass);
  });
  co_return out;
}

int g_customer_serial = 0;

awaitable<std::optional<Customer>> start_chat(Http& h, const std::string& first_message = {}) {
  const int k = g_customer_serial++;
  json::object b{{"name", "Customer " + std::to_string(k)},
                 {"email", "c" + std::to_string(k) + "-" + std::to_string(getpid()) + "@bench.example"},
                 {"subject", "bench"}};
  if (!first_message.empty()) b["message"] = first_message;
  auto r = co_await h.request(http::verb::post, "/api/v1/chat/sessions", json::serialize(b));
  if (r.status != 201) co_return std::nullopt;
  auto& o = r.body.as_object();
  co_return Customer{o.at("session_id").as_int64(), std::string(o.at("customer_token").as_string())};
}

awaitable<std::vector<Customer>> create_customers(int n) {
  std::vector<Customer> out(static_cast<size_t>(n));
  co_await parallel_for(n, 8, [&](int i, Http& h) -> awaitable<void> {
    auto c = co_await start_chat(h);
    if (!c) die("POST /api/v1/chat/sessions failed");
    out[size_t(i)] = *c;
  });
  co_return out;
}

// ---------------------------------------------------------------- worker processes

struct Worker {
  pid_t pid = -1;
  int to_child = -1;    // parent writes control lines
  int from_child = -1;  // parent reads report lines
};

struct WorkerEnv {
  int index = 0;
  int ctl_fd = -1;
  int rep_fd = -1;
};

// Forks one worker; `body` runs in the child with its own io_context and never returns.
Worker fork_worker(int index, std::function<void(asio::io_context&, WorkerEnv&)> body) {
  int down[2], up[2];
  if (pipe(down) != 0 || pipe(up) != 0) die("pipe");
  pid_t pid = fork();
  if (pid < 0) die("fork");
  if (pid == 0) {
    close(down[1]);
    close(up[0]);
    g_src_next = index * 7;
    g_is_worker = true;
    WorkerEnv env{index, down[0], up[1]};
    {
      asio::io_context io(1);
      body(io, env);
    }
    _exit(0);
  }
  close(down[0]);
  close(up[1]);
  return Worker{pid, down[1], up[0]};
}

void broadcast(std::vector<Worker>& ws, const std::string& line) {
  for (auto& w : ws) write_line(w.to_child, line);
}

// Reads one line from every worker (in parallel) and returns them parsed (prefix word stripped).
awaitable<std::vector<json::object>> gather(std::vector<std::unique_ptr<LineChannel>>& chans, const std::string& word) {
  std::vector<json::object> out;
  for (auto& c : chans) {
    for (;;) {
      std::string line = co_await c->read_line();
      if (line.empty()) die("a worker exited early (waiting for '" + word + "')");
      if (line.rfind(word + " ", 0) == 0) {
        out.push_back(parse_obj(line.substr(word.size() + 1)));
        break;
      }
    }
  }
  co_return out;
}

awaitable<void> sleep_ms(int64_t ms) {
  asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await t.async_wait(use_tuple);
}

awaitable<void> sleep_until_us(int64_t t_us) {
  const int64_t d = t_us - now_us();
  if (d > 0) {
    asio::steady_timer t(co_await asio::this_coro::executor, std::chrono::microseconds(d));
    co_await t.async_wait(use_tuple);
  }
}

// A counter that a coroutine can wait on until it reaches a target.
struct Latch {
  int64_t count = 0;
  std::optional<asio::steady_timer> timer;
  void add(int64_t n = 1) {
    count += n;
    if (timer) timer->cancel();
  }
  awaitable<bool> wait(int64_t target, int64_t timeout_ms) {
    const int64_t deadline = now_us() + timeout_ms * 1000;
    while (count < target && now_us() < deadline) {
      timer.emplace(co_await asio::this_coro::executor, std::chrono::milliseconds(50));
      co_await timer->async_wait(use_tuple);
    }
    co_return count >= target;
  }
};

// Connects many sockets with at most `parallel` handshakes in flight.
awaitable<void> connect_many(int n, int parallel, std::function<awaitable<void>(int)> fn) {
  auto ex = co_await asio::this_coro::executor;
  int next = 0, running = parallel;
  asio::steady_timer done(ex, asio::steady_timer::time_point::max());
  for (int w = 0; w < parallel; ++w)
    asio::co_spawn(
        ex,
        [&]() -> awaitable<void> {
          while (next < n) co_await fn(next++);
          if (--running == 0) done.cancel();
        },
        asio::detached);
  co_await done.async_wait(use_tuple);
}

const std::vector<std::string> kAllPushTypes = {"queue_depth_changed", "session_update",  "agent_status_changed",
                                                "message_created",     "typing_indicator", "queue_updated",
                                                "metrics_updated",     "active_sessions_updated"};
const std::vector<std::string> kSnapshotTypes = {"queue_updated", "metrics_updated", "active_sessions_updated"};

json::array to_json_array(const std::vector<std::string>& v) {
  json::array a;
  for (auto& s : v) a.push_back(json::string(s));
  return a;
}

std::string pad_body(int64_t t, int bytes) {
  std::string b = "lat " + std::to_string(t) + " ";
  while (int(b.size()) < bytes) b.push_back('x');
  return b;
}

int64_t body_time(std::string_view body) {
  if (body.substr(0, 4) != "lat ") return -1;
  return std::strtoll(std::string(body.substr(4, 20)).c_str(), nullptr, 10);
}

// ---------------------------------------------------------------- chat participants (worker side)

struct ChatStats {
  int64_t sent = 0, acked = 0, delivered = 0, delivered_in_window = 0, errors = 0, closed = 0;
  std::map<std::string, int64_t> error_codes;
  std::vector<int64_t> lat_us;
  int64_t window_start = 0, window_end = INT64_MAX;
};

struct CustomerConn {
  Customer c;
  std::shared_ptr<Ws> ws;
  bool authed = false, active = false;
  int64_t last_seq = 0;
  std::vector<uint8_t> seen;  // seen[seq]
  int64_t dups = 0;
  int64_t resumed_us = 0;
  double budget = 0;
  int64_t serial = 0;
};

struct AgentConn {
  Staff s;
  std::shared_ptr<Ws> ws;
  bool authed = false;
  std::vector<int64_t> sessions;
  size_t rr = 0;
  double budget = 0;
  int64_t serial = 0;
};

void count_error(ChatStats& st, std::string_view fr) {
  auto o = parse_obj(fr);
  ++st.errors;
  ++st.error_codes[str_at(obj_at(o, "data"), "code")];
}

void record_delivery(ChatStats& st, const json::object* msg, int64_t now) {
  const int64_t t = body_time(str_at(msg, "body"));
  if (t < 0) return;
  ++st.delivered;
  if (t >= st.window_start && now <= st.window_end) ++st.delivered_in_window;
  st.lat_us.push_back(now - t);
}

void customer_on_frame(CustomerConn& cc, ChatStats& st, Latch& authed, Latch& active, std::string_view type,
                       std::string_view fr) {
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
    if (str_at(msg, "sender_type") == "agent") record_delivery(st, msg, now);
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
    count_error(st, fr);
  }
}

void agent_track_session(AgentConn& a, const json::object* session) {
  if (!session) return;
  const int64_t id = int_at(session, "id");
  const bool mine = str_at(session, "status") == "active" && int_at(obj_at(*session, "agent"), "id") == a.s.id;
  auto it = std::find(a.sessions.begin(), a.sessions.end(), id);
  if (mine && it == a.sessions.end()) a.sessions.push_back(id);
  if (!mine && it != a.sessions.end()) a.sessions.erase(it);
}

void agent_on_frame(AgentConn& a, ChatStats& st, Latch& authed, std::string_view type, std::string_view fr) {
  const int64_t now = now_us();
  if (type == "message_created") {
    auto o = parse_obj(fr);
    auto* msg = obj_at(obj_at(o, "data"), "message");
    if (str_at(msg, "sender_type") == "customer") record_delivery(st, msg, now);
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
    count_error(st, fr);
  }
}

awaitable<bool> connect_customer(CustomerConn& cc, ChatStats& st, Latch& authed, Latch& active) {
  auto ws = std::make_shared<Ws>();
  if (!co_await ws->connect("/api/v1/chat/ws")) co_return false;
  cc.ws = ws;
  cc.authed = false;
  ws->on_frame = [&cc, &st, &authed, &active](std::string_view t, std::string_view f) {
    customer_on_frame(cc, st, authed, active, t, f);
  };
  ws->on_close = [&st] { ++st.closed; };
  ws->start();
  ws->send(frame("auth", json::object{{"token", cc.c.token}, {"last_seq", cc.last_seq}}));
  co_return true;
}

awaitable<bool> connect_agent(AgentConn& a, ChatStats& st, Latch& authed) {
  auto ws = std::make_shared<Ws>();
  if (!co_await ws->connect("/api/v1/agent/ws")) co_return false;
  a.ws = ws;
  ws->on_frame = [&a, &st, &authed](std::string_view t, std::string_view f) { agent_on_frame(a, st, authed, t, f); };
  ws->on_close = [&st] { ++st.closed; };
  ws->start();
  ws->send(frame("auth", json::object{{"token", a.s.token}}));
  co_return true;
}

// Paced senders: every 5 ms each sender adds rate*dt to its budget and sends whole messages.
struct Pacer {
  double customer_rate = 0;         // messages/s per customer
  double agent_rate_per_chat = 0;   // messages/s per chat the agent holds
  int body_bytes = 64;
  bool running = false;
  double agent_conn_rate = -1;  // when >= 0: messages/s per agent connection instead
};

awaitable<void> pace(std::vector<CustomerConn>& cs, std::vector<AgentConn>& as, ChatStats& st, Pacer& p,
                     int worker) {
  auto ex = co_await asio::this_coro::executor;
  asio::steady_timer t(ex);
  int64_t last = now_us();
  while (p.running) {
    t.expires_after(std::chrono::milliseconds(5));
    co_await t.async_wait(use_tuple);
    const int64_t now = now_us();
    const double dt = double(now - last) / 1e6;
    last = now;
    for (size_t i = 0; i < cs.size(); ++i) {
      auto& c = cs[i];
      if (!c.ws || !c.ws->open || !c.authed || !c.active) continue;
      c.budget = std::min(c.budget + p.customer_rate * dt, 3.0);
      while (c.budget >= 1) {
        c.budget -= 1;
        json::object d{{"body", pad_body(now_us(), p.body_bytes)},
                       {"client_msg_id", "w" + std::to_string(worker) + "c" + std::to_string(i) + "-" +
                                             std::to_string(c.serial++)}};
        c.ws->send(frame("send_message", d));
        ++st.sent;
      }
    }
    for (size_t i = 0; i < as.size(); ++i) {
      auto& a = as[i];
      if (!a.ws || !a.ws->open || a.sessions.empty()) continue;
      const double ar = p.agent_conn_rate >= 0 ? p.agent_conn_rate : p.agent_rate_per_chat * double(a.sessions.size());
      a.budget = std::min(a.budget + ar * dt, 3.0);
      while (a.budget >= 1) {
        a.budget -= 1;
        const int64_t sid = a.sessions[a.rr++ % a.sessions.size()];
        json::object d{{"session_id", sid},
                       {"body", pad_body(now_us(), p.body_bytes)},
                       {"client_msg_id", "w" + std::to_string(worker) + "a" + std::to_string(i) + "-" +
                                             std::to_string(a.serial++)}};
        a.ws->send(frame("send_message", d));
        ++st.sent;
      }
    }
  }
}

json::object stats_json(ChatStats& st, bool with_latency) {
  json::object o{{"sent", st.sent},           {"acked", st.acked},   {"delivered", st.delivered},
                 {"delivered_in_window", st.delivered_in_window}, {"errors", st.errors}, {"closed", st.closed},
                 {"cpu_s", cpu_seconds_self()}};
  json::object codes;
  for (auto& [k, v] : st.error_codes) codes[k] = v;
  o["error_codes"] = codes;
  if (with_latency) {
    json::array a;
    a.reserve(st.lat_us.size());
    for (auto v : st.lat_us) a.push_back(v);
    o["lat_us"] = std::move(a);
  }
  return o;
}

template <class T>
std::vector<std::vector<T>> split(const std::vector<T>& v, int parts) {
  std::vector<std::vector<T>> out(static_cast<size_t>(parts));
  for (size_t i = 0; i < v.size(); ++i) out[i % size_t(parts)].push_back(v[i]);
  return out;
}

int64_t sum_field(const std::vector<json::object>& rs, std::string_view k) {
  int64_t s = 0;
  for (auto& r : rs)
    if (auto it = r.find(k); it != r.end() && it->value().is_number()) s += it->value().to_number<int64_t>();
  return s;
}

double sum_double(const std::vector<json::object>& rs, std::string_view k) {
  double s = 0;
  for (auto& r : rs)
    if (auto it = r.find(k); it != r.end() && it->value().is_number()) s += it->value().to_number<double>();
  return s;
}

json::object merge_codes(const std::vector<json::object>& rs) {
  json::object out;
  for (auto& r : rs)
    if (auto* c = obj_at(r, "error_codes"))
      for (auto& kv : *c) {
        int64_t prev = out.contains(kv.key()) ? out[kv.key()].as_int64() : 0;
        out[kv.key()] = prev + kv.value().as_int64();
      }
  return out;
}

std::vector<int64_t> merge_lat(const std::vector<json::object>& rs) {
  std::vector<int64_t> all;
  for (auto& r : rs)
    if (auto it = r.find("lat_us"); it != r.end() && it->value().is_array())
      for (auto& v : it->value().as_array()) all.push_back(v.as_int64());
  return all;
}

// Runs the parent side: an io_context for the orchestration coroutine, then reaps the workers.
void run_parent(std::vector<Worker>& workers, std::function<awaitable<void>(std::vector<std::unique_ptr<LineChannel>>&)> fn) {
  asio::io_context io(1);
  std::vector<std::unique_ptr<LineChannel>> chans;
  for (auto& w : workers) chans.push_back(std::make_unique<LineChannel>(io.get_executor(), w.from_child));
  std::exception_ptr err;
  asio::co_spawn(io, fn(chans), [&](std::exception_ptr e) { err = e; });
  io.run();
  for (auto& w : workers) {
    close(w.to_child);
    int st = 0;
    waitpid(w.pid, &st, 0);
  }
  if (err) std::rethrow_exception(err);
}

// Runs a worker body coroutine on the child's io_context.
void run_child(asio::io_context& io, std::function<awaitable<void>()> fn) {
  asio::co_spawn(io, fn(), [](std::exception_ptr e) {
    if (e) try {
        std::rethrow_exception(e);
      } catch (const std::exception& ex) {
        note(std::string("worker failed: ") + ex.what());
        _exit(3);
      }
  });
  io.run();
}

// ================================================================ scenario: connections

json::object scenario_connections(const Params& p) {
  const int n = int(p.integer("n", 1000));
  const double dash_share = p.num("dashboard-share", 0.1);
  const int hold_s = int(p.integer("hold-s", 30));
  const int workers_n = int(p.integer("workers", 2));
  const bool small = p.str("dashboard-subscribe", "small") == "small";
  const int n_dash = int(std::lround(n * dash_share));
  const int n_cust = n - n_dash;

  std::vector<Customer> customers;
  Staff sup;
  long rss_base = 0;
  {
    asio::io_context io;
    asio::co_spawn(io, [&]() -> awaitable<void> {
      co_await wait_ready();
      Http h;
      auto admin = co_await login(h, "benchadmin", kAdminPass);
      sup = (co_await create_staff(admin.token, 1, "supervisor", "sup"))[0];
      customers = co_await create_customers(n_cust);
    }, asio::detached);
    io.run();
  }
  usleep(500000);
  rss_base = servers_rss_kib();

  auto cust_parts = split(customers, workers_n);
  std::vector<Worker> workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    const int my_dash = n_dash / workers_n + (wi < n_dash % workers_n ? 1 : 0);
    auto my_cust = cust_parts[size_t(wi)];
    workers.push_back(fork_worker(wi, [=](asio::io_context& io, WorkerEnv& env) {
      run_child(io, [&, my_cust]() -> awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        LineChannel ctl(ex, env.ctl_fd);
        ChatStats st;
        Latch authed, active, subscribed;
        std::vector<CustomerConn> cs(my_cust.size());
        for (size_t i = 0; i < cs.size(); ++i) cs[i].c = my_cust[i];
        std::vector<std::shared_ptr<Ws>> dashes;
        int64_t failed = 0, dash_closed = 0;
        const int64_t t0 = now_us();
        co_await connect_many(int(cs.size()), 64, [&](int i) -> awaitable<void> {
          if (!co_await connect_customer(cs[size_t(i)], st, authed, active)) ++failed;
        });
        co_await connect_many(my_dash, 64, [&](int) -> awaitable<void> {
          auto ws = std::make_shared<Ws>();
          if (!co_await ws->connect("/api/v1/admin/chat-dashboard/ws")) {
            ++failed;
            co_return;
          }
          ws->on_frame = [&, w = ws.get()](std::string_view t, std::string_view) {
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
        write_line(env.rep_fd, "ready " + json::serialize(json::object{{"authed", authed.count},
                                                                         {"failed", failed},
                                                                         {"connect_ms", connect_ms}}));
        // Hold: a heartbeat every 25 s per connection, as real clients do, until told to stop.
        bool stop = false;
        asio::co_spawn(ex, [&]() -> awaitable<void> {
          while (!stop) {
            co_await sleep_ms(25000);
            if (stop) break;
            for (auto& c : cs)
              if (c.ws) c.ws->send(frame("heartbeat", {}));
            for (auto& d : dashes) d->send(frame("heartbeat", {}));
          }
        }, asio::detached);
        co_await ctl.read_line();  // "stop"
        stop = true;
        int64_t open = 0;
        for (auto& c : cs) open += c.ws && c.ws->open;
        for (auto& d : dashes) open += d->open;
        write_line(env.rep_fd, "result " + json::serialize(json::object{{"open", open},
                                                                          {"closed", st.closed + dash_closed},
                                                                          {"authed", authed.count},
                                                                          {"failed", failed},
                                                                          {"cpu_s", cpu_seconds_self()}}));
        for (auto& c : cs)
          if (c.ws) c.ws->drop();
        for (auto& d : dashes) d->drop();
        _exit(0);
      });
    }));
  }

  json::object out;
  run_parent(workers, [&](std::vector<std::unique_ptr<LineChannel>>& chans) -> awaitable<void> {
    auto ready = co_await gather(chans, "ready");
    const int64_t authed = sum_field(ready, "authed");
    int64_t connect_ms = 0;
    for (auto& r : ready) connect_ms = std::max(connect_ms, int_at(&r, "connect_ms", 0));
    co_await sleep_ms(1000);
    const long rss_after = servers_rss_kib();
    co_await sleep_ms(int64_t(hold_s) * 1000 - 1000);
    const long rss_end = servers_rss_kib();
    broadcast(workers, "stop");
    auto res = co_await gather(chans, "result");
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

// ================================================================ scenario: chat

json::object scenario_chat(const Params& p) {
  const int n_cust = int(p.integer("customers", 300));
  const int n_agents = int(p.integer("agents", (n_cust + 2) / 3));
  const double rate = p.num("rate", 20000);  // offered messages/s, both directions together
  const int duration_s = int(p.integer("duration-s", 10));
  const int workers_n = int(p.integer("workers", 2));
  const int body_bytes = int(p.integer("body-bytes", 64));

  std::vector<Staff> agents;
  std::vector<Customer> customers;
  {
    asio::io_context io;
    asio::co_spawn(io, [&]() -> awaitable<void> {
      co_await wait_ready();
      Http h;
      auto admin = co_await login(h, "benchadmin", kAdminPass);
      agents = co_await create_staff(admin.token, n_agents, "agent", "agent");
      customers = co_await create_customers(n_cust);
    }, asio::detached);
    io.run();
  }
  const double per_chat_side = rate / 2.0 / double(n_cust);
  auto cust_parts = split(customers, workers_n);
  auto agent_parts = split(agents, workers_n);
  std::vector<Worker> workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    auto my_cust = cust_parts[size_t(wi)];
    auto my_agents = agent_parts[size_t(wi)];
    workers.push_back(fork_worker(wi, [=](asio::io_context& io, WorkerEnv& env) {
      run_child(io, [&, my_cust, my_agents]() -> awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        LineChannel ctl(ex, env.ctl_fd);
        ChatStats st;
        Latch authed, active, agent_authed;
        std::vector<AgentConn> as(my_agents.size());
        for (size_t i = 0; i < as.size(); ++i) as[i].s = my_agents[i];
        std::vector<CustomerConn> cs(my_cust.size());
        for (size_t i = 0; i < cs.size(); ++i) cs[i].c = my_cust[i];
        co_await connect_many(int(as.size()), 16, [&](int i) -> awaitable<void> {
          co_await connect_agent(as[size_t(i)], st, agent_authed);
        });
        co_await agent_authed.wait(int64_t(as.size()), 60000);
        write_line(env.rep_fd, "agents {}");
        co_await ctl.read_line();  // "customers": every agent of every worker is on
        co_await connect_many(int(cs.size()), 32, [&](int i) -> awaitable<void> {
          co_await connect_customer(cs[size_t(i)], st, authed, active);
        });
        co_await active.wait(int64_t(cs.size()), 60000);
        write_line(env.rep_fd, "ready " + json::serialize(json::object{{"active", active.count}}));
        std::string go = co_await ctl.read_line();  // "go <start_us> <end_us>"
        std::istringstream gs(go.substr(3));
        gs >> st.window_start >> st.window_end;
        co_await sleep_until_us(st.window_start);
        Pacer pacer{per_chat_side, per_chat_side, body_bytes, true};
        asio::co_spawn(ex, pace(cs, as, st, pacer, env.index), asio::detached);
        co_await sleep_until_us(st.window_end);
        pacer.running = false;
        co_await ctl.read_line();  // "stop" after the drain
        int64_t sessions = 0;
        for (auto& a : as) sessions += int64_t(a.sessions.size());
        auto r = stats_json(st, true);
        r["agent_sessions"] = sessions;
        write_line(env.rep_fd, "result " + json::serialize(r));
        _exit(0);
      });
    }));
  }
  json::object out;
  const long rss0 = servers_rss_kib();
  run_parent(workers, [&](std::vector<std::unique_ptr<LineChannel>>& chans) -> awaitable<void> {
    co_await gather(chans, "agents");
    broadcast(workers, "customers");
    auto ready = co_await gather(chans, "ready");
    co_await sleep_ms(1000);
    const int64_t start = now_us() + 200000, end = start + int64_t(duration_s) * 1000000;
    const double srv_cpu0 = servers_cpu_seconds();
    broadcast(workers, "go " + std::to_string(start) + " " + std::to_string(end));
    co_await sleep_until_us(end);
    const double srv_cpu = servers_cpu_seconds() - srv_cpu0;
    co_await sleep_ms(3000);  // drain
    broadcast(workers, "stop");
    auto res = co_await gather(chans, "result");
    auto lat = merge_lat(res);
    const int64_t acked = sum_field(res, "acked");
    const int64_t delivered = sum_field(res, "delivered");
    const int64_t in_window = sum_field(res, "delivered_in_window");
    out = json::object{
        {"scenario", "chat"},
        {"params", json::object{{"customers", n_cust}, {"agents", n_agents}, {"offered_rate", rate},
                                {"duration_s", duration_s}, {"workers", workers_n}, {"body_bytes", body_bytes},
                                {"persistence", g_persistence}}},
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
        {"server_rss_kib", servers_rss_kib()},
        {"server_rss_start_kib", rss0},
        {"generator_cpu_s", sum_double(res, "cpu_s")}};
  });
  return out;
}

// ================================================================ scenario: fan-out

json::object scenario_fanout(const Params& p) {
  const int k = int(p.integer("dashboards", 1000));
  const double rate = p.num("rate", 100);
  const int starts = int(p.integer("starts", 500));
  const int workers_n = int(p.integer("workers", 2));
  const std::string mode = p.str("subscribe", "default");
  const bool all = mode == "all";
  // small: the dashboards drop the three snapshot pushes and keep only the small ones.
  const bool small = mode == "small";

  Staff sup;
  {
    asio::io_context io;
    asio::co_spawn(io, [&]() -> awaitable<void> {
      co_await wait_ready();
      Http h;
      auto admin = co_await login(h, "benchadmin", kAdminPass);
      sup = (co_await create_staff(admin.token, 1, "supervisor", "sup"))[0];
    }, asio::detached);
    io.run();
  }
  std::vector<Worker> workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    const int mine = k / workers_n + (wi < k % workers_n ? 1 : 0);
    workers.push_back(fork_worker(wi, [=](asio::io_context& io, WorkerEnv& env) {
      run_child(io, [&]() -> awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        LineChannel ctl(ex, env.ctl_fd);
        Latch authed, subscribed;
        std::vector<std::shared_ptr<Ws>> ds;
        std::vector<int64_t> got(size_t(starts) + 2, 0), last_us(size_t(starts) + 2, 0);
        int64_t closed = 0, frames = 0, bytes = 0, failed = 0;
        std::map<std::string, int64_t> by_type;
        co_await connect_many(mine, 64, [&](int) -> awaitable<void> {
          auto ws = std::make_shared<Ws>();
          if (!co_await ws->connect("/api/v1/admin/chat-dashboard/ws")) {
            ++failed;
            co_return;
          }
          ws->on_frame = [&, w = ws.get()](std::string_view t, std::string_view fr) {
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
        write_line(env.rep_fd, "ready " + json::serialize(json::object{{"authed", authed.count}, {"failed", failed}}));
        co_await ctl.read_line();  // "stop"
        for (auto& d : ds) {
          frames += int64_t(d->frames_in);
          bytes += int64_t(d->bytes_in);
        }
        json::array g, l;
        for (size_t i = 0; i < got.size(); ++i) {
          g.push_back(got[i]);
          l.push_back(last_us[i]);
        }
        json::object types;
        for (auto& [kk, v] : by_type) types[kk] = v;
        int64_t open = 0;
        for (auto& d : ds) open += d->open;
        write_line(env.rep_fd, "result " + json::serialize(json::object{{"got", g}, {"last_us", l}, {"closed", closed},
                                                                         {"open", open}, {"frames", frames},
                                                                         {"bytes", bytes}, {"by_type", types},
                                                                         {"cpu_s", cpu_seconds_self()}}));
        _exit(0);
      });
    }));
  }
  json::object out;
  run_parent(workers, [&](std::vector<std::unique_ptr<LineChannel>>& chans) -> awaitable<void> {
    auto ready = co_await gather(chans, "ready");
    const int64_t authed = sum_field(ready, "authed");
    co_await sleep_ms(1000);
    std::vector<int64_t> post_us(size_t(starts) + 2, 0);
    std::vector<int64_t> depth_of(size_t(starts), -1);
    Http h;
    const int64_t t0 = now_us();
    int64_t failed_posts = 0, late = 0;
    const double cpu0 = servers_cpu_seconds();
    for (int i = 0; i < starts; ++i) {
      const int64_t due = t0 + int64_t(double(i) * 1e6 / rate);
      if (now_us() > due + 1000) ++late;
      co_await sleep_until_us(due);
      const int64_t sent = now_us();
      auto c = co_await start_chat(h, "hello from a benchmark customer");
      if (!c) {
        ++failed_posts;
        continue;
      }
      depth_of[size_t(i)] = i + 1;  // no agent is on: the queue only grows
      post_us[size_t(i) + 1] = sent;
    }
    const double achieved = double(starts) / (double(now_us() - t0) / 1e6);
    co_await sleep_ms(2000);
    const double srv_cpu = servers_cpu_seconds() - cpu0;
    broadcast(workers, "stop");
    auto res = co_await gather(chans, "result");
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
    out = json::object{
        {"scenario", "fanout"},
        {"params", json::object{{"dashboards", k}, {"rate", rate}, {"starts", starts}, {"workers", workers_n},
                                {"subscribe", small ? "small pushes only (snapshots unsubscribed)" : all ? "all push types (incl. message_created, typing, snapshots)"
                                                  : "default (all but message_created, typing_indicator)"}}},
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
        {"server_rss_kib", servers_rss_kib()},
        {"generator_cpu_s", sum_double(res, "cpu_s")}};
  });
  return out;
}

// ================================================================ scenario: storm

json::object scenario_storm(const Params& p) {
  const int n = int(p.integer("n", 10000));
  const int n_agents = int(p.integer("agents", 20));
  const double agent_rate = p.num("agent-rate", 50);        // messages/s per agent connection
  const double customer_rate = p.num("customer-rate", 0.2);  // messages/s per customer
  const int warm_ms = int(p.integer("warm-ms", 3000));
  const int after_ms = int(p.integer("after-ms", 3000));
  const int workers_n = int(p.integer("workers", 4));
  const int reconnect_parallel = int(p.integer("reconnect-parallel", 100000));

  std::vector<Staff> agents;
  Staff sup;
  std::vector<Customer> customers;
  {
    asio::io_context io;
    asio::co_spawn(io, [&]() -> awaitable<void> {
      co_await wait_ready();
      Http h;
      auto admin = co_await login(h, "benchadmin", kAdminPass);
      sup = (co_await create_staff(admin.token, 1, "supervisor", "sup"))[0];
      agents = co_await create_staff(admin.token, n_agents, "agent", "agent");
      customers = co_await create_customers(n);
    }, asio::detached);
    io.run();
  }
  auto cust_parts = split(customers, workers_n);
  auto agent_parts = split(agents, workers_n);
  std::vector<Worker> workers;
  for (int wi = 0; wi < workers_n; ++wi) {
    auto my_cust = cust_parts[size_t(wi)];
    auto my_agents = agent_parts[size_t(wi)];
    workers.push_back(fork_worker(wi, [=](asio::io_context& io, WorkerEnv& env) {
      run_child(io, [&, my_cust, my_agents]() -> awaitable<void> {
        auto ex = co_await asio::this_coro::executor;
        LineChannel ctl(ex, env.ctl_fd);
        ChatStats st;
        Latch authed, active, agent_authed;
        std::vector<AgentConn> as(my_agents.size());
        for (size_t i = 0; i < as.size(); ++i) as[i].s = my_agents[i];
        std::vector<CustomerConn> cs(my_cust.size());
        for (size_t i = 0; i < cs.size(); ++i) cs[i].c = my_cust[i];
        co_await connect_many(int(as.size()), 16, [&](int i) -> awaitable<void> {
          co_await connect_agent(as[size_t(i)], st, agent_authed);
        });
        co_await agent_authed.wait(int64_t(as.size()), 60000);
        write_line(env.rep_fd, "agents {}");
        co_await ctl.read_line();  // "customers": every chat is assigned
        co_await connect_many(int(cs.size()), 64, [&](int i) -> awaitable<void> {
          co_await connect_customer(cs[size_t(i)], st, authed, active);
        });
        co_await active.wait(int64_t(cs.size()), 120000);
        write_line(env.rep_fd, "ready " + json::serialize(json::object{{"active", active.count},
                                                                         {"authed", authed.count}}));
        co_await ctl.read_line();  // "go"
        Pacer pacer{customer_rate, 0, 64, true};
        pacer.agent_conn_rate = agent_rate;  // per agent connection, spread over its chats
        asio::co_spawn(ex, pace(cs, as, st, pacer, env.index), asio::detached);
        std::string drop = co_await ctl.read_line();  // "drop <t_us>"
        const int64_t t_drop = now_us();
        for (auto& c : cs) {
          if (c.ws) c.ws->drop();
          c.authed = false;
        }
        const int64_t before = authed.count;
        int64_t reconnect_failed = 0;
        co_await connect_many(int(cs.size()), reconnect_parallel, [&](int i) -> awaitable<void> {
          if (!co_await connect_customer(cs[size_t(i)], st, authed, active)) ++reconnect_failed;
        });
        const bool all = co_await authed.wait(before + int64_t(cs.size()), 60000);
        int64_t last = 0;
        for (auto& c : cs) last = std::max(last, c.resumed_us);
        write_line(env.rep_fd, "resumed " + json::serialize(json::object{{"all", all},
                                                                           {"resumed", authed.count - before},
                                                                           {"reconnect_failed", reconnect_failed},
                                                                           {"t_drop", t_drop},
                                                                           {"last_us", last}}));
        co_await ctl.read_line();  // "stop"
        pacer.running = false;
        co_await sleep_ms(3000);  // let every acknowledged message arrive
        // Verify: every seq from 1 to the newest stored one seen exactly once.
        int64_t lost = 0, dups = 0, tail = 0;
        co_await parallel_for(int(cs.size()), 4, [&](int i, Http& h) -> awaitable<void> {
          auto& c = cs[size_t(i)];
          for (int64_t s = 1; s <= c.last_seq; ++s)
            if (size_t(s) >= c.seen.size() || !c.seen[size_t(s)]) ++lost;
          dups += c.dups;
          auto r = co_await h.request(http::verb::get,
                                      "/api/v1/chat/sessions/" + std::to_string(c.c.session_id) +
                                          "/messages?after_seq=" + std::to_string(c.last_seq) + "&limit=1000",
                                      std::string(), c.c.token);
          if (r.status == 200) {
            auto n_missing = int64_t(r.body.as_object().at("messages").as_array().size());
            lost += n_missing;
            tail += n_missing;
          } else {
            ++st.errors;
            ++st.error_codes["verify_http_" + std::to_string(r.status)];
          }
        });
        int64_t seqs = 0;
        for (auto& c : cs) seqs += c.last_seq;
        auto r = stats_json(st, false);
        r["lost"] = lost;
        r["duplicated"] = dups;
        r["lost_tail"] = tail;
        r["seqs_checked"] = seqs;
        write_line(env.rep_fd, "result " + json::serialize(r));
        _exit(0);
      });
    }));
  }
  json::object out;
  run_parent(workers, [&](std::vector<std::unique_ptr<LineChannel>>& chans) -> awaitable<void> {
    co_await gather(chans, "agents");
    // Chats beyond the agents' capacity: a supervisor assigns them with force (documented assign).
    Http h;
    auto q = co_await h.request(http::verb::get, "/api/v1/admin/chat-dashboard/sessions/waiting", std::string(), sup.token);
    std::vector<int64_t> waiting;
    if (q.status == 200)
      for (auto& s : q.body.as_object().at("sessions").as_array()) waiting.push_back(s.as_object().at("id").as_int64());
    int64_t assign_failed = 0;
    const int64_t ta = now_us();
    co_await parallel_for(int(waiting.size()), 8, [&](int i, Http& hh) -> awaitable<void> {
      const auto& a = agents[size_t(i) % agents.size()];
      json::object body;
      body["agent_id"] = a.id;
      body["force"] = true;
      std::string target = "/api/v1/chat/sessions/" + std::to_string(waiting[size_t(i)]) + "/assign";
      auto r = co_await hh.request(http::verb::post, target, json::serialize(body), sup.token);
      if (r.status != 200) ++assign_failed;
    });
    note("assigned " + std::to_string(waiting.size()) + " chats in " + std::to_string((now_us() - ta) / 1000) + " ms");
    co_await sleep_ms(500);
    broadcast(workers, "customers");
    auto ready = co_await gather(chans, "ready");
    broadcast(workers, "go");
    co_await sleep_ms(warm_ms);
    const long rss_before = servers_rss_kib();
    broadcast(workers, "drop " + std::to_string(now_us()));
    auto resumed = co_await gather(chans, "resumed");
    int64_t t_drop = INT64_MAX, last = 0;
    bool all = true;
    for (auto& r : resumed) {
      t_drop = std::min(t_drop, int_at(&r, "t_drop", 0));
      last = std::max(last, int_at(&r, "last_us", 0));
      all = all && r.at("all").as_bool();
    }
    co_await sleep_ms(after_ms);
    broadcast(workers, "stop");
    auto res = co_await gather(chans, "result");
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

void usage() {
  std::cerr << R"(usage: livedesk-bench <scenario> --livedesk PATH [options]
scenarios and their options (defaults in brackets):
  connections  --n [1000] --dashboard-share [0.1] --dashboard-subscribe small|default [small] --hold-s [30]
  chat         --customers [300] --agents [ceil(C/3)] --rate [20000] --duration-s [10] --body-bytes [64]
  fanout       --dashboards [1000] --rate [100] --starts [500] --subscribe default|small|all [default]
  storm        --n [10000] --agents [20] --agent-rate [50] --customer-rate [0.2] --warm-ms [3000] --after-ms [3000]
common: --workers N (generator processes) --sources [32] (loopback source addresses 127.0.0.2..)
        --server-threads N --server-args "..." --server-wrapper "..." --log-level [warn] --keep-data 1
cluster: --database postgresql://... --redis redis://... --nodes [1]: N servers on that database and Redis,
        connections spread over them round robin; RSS and CPU are summed over the nodes
Prints one JSON line with the results and the parameters used.
)";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    usage();
    return argc < 2 ? 2 : 0;
  }
  const std::string scenario = argv[1];
  Params p;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || i + 1 >= argc) {
      usage();
      return 2;
    }
    p.v[a.substr(2)] = argv[++i];
  }
  signal(SIGPIPE, SIG_IGN);
  g_src_count = int(p.integer("sources", 32));
  start_server(p);
  json::object result;
  try {
    if (scenario == "connections") result = scenario_connections(p);
    else if (scenario == "chat") result = scenario_chat(p);
    else if (scenario == "fanout") result = scenario_fanout(p);
    else if (scenario == "storm") result = scenario_storm(p);
    else {
      stop_server();
      usage();
      return 2;
    }
  } catch (const std::exception& e) {
    stop_server();
    die(std::string("failed: ") + e.what());
  }
  stop_server();
  rlimit rl{};
  getrlimit(RLIMIT_NOFILE, &rl);
  result["machine"] = json::object{{"cores", sysconf(_SC_NPROCESSORS_ONLN)},
                                   {"memory_gib", std::round(double(sysconf(_SC_PHYS_PAGES)) *
                                                             double(sysconf(_SC_PAGE_SIZE)) / double(1ull << 30))},
                                   {"open_file_limit", uint64_t(rl.rlim_cur)}};
  std::cout << json::serialize(result) << std::endl;
  return 0;
}
