#include "scenarios/scenario_setup.hpp"

#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>

#include "async/concurrency.hpp"
#include "async/timing.hpp"
#include "process/fatal.hpp"
#include "process/server_under_test.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace json = boost::json;
using asio::awaitable;

namespace {
constexpr const char* kStaffPassword = "bench-staff-password-1";

awaitable<void> wait_ready() {
  auto h = http_connection();
  for (int i = 0; i < 600; ++i) {
    auto r = co_await h.request(http::verb::get, "/readyz");
    if (r.status == 200) co_return;
    h.close();
    co_await sleep_ms(100);
  }
  die("server did not become ready");
}

awaitable<Staff> login(HttpConnection& h, const std::string& user, const std::string& pass) {
  json::object b{{"username", user}, {"password", pass}};
  auto r = co_await h.request(http::verb::post, "/api/v1/auth/login", json::serialize(b));
  if (r.status != 200) die("login failed for " + user + ": " + std::to_string(r.status));
  auto& o = r.object();
  co_return Staff{o.at("user").as_object().at("id").as_int64(), std::string(o.at("access_token").as_string())};
}

awaitable<std::vector<Staff>> create_staff(const std::string& admin_token, int n, const std::string& role,
                                           const std::string& prefix) {
  std::vector<Staff> out(static_cast<size_t>(n));
  // Argon2id runs on the server's one crypto thread; two requests in flight keep it busy.
  co_await parallel_for(n, 2, [&](int i, HttpConnection& h) -> awaitable<void> {
    const std::string name = prefix + std::to_string(i);
    json::object b{{"username", name}, {"password", kStaffPassword}, {"role", role}, {"name", "Bench " + name}};
    auto r = co_await h.request(http::verb::post, "/api/v1/admin/users", json::serialize(b), admin_token);
    if (r.status != 201) die("create user failed: " + std::to_string(r.status) + " " + r.body);
    out[size_t(i)] = co_await login(h, name, kStaffPassword);
  });
  co_return out;
}

awaitable<std::vector<Customer>> create_customers(int n) {
  std::vector<Customer> out(static_cast<size_t>(n));
  co_await parallel_for(n, 8, [&](int i, HttpConnection& h) -> awaitable<void> {
    auto c = co_await start_chat(h);
    if (!c) die("POST /api/v1/chat/sessions failed");
    out[size_t(i)] = *c;
  });
  co_return out;
}
}  // namespace

Cast set_up_cast(const CastRequest& request) {
  Cast cast;
  asio::io_context io;
  asio::co_spawn(
      io,
      [&]() -> awaitable<void> {
        co_await wait_ready();
        auto h = http_connection();
        auto admin = co_await login(h, ServerUnderTest::kAdminUser, ServerUnderTest::kAdminPassword);
        if (request.supervisor) cast.supervisor = (co_await create_staff(admin.token, 1, "supervisor", "sup"))[0];
        if (request.agents > 0) cast.agents = co_await create_staff(admin.token, request.agents, "agent", "agent");
        if (request.customers > 0) cast.customers = co_await create_customers(request.customers);
      },
      asio::detached);
  io.run();
  return cast;
}

awaitable<std::optional<Customer>> start_chat(HttpConnection& h, const std::string& first_message) {
  static int serial = 0;  // unique emails within this process; the pid makes them unique across workers
  const int k = serial++;
  json::object b{{"name", "Customer " + std::to_string(k)},
                 {"email", "c" + std::to_string(k) + "-" + std::to_string(getpid()) + "@bench.example"},
                 {"subject", "bench"}};
  if (!first_message.empty()) b["message"] = first_message;
  auto r = co_await h.request(http::verb::post, "/api/v1/chat/sessions", json::serialize(b));
  if (r.status != 201) co_return std::nullopt;
  auto& o = r.object();
  co_return Customer{o.at("session_id").as_int64(), std::string(o.at("customer_token").as_string())};
}

}  // namespace livedesk::bench
