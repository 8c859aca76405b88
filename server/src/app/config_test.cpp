// The command line of `livedesk serve` and `livedesk user add`, and the
// LIVEDESK_* environment twins of the serve flags.
#include "app/config.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

using namespace livedesk::app;

namespace {
Command parse(std::vector<std::string> words) {
  words.insert(words.begin(), "livedesk");
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  return parse_command_line(int(argv.size()), argv.data());
}

// Sets an environment variable for one test and removes it after.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
  ~ScopedEnv() { ::unsetenv(name_); }

 private:
  const char* name_;
};
}  // namespace

TEST(ConfigTest, ServeDefaults) {
  const Command command = parse({"serve"});
  ASSERT_EQ(command.kind, Command::Kind::serve);
  EXPECT_EQ(command.serve.bind, "127.0.0.1");
  EXPECT_EQ(command.serve.port, 8000);
  EXPECT_EQ(command.serve.timezone, "UTC");
  EXPECT_EQ(command.serve.token_ttl, std::chrono::hours(12));
  EXPECT_EQ(command.serve.tick, std::chrono::milliseconds(1000));
  EXPECT_FALSE(command.serve.demo);
}

TEST(ConfigTest, ServeFlags) {
  const Command command = parse({"serve", "--port", "0", "--demo", "--timezone", "Europe/Berlin", "--tick-ms", "50",
                                 "--token-ttl", "600", "--database", "postgresql://u@h:5432/d"});
  ASSERT_EQ(command.kind, Command::Kind::serve);
  EXPECT_EQ(command.serve.port, 0);
  EXPECT_TRUE(command.serve.demo);
  EXPECT_EQ(command.serve.timezone, "Europe/Berlin");
  EXPECT_EQ(command.serve.tick, std::chrono::milliseconds(50));
  EXPECT_EQ(command.serve.token_ttl, std::chrono::seconds(600));
  EXPECT_EQ(command.serve.database_url, "postgresql://u@h:5432/d");
}

TEST(ConfigTest, EnvironmentTwinLosesToTheFlag) {
  ScopedEnv port("LIVEDESK_PORT", "9100");
  ScopedEnv zone("LIVEDESK_TIMEZONE", "Asia/Tokyo");
  EXPECT_EQ(parse({"serve"}).serve.port, 9100);
  EXPECT_EQ(parse({"serve"}).serve.timezone, "Asia/Tokyo");
  EXPECT_EQ(parse({"serve", "--port", "9200"}).serve.port, 9200);
}

TEST(ConfigTest, OutOfRangeIsAUsageError) {
  for (const auto& words : std::vector<std::vector<std::string>>{{"serve", "--tick-ms", "1"},
                                                                  {"serve", "--threads", "1000"},
                                                                  {"serve", "--log-level", "loud"},
                                                                  {"serve", "--no-such-flag"},
                                                                  {}}) {
    const Command command = parse(words);
    EXPECT_EQ(command.kind, Command::Kind::exit);
    EXPECT_NE(command.exit_code, 0);
  }
}

TEST(ConfigTest, UserAdd) {
  const Command command = parse({"user", "add", "ana", "--role", "supervisor", "--name", "Ana", "--password-stdin"});
  ASSERT_EQ(command.kind, Command::Kind::user_add);
  EXPECT_EQ(command.user_add.username, "ana");
  EXPECT_EQ(command.user_add.role, livedesk::domain::Role::supervisor);
  EXPECT_EQ(command.user_add.name, "Ana");
  EXPECT_TRUE(command.user_add.password_stdin);
}

TEST(ConfigTest, UserAddNeedsARoleAndThePasswordOnStdin) {
  EXPECT_EQ(parse({"user", "add", "ana", "--password-stdin"}).kind, Command::Kind::exit);
  EXPECT_EQ(parse({"user", "add", "ana", "--role", "agent"}).kind, Command::Kind::exit);
  EXPECT_EQ(parse({"user", "add", "ana", "--role", "boss", "--password-stdin"}).kind, Command::Kind::exit);
}

TEST(ConfigTest, MetricsBindAndToken) {
  const Command off = parse({"serve"});
  EXPECT_TRUE(off.serve.metrics_bind.empty());
  EXPECT_TRUE(off.serve.metrics_token.empty());
  const Command on = parse({"serve", "--metrics-bind", "127.0.0.1:9100", "--metrics-token", "0123456789abcdef"});
  ASSERT_EQ(on.kind, Command::Kind::serve);
  EXPECT_EQ(on.serve.metrics_bind, "127.0.0.1:9100");
  EXPECT_EQ(on.serve.metrics_token, "0123456789abcdef");
  EXPECT_EQ(parse({"serve", "--metrics-bind", "9100"}).kind, Command::Kind::exit);
  EXPECT_EQ(parse({"serve", "--metrics-token", "short"}).kind, Command::Kind::exit);
  ScopedEnv env("LIVEDESK_METRICS_BIND", "[::1]:0");
  EXPECT_EQ(parse({"serve"}).serve.metrics_bind, "[::1]:0");
}

TEST(ConfigTest, ParseHostPort) {
  auto v4 = parse_host_port("0.0.0.0:9100");
  ASSERT_TRUE(v4);
  EXPECT_EQ(v4->host, "0.0.0.0");
  EXPECT_EQ(v4->port, 9100);
  auto v6 = parse_host_port("[::1]:0");
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
  for (const char* bad : {"", ":9100", "host:", "host", "::1:9100", "[::1:9100", "host:65536", "host:9x"})
    EXPECT_FALSE(parse_host_port(bad)) << bad;
}
