// The process as a whole: command line, configuration from the environment,
// graceful shutdown with requests in flight, restart, and demo accounts.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"
#include "support/server_process.hpp"

namespace livedesk::it {
namespace {
namespace json = boost::json;

const StaffUser kUser{"grace", "graceful-password-7", "agent", "Grace Hopper"};

// Opens the database file directly, as an operator would.
class Database {
 public:
  explicit Database(const std::filesystem::path& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
      const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw std::runtime_error("cannot open " + path.string() + ": " + message);
    }
  }
  ~Database() { sqlite3_close(db_); }

  // The first column of every row.
  std::vector<std::string> column(const std::string& sql, const std::string& parameter = "") {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    if (!parameter.empty()) sqlite3_bind_text(statement, 1, parameter.c_str(), -1, SQLITE_TRANSIENT);
    std::vector<std::string> rows;
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(statement, 0);
      rows.emplace_back(text ? reinterpret_cast<const char*>(text) : "<null>");
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE) throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    return rows;
  }

 private:
  sqlite3* db_ = nullptr;
};

std::string both(const CliResult& r) { return r.out + r.err; }

TEST(Lifecycle, HelpDescribesTheServeOptions) {
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"}, {"serve", "--help"}}) {
    const auto result = run_cli(args);
    const std::string shown = args.size() == 1 ? "livedesk --help" : "livedesk serve --help";
    EXPECT_EQ(result.exit_code, 0) << shown << "\n" << both(result);
    for (const char* option : {"--port", "--data-dir", "--bind", "--demo"})
      EXPECT_NE(both(result).find(option), std::string::npos) << shown << " does not mention " << option << "\n"
                                                              << both(result);
  }
}

TEST(Lifecycle, UnknownFlagsFail) {
  TempDir temp;
  const std::string dir = temp.path().string();
  const std::vector<std::vector<std::string>> commands{
      {"--no-such-flag"},
      {"serve", "--no-such-flag", "--port", "0", "--bind", "127.0.0.1", "--data-dir", dir, "--web-dir", dir},
      {"user", "add", "someone", "--role", "agent", "--password-stdin", "--data-dir", dir, "--no-such-flag"},
  };
  for (const auto& args : commands) {
    const auto result = run_cli(args, "some-password\n");
    std::string shown;
    for (const auto& arg : args) shown += arg + " ";
    EXPECT_NE(result.exit_code, 0) << shown << "\n" << both(result);
    EXPECT_FALSE(result.err.empty()) << shown << ": no reason on stderr";
  }
}

TEST(Lifecycle, ConfigurationFromEnvironmentVariables) {
  TempDir data;
  TempDir web;
  write_file(web.path() / "index.html", "<p>from LIVEDESK_WEB_DIR</p>");
  ServerProcess server({.users = {kUser},
                        .env = {{"LIVEDESK_PORT", "0"},
                                {"LIVEDESK_BIND", "127.0.0.1"},
                                {"LIVEDESK_DATA_DIR", data.path().string()},
                                {"LIVEDESK_WEB_DIR", web.path().string()},
                                {"LIVEDESK_TOKEN_TTL", "3600"},
                                {"LIVEDESK_HEADER_TIMEOUT_MS", "5000"}},
                        .data_dir = data.path(),
                        .pass_port_flags = false});
  const auto listening = server.log_messages("listening");
  ASSERT_EQ(listening.size(), 1u) << server.logs();
  EXPECT_EQ(listening[0].at("address"), json::value("127.0.0.1")) << server.logs();

  const auto result = login_request(server.port(), kUser.username, kUser.password);
  ASSERT_TRUE(HasStatus(result, 200));
  EXPECT_EQ(result.object().at("expires_in").to_number<std::int64_t>(), 3600);
  const auto page = request(server.port(), "GET", "/");
  ASSERT_TRUE(HasStatus(page, 200));
  EXPECT_EQ(page.body, "<p>from LIVEDESK_WEB_DIR</p>");
  EXPECT_TRUE(std::filesystem::exists(data.path() / "livedesk.db"));
  EXPECT_EQ(server.stop(), 0) << server.logs();
}

TEST(Lifecycle, SigtermWithLoginsInFlightShutsDownCleanlyAndKeepsTheData) {
  TempDir data;
  constexpr int kThreads = 4;
  std::vector<std::vector<HttpResult>> results(kThreads);
  {
    ServerProcess server({.users = {kUser}, .args = {"--header-timeout-ms", "600000"}, .data_dir = data.path()});
    const unsigned short port = server.port();
    login(port, kUser.username, kUser.password);

    // An idle client must not hold the shutdown up.
    RawConnection idle(port);
    ASSERT_TRUE(idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));

    std::mutex mutex;
    std::condition_variable changed;
    int warmed_up = 0;
    std::atomic<bool> server_gone{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; !server_gone; ++i) {
          auto result = try_request(port, "POST", "/api/v1/auth/login", login_body(kUser.username, kUser.password));
          const bool complete = result.complete();
          results[t].push_back(std::move(result));
          if (i == 0) {
            std::lock_guard lock(mutex);
            ++warmed_up;
            changed.notify_all();
          }
          if (!complete) break;  // the server is closing or gone
        }
      });
    }
    {
      std::unique_lock lock(mutex);
      changed.wait(lock, [&] { return warmed_up == kThreads; });
    }
    // Every thread is now in its loop, most of them with a request in flight.
    const int status = server.stop(SIGTERM);
    server_gone = true;
    for (auto& thread : threads) thread.join();

    EXPECT_EQ(status, 0) << server.logs();
    EXPECT_EQ(server.log_messages("stopped").size(), 1u) << server.logs();
    EXPECT_TRUE(idle.wait_closed(std::chrono::seconds(10))) << "the idle connection outlived the server";
  }

  int answered = 0;
  int refused = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (const auto& result : results[t]) {
      EXPECT_FALSE(result.truncated) << "thread " << t << ": truncated response\n" << result.describe();
      if (!result.complete()) {
        ++refused;
        continue;
      }
      ++answered;
      // A complete answer is either the login or a proper error (such as 503 while stopping).
      if (result.status == 200) {
        EXPECT_TRUE(result.json && result.json->is_object() && result.json->as_object().contains("access_token"))
            << result.describe();
      } else {
        EXPECT_TRUE(HasErrorShape(result)) << result.describe();
        EXPECT_NE(result.status, 500) << result.describe();
      }
    }
  }
  EXPECT_GE(answered, kThreads) << "every thread completed a login before the signal";
  RecordProperty("answered", answered);
  RecordProperty("connection_errors", refused);

  {
    Database db(data.path() / "livedesk.db");
    EXPECT_EQ(db.column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
    EXPECT_EQ(db.column("SELECT role FROM staff_users WHERE username = ?", kUser.username),
              std::vector<std::string>{"agent"});
  }

  // Restart on the same data dir: the account and its password are still there.
  ServerProcess again({.data_dir = data.path()});
  const auto result = login_request(again.port(), kUser.username, kUser.password);
  ASSERT_TRUE(HasStatus(result, 200));
  EXPECT_EQ(result.object().at("user").at("name"), json::value(kUser.name));
  EXPECT_TRUE(IsError(login_request(again.port(), kUser.username, "not-the-password"), 401, "invalid_credentials"));
  EXPECT_EQ(again.stop(), 0) << again.logs();
}

TEST(Lifecycle, SigintAlsoShutsDownCleanly) {
  ServerProcess server({.users = {kUser}});
  login(server.port(), kUser.username, kUser.password);
  EXPECT_EQ(server.stop(SIGINT), 0) << server.logs();
  EXPECT_EQ(server.log_messages("stopped").size(), 1u) << server.logs();
  Database db(server.database_path());
  EXPECT_EQ(db.column("PRAGMA integrity_check"), std::vector<std::string>{"ok"});
}

TEST(Lifecycle, DemoAccountsAreLoggedAndCanLogIn) {
  TempDir data;
  std::vector<std::pair<std::string, std::string>> credentials;
  {
    ServerProcess server({.args = {"--demo"}, .data_dir = data.path()});
    const auto accounts = server.log_messages("demo_account");
    ASSERT_FALSE(accounts.empty()) << server.logs();
    bool dashboard_capable = false;
    for (const auto& account : accounts) {
      ASSERT_TRUE(account.contains("username") && account.at("username").is_string()) << json::serialize(account);
      ASSERT_TRUE(account.contains("password") && account.at("password").is_string()) << json::serialize(account);
      const std::string username(account.at("username").as_string());
      const std::string password(account.at("password").as_string());
      credentials.emplace_back(username, password);
      const auto result = login_request(server.port(), username, password);
      ASSERT_TRUE(HasStatus(result, 200)) << username;
      const auto& role = result.object().at("user").at("role");
      if (account.contains("role")) {
        EXPECT_EQ(role, account.at("role")) << username;
      }
      if (role == json::value("admin") || role == json::value("supervisor")) dashboard_capable = true;
    }
    EXPECT_TRUE(dashboard_capable) << "no demo account can open the dashboard\n" << server.logs();
    EXPECT_EQ(server.stop(), 0) << server.logs();
  }
  {
    // Seeding again on the same data dir starts fine.
    ServerProcess again({.args = {"--demo"}, .data_dir = data.path()});
    EXPECT_TRUE(HasStatus(request(again.port(), "GET", "/healthz"), 200));
    EXPECT_EQ(again.stop(), 0) << again.logs();
  }
  // Without --demo no such account exists.
  ServerProcess plain;
  EXPECT_TRUE(plain.log_messages("demo_account").empty()) << plain.logs();
  for (const auto& [username, password] : credentials)
    EXPECT_TRUE(IsError(login_request(plain.port(), username, password), 401, "invalid_credentials")) << username;
}

}  // namespace
}  // namespace livedesk::it
