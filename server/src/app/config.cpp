#include "app/config.hpp"

#include <CLI/CLI.hpp>

namespace livedesk::app {

Command parse_command_line(int argc, char** argv) {
  Command command;
  CLI::App app{"livedesk: real-time customer-support chat server"};
  app.require_subcommand(1);

  ServeConfig& serve = command.serve;
  long long token_ttl = serve.token_ttl.count();
  long long header_timeout_ms = serve.header_timeout.count();
  auto* serve_cmd = app.add_subcommand("serve", "Serve the API, the WebSockets and the web app");
  serve_cmd->add_option("--bind", serve.bind, "Address to listen on")->envname("LIVEDESK_BIND")->capture_default_str();
  serve_cmd->add_option("--port", serve.port, "TCP port (0 picks a free one)")->envname("LIVEDESK_PORT")->capture_default_str();
  serve_cmd->add_option("--data-dir", serve.data_dir, "Folder for the database and the token secret")
      ->envname("LIVEDESK_DATA_DIR")->capture_default_str();
  serve_cmd->add_flag("--demo", serve.demo, "Seed demo staff accounts")->envname("LIVEDESK_DEMO");
  serve_cmd->add_option("--web-dir", serve.web_dir, "The web app's build folder")->envname("LIVEDESK_WEB_DIR")->capture_default_str();
  serve_cmd->add_option("--threads", serve.io_threads, "Network threads (0: one per core)")
      ->envname("LIVEDESK_THREADS")->check(CLI::Range(0, 256));
  serve_cmd->add_option("--token-ttl", token_ttl, "Staff token lifetime in seconds")
      ->envname("LIVEDESK_TOKEN_TTL")->check(CLI::Range(60LL, 30LL * 24 * 3600))->capture_default_str();
  serve_cmd->add_option("--header-timeout-ms", header_timeout_ms, "Drop clients whose request headers take longer")
      ->envname("LIVEDESK_HEADER_TIMEOUT_MS")->check(CLI::Range(100LL, 600'000LL))->capture_default_str();
  serve_cmd->add_option("--log-level", serve.log_level, "trace, debug, info, warn, error")
      ->envname("LIVEDESK_LOG_LEVEL")->check(CLI::IsMember({"trace", "debug", "info", "warn", "error"}))
      ->capture_default_str();

  UserAddConfig& user = command.user_add;
  auto* user_cmd = app.add_subcommand("user", "Manage staff accounts");
  user_cmd->require_subcommand(1);
  auto* add_cmd = user_cmd->add_subcommand("add", "Create a staff account");
  add_cmd->add_option("username", user.username, "Login name")->required();
  std::string role_name;
  add_cmd->add_option("--role", role_name, "admin, supervisor or agent")
      ->required()->check(CLI::IsMember({"admin", "supervisor", "agent"}));
  add_cmd->add_option("--name", user.name, "Display name (default: the username)");
  add_cmd->add_flag("--password-stdin", user.password_stdin, "Read the password from standard input")->required();
  add_cmd->add_option("--data-dir", user.data_dir, "Data folder")->envname("LIVEDESK_DATA_DIR")->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    command.exit_code = app.exit(error);
    return command;
  }
  serve.token_ttl = std::chrono::seconds(token_ttl);
  serve.header_timeout = std::chrono::milliseconds(header_timeout_ms);
  if (serve_cmd->parsed()) command.kind = Command::Kind::serve;
  if (add_cmd->parsed()) {
    command.kind = Command::Kind::user_add;
    user.role = *domain::parse_role(role_name);
  }
  return command;
}

}  // namespace livedesk::app
