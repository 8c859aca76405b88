#include "support/webhook_receiver.hpp"

#include <sodium.h>

#include <boost/asio.hpp>
#include <boost/beast.hpp>
#include <boost/json.hpp>
#include <random>
#include <sstream>

namespace livedesk::it {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

struct WebhookReceiver::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  mutable std::mutex mutex;
  std::vector<ReceivedHook> received;
  ReceiverBehaviour behaviour;
  std::mt19937_64 random;
  std::atomic<bool> stopping{false};
  std::vector<std::thread> threads;
  std::thread accepting;

  void serve(tcp::socket socket) {
    beast::error_code ec;
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      http::read(socket, buffer, request, ec);
      if (ec) return;
      ReceivedHook hook;
      hook.event_id = std::string(request["Livedesk-Event-Id"]);
      hook.signature = std::string(request["Livedesk-Signature"]);
      hook.user_agent = std::string(request[http::field::user_agent]);
      hook.content_type = std::string(request[http::field::content_type]);
      hook.body = request.body();
      hook.at = std::chrono::steady_clock::now();
      boost::system::error_code parse_error;
      auto parsed = boost::json::parse(hook.body, parse_error);
      if (!parse_error && parsed.is_object())
        if (auto* p = parsed.as_object().if_contains("position"); p && p->is_int64()) hook.position = p->as_int64();
      ReceiverBehaviour b;
      double roll;
      {
        std::lock_guard lock(mutex);
        b = behaviour;
        roll = std::uniform_real_distribution<double>(0, 1)(random);
      }
      http::response<http::string_body> response{http::status::ok, request.version()};
      response.set(http::field::content_type, "text/plain");
      hook.answer = "ok";
      if (roll < b.fail) {
        hook.answer = "failed";
        response.result(roll < b.fail / 2 ? http::status::internal_server_error : http::status::service_unavailable);
      } else if (roll < b.fail + b.hang) {
        hook.answer = "hung";
      } else if (roll < b.fail + b.hang + b.slow) {
        hook.answer = "slow";
      } else if (roll < b.fail + b.hang + b.slow + b.oversized) {
        hook.answer = "oversized";
        response.body() = std::string(200 * 1024, 'x');
      }
      {
        std::lock_guard lock(mutex);
        received.push_back(hook);
      }
      if (hook.answer == "hung") std::this_thread::sleep_for(b.hang_for);
      if (hook.answer == "slow") std::this_thread::sleep_for(b.slow_for);
      response.prepare_payload();
      http::write(socket, response, ec);
      if (ec || stopping) return;
    }
  }
};

WebhookReceiver::WebhookReceiver(ReceiverBehaviour behaviour, std::uint64_t seed) : impl_(std::make_unique<Impl>()) {
  impl_->behaviour = behaviour;
  impl_->random.seed(seed);
  tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(asio::socket_base::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->accepting = std::thread([impl = impl_.get()] {
    for (;;) {
      beast::error_code ec;
      tcp::socket socket(impl->io);
      impl->acceptor.accept(socket, ec);
      if (ec || impl->stopping) return;
      std::lock_guard lock(impl->mutex);
      impl->threads.emplace_back([impl, s = std::move(socket)]() mutable { impl->serve(std::move(s)); });
    }
  });
}

WebhookReceiver::~WebhookReceiver() {
  impl_->stopping = true;
  // A connection to ourselves wakes the blocking accept.
  beast::error_code ec;
  tcp::socket poke(impl_->io);
  poke.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ec);
  impl_->accepting.join();
  impl_->acceptor.close(ec);
  std::vector<std::thread> threads;
  {
    std::lock_guard lock(impl_->mutex);
    threads.swap(impl_->threads);
  }
  // Connections end when livedesk (the client) closes them; its process is gone by now.
  for (auto& t : threads) t.join();
}

std::string WebhookReceiver::url(const std::string& path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + path;
}

std::vector<ReceivedHook> WebhookReceiver::received() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

std::set<std::string> WebhookReceiver::delivered_ids() const {
  std::set<std::string> ids;
  for (const auto& hook : received())
    if (hook.answer == "ok" || hook.answer == "slow" || hook.answer == "oversized") ids.insert(hook.event_id);
  return ids;
}

bool WebhookReceiver::wait_until(const std::function<bool(const std::vector<ReceivedHook>&)>& pred,
                                 std::chrono::milliseconds deadline) const {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (std::chrono::steady_clock::now() < until) {
    if (pred(received())) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return pred(received());
}

void WebhookReceiver::set_behaviour(ReceiverBehaviour behaviour) {
  std::lock_guard lock(impl_->mutex);
  impl_->behaviour = behaviour;
}

std::string hmac_hex(const std::string& key, const std::string& message) {
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[2 * sizeof mac + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

std::string verify_webhook(const std::string& secret, const std::string& signature_header, const std::string& body,
                           const std::string& event_id, std::int64_t now_unix_seconds, std::set<std::string>& seen,
                           std::int64_t tolerance_seconds) {
  std::optional<std::int64_t> t;
  std::vector<std::string> v1;
  std::stringstream parts(signature_header);
  for (std::string part; std::getline(parts, part, ',');) {
    const auto eq = part.find('=');
    if (eq == std::string::npos) return "malformed";
    const auto key = part.substr(0, eq), value = part.substr(eq + 1);
    if (key == "t") {
      try {
        t = std::stoll(value);
      } catch (const std::exception&) {
        return "malformed";
      }
    } else if (key == "v1") {
      v1.push_back(value);
    }
  }
  if (!t || v1.empty()) return "malformed";
  const auto expected = hmac_hex(secret, std::to_string(*t) + "." + body);
  const bool matches = std::any_of(v1.begin(), v1.end(), [&](const std::string& candidate) {
    return candidate.size() == expected.size() &&
           sodium_memcmp(candidate.data(), expected.data(), expected.size()) == 0;
  });
  if (!matches) return "forged";
  if (std::llabs(now_unix_seconds - *t) > tolerance_seconds) return "expired";
  if (!seen.insert(event_id + " " + std::to_string(*t)).second) return "replayed";
  return "ok";
}

}  // namespace livedesk::it
