// `livedesk-bench seed`: a realistic history written straight into a database (seed/), then the
// search projection rebuilt by the server's own command. The staff accounts go through the Store
// (as `livedesk user add` would make them); the bulk rows through the SeedSink (seed/seed_sink.hpp).
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>

#include "auth/password_hasher.hpp"
#include "process/fatal.hpp"
#include "scenarios/scenarios.hpp"
#include "seed/history_generator.hpp"
#include "seed/postgres_seed_sink.hpp"
#include "seed/seed_random.hpp"
#include "seed/seed_vocabulary.hpp"
#include "seed/sqlite_seed_sink.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"

namespace livedesk::bench {
namespace json = boost::json;
namespace fs = std::filesystem;

namespace {
constexpr const char* kStaffPassword = "seed-staff-password-1";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::round(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() * 100) / 100;
}

// The end of the history: the last millisecond of --until (default yesterday, UTC), so that one
// --seed and --until always give the same rows.
int64_t end_ms_of(const std::string& until) {
  if (until.empty()) return (int64_t(std::time(nullptr)) / 86400) * 86400 * 1000 - 1;
  std::tm tm{};
  if (!strptime(until.c_str(), "%Y-%m-%d", &tm)) die("--until must be YYYY-MM-DD");
  return (int64_t(timegm(&tm)) + 86400) * 1000 - 1;
}

struct SeededStaff {
  std::vector<SeedStaff> agents, supervisors;
  SeedStaff admin;
};

// seed-admin, seed-sup0.., seed-agent0.., all with kStaffPassword (hashed once: Argon2id is slow on purpose).
SeededStaff create_staff(store::Store& s, const SeedOptions& options) {
  const auto& english = seed_vocabulary().languages[0];
  SeedRandom rng(options.seed + 99);
  const std::string hash = auth::hash_password(kStaffPassword);
  const int64_t created_ms = 1000 * int64_t(std::time(nullptr));
  SeededStaff staff;
  auto add = [&](const std::string& username, domain::Role role) {
    const std::string name = rng.pick(english.first_names) + " " + rng.pick(english.last_names);
    const int64_t id = s.accounts().create(store::NewStaffUser{username, name, role, hash, created_ms});
    return SeedStaff{id, name};
  };
  s.run_in_transaction([&](store::Store&) {
    staff.admin = add("seed-admin", domain::Role::admin);
    for (int i = 0; i < options.supervisors; ++i)
      staff.supervisors.push_back(add("seed-sup" + std::to_string(i), domain::Role::supervisor));
    for (int i = 0; i < options.agents; ++i)
      staff.agents.push_back(add("seed-agent" + std::to_string(i), domain::Role::agent));
  });
  return staff;
}

// `livedesk search rebuild` (api.md) on the same database: {"ran", "exit_code", "seconds"}.
json::object rebuild_search(const std::string& livedesk, const ServerOptions& server) {
  std::vector<std::string> args{livedesk, "search", "rebuild"};
  if (server.database.empty()) {
    args.insert(args.end(), {"--data-dir", server.data_dir});
  } else {
    args.insert(args.end(), {"--database", server.database});
  }
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(2, 1);  // its output is progress, not our JSON line
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(livedesk.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  json::object o{{"ran", true}, {"exit_code", code}, {"seconds", seconds_since(start)}};
  if (code != 0) {
    o["note"] = "search rebuild failed (exit " + std::to_string(code) +
                "); the search index is not ready";
  }
  return o;
}
}  // namespace

json::object run_seed(const SeedOptions& options, const ServerOptions& server) {
  const bool postgres = !server.database.empty();
  if (!postgres && server.data_dir.empty()) die("seed needs --data-dir DIR (SQLite) or --database postgresql://...");
  if (options.conversations < 1 || options.contacts < 1 || options.agents < 1 || options.batch < 1)
    die("--conversations, --contacts, --agents and --batch must be positive");
  const auto start = std::chrono::steady_clock::now();

  // Open the Store first: it creates the file or schema and applies the migrations.
  std::unique_ptr<store::Store> s;
  if (postgres) {
    s = store::open_postgres_store(server.database);
  } else {
    fs::create_directories(server.data_dir);
    s = store::open_sqlite_store(fs::path(server.data_dir) / "livedesk.db");
  }
  std::unique_ptr<SeedSink> sink;
  if (postgres) {
    sink = std::make_unique<PostgresSeedSink>(server.database);
  } else {
    sink = std::make_unique<SqliteSeedSink>(fs::path(server.data_dir) / "livedesk.db");
  }
  if (!sink->history_is_empty()) die("the database already has contacts or conversations; seed an empty one");
  if (s->accounts().find_by_username("seed-admin")) die("the database already has the seed's accounts");
  const SeededStaff staff = create_staff(*s, options);
  s.reset();
  const double staff_s = seconds_since(start);

  HistoryPlan plan;
  plan.conversations = options.conversations;
  plan.messages = options.messages;
  plan.contacts = options.contacts;
  plan.seed = options.seed;
  plan.end_ms = end_ms_of(options.until);
  plan.batch = options.batch;
  HistoryGenerator generator(plan, staff.agents, staff.supervisors);
  const auto write_start = std::chrono::steady_clock::now();
  int64_t next_note = 0;
  const HistoryCounts counts = generator.run(*sink, [&](int64_t done) {
    if (done >= next_note) {
      note("seeded " + std::to_string(done) + " conversations");
      next_note = done + std::max<int64_t>(options.conversations / 10, 1);
    }
  });
  sink->finish();
  const double write_s = seconds_since(write_start);

  json::object rebuild{{"ran", false}};
  if (options.rebuild && !server.livedesk.empty()) {
    rebuild = rebuild_search(server.livedesk, server);
  } else {
    rebuild["note"] = "not run: give --livedesk PATH (and --rebuild 1), or run `livedesk search rebuild` by hand";
  }

  json::object o;
  o["scenario"] = "seed";
  o["history_end_ms"] = plan.end_ms;
  o["params"] = {{"conversations", options.conversations}, {"messages", options.messages},
                 {"contacts", options.contacts},           {"agents", options.agents},
                 {"supervisors", options.supervisors},     {"seed", options.seed},
                 {"until", options.until},                 {"batch", options.batch},
                 {"persistence", postgres ? "postgresql" : "sqlite"}};
  o["counts"] = {{"contacts", counts.contacts},
                 {"returning_contacts", counts.returning_contacts},
                 {"max_chats_per_contact", counts.max_chats_per_contact},
                 {"conversations", counts.conversations},
                 {"messages", counts.messages},
                 {"notes", counts.notes},
                 {"whispers", counts.whispers},
                 {"ratings", counts.ratings},
                 {"session_tags", counts.session_tags},
                 {"tags", counts.tags},
                 {"dispositions", counts.dispositions},
                 {"staff", int64_t(staff.agents.size() + staff.supervisors.size() + 1)}};
  o["staff"] = {{"password", kStaffPassword}, {"admin", "seed-admin"}, {"supervisor", "seed-sup0"},
                {"agents", "seed-agent0.." + std::to_string(options.agents - 1)}};
  o["staff_s"] = staff_s;
  o["write_s"] = write_s;
  o["rows_per_s"] =
      std::round(double(counts.messages + counts.conversations + counts.contacts) / std::max(write_s, 0.01));
  o["search_rebuild"] = rebuild;
  o["seed_s"] = seconds_since(start);
  o["sizes"] = sink->sizes();
  return o;
}

}  // namespace livedesk::bench
