#include "net/leader_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>
#include <deque>
#include <map>
#include <thread>

#include "support/json_log.hpp"

namespace livedesk::net {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace json = boost::json;
using tcp = asio::ip::tcp;

namespace {
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

struct Endpoint {
  std::string host;
  std::string port;
  bool operator<(const Endpoint& other) const { return std::tie(host, port) < std::tie(other.host, other.port); }
};

std::optional<Endpoint> endpoint_of(const std::string& url) {
  auto parsed = boost::urls::parse_uri(url);
  if (!parsed || parsed->scheme() != "http" || parsed->host().empty()) return std::nullopt;
  return Endpoint{std::string(parsed->host()), parsed->has_port() ? std::string(parsed->port()) : "80"};
}
}  // namespace

struct LeaderClient::State {
  LeaderClientOptions options;
  asio::io_context io{1};
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  std::map<Endpoint, std::deque<beast::tcp_stream>> idle;  // touched only on the io thread
  std::thread thread;

  explicit State(LeaderClientOptions o) : options(std::move(o)) {
    thread = std::thread([this] { io.run(); });
  }

  // One exchange on `stream`; false when the connection failed before an answer.
  asio::awaitable<bool> exchange(beast::tcp_stream& stream, const http::request<http::string_body>& request,
                                 http::response<http::string_body>& response) {
    stream.expires_after(options.timeout);
    auto [write_ec, written] = co_await http::async_write(stream, request, use_tuple);
    if (write_ec) co_return false;
    beast::flat_buffer buffer;
    auto [read_ec, read] = co_await http::async_read(stream, buffer, response, use_tuple);
    co_return !read_ec;
  }

  asio::awaitable<void> run_call(Endpoint endpoint, std::string body,
                                 std::function<void(std::optional<json::value>)> reply) {
    http::request<http::string_body> request{http::verb::post, "/internal/v1/cluster/call", 11};
    request.set(http::field::host, endpoint.host + ":" + endpoint.port);
    request.set(http::field::authorization, "Bearer " + options.cluster_key);
    request.set(http::field::content_type, "application/json");
    request.keep_alive(true);
    request.body() = std::move(body);
    request.prepare_payload();

    http::response<http::string_body> response;
    bool answered = false;
    std::optional<beast::tcp_stream> stream;
    auto& pool = idle[endpoint];
    if (!pool.empty()) {
      stream.emplace(std::move(pool.front()));
      pool.pop_front();
      answered = co_await exchange(*stream, request, response);
      if (!answered) stream.reset();  // a keep-alive the leader had closed: retry on a fresh one
    }
    if (!answered) {
      tcp::resolver resolver(io);
      auto [resolve_ec, results] = co_await resolver.async_resolve(endpoint.host, endpoint.port, use_tuple);
      if (resolve_ec) co_return reply(std::nullopt);
      stream.emplace(io);
      stream->expires_after(options.timeout);
      auto [connect_ec, connected] = co_await stream->async_connect(results, use_tuple);
      if (connect_ec) co_return reply(std::nullopt);
      stream->socket().set_option(tcp::no_delay(true));
      answered = co_await exchange(*stream, request, response);
      if (!answered) co_return reply(std::nullopt);
    }
    if (response.keep_alive() && pool.size() < options.max_idle_connections) {
      stream->expires_never();
      pool.push_back(std::move(*stream));
    }
    if (response.result() != http::status::ok) {
      support::log_event(spdlog::level::warn, "leader_call_refused",
                         {{"status", response.result_int()}, {"body", response.body().substr(0, 200)}});
      co_return reply(std::nullopt);
    }
    boost::system::error_code ec;
    auto value = json::parse(response.body(), ec);
    if (ec) co_return reply(std::nullopt);
    reply(std::move(value));
  }
};

LeaderClient::LeaderClient(LeaderClientOptions options, LeaderDirectory directory, service::LeaderLink& local)
    : state_(std::make_unique<State>(std::move(options))), directory_(std::move(directory)), local_(local) {}

LeaderClient::~LeaderClient() { stop(); }

void LeaderClient::stop() {
  if (!state_->thread.joinable()) return;
  state_->work.reset();
  asio::post(state_->io, [s = state_.get()] {
    s->idle.clear();  // closes the idle connections so run() can return
  });
  state_->thread.join();
}

void LeaderClient::call(std::string_view op, json::value request,
                        std::function<void(std::optional<json::value>)> reply) {
  if (directory_.self_leading()) {
    return local_.call(op, std::move(request), std::move(reply));
  }
  auto url = directory_.leader_url();
  auto endpoint = url ? endpoint_of(*url) : std::nullopt;
  if (!endpoint) return reply(std::nullopt);
  std::string body = json::serialize(json::object{{"op", op}, {"request", std::move(request)}});
  asio::co_spawn(state_->io, state_->run_call(std::move(*endpoint), std::move(body), std::move(reply)), asio::detached);
}

}  // namespace livedesk::net
