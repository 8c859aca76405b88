#pragma once
// Test helper: a TestDatabase that is a schema of its own on the test
// PostgreSQL server (scripts/test-services.sh), so tests run in parallel
// without seeing each other's rows. Stores reach it through search_path in
// the connection URL. Header-only (not in the library).
#include <unistd.h>

#include <atomic>
#include <optional>
#include <pqxx/pqxx>
#include <random>
#include <sstream>
#include <string>

#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/test_support/test_database.hpp"
#include "support/test_services_util.hpp"

namespace livedesk::store::test_support {

// The test server's URL, or nullopt when the tests run without one.
inline std::optional<std::string> postgres_test_url() { return support::test_service("LIVEDESK_TEST_PG_URL"); }

inline constexpr const char* kNoPostgres =
    "no PostgreSQL for tests: LIVEDESK_TEST_PG_URL is unset (ctest starts one; by hand, run "
    "scripts/test-services.sh start DIR and set LIVEDESK_TEST_SERVICES=DIR/env)";

// A schema named t_<pid>_<n>_<random> on the test server, dropped with its tables at the end.
class PgTestDatabase final : public TestDatabase {
 public:
  explicit PgTestDatabase(const std::string& server_url)
      : server_url_(server_url), schema_(unique_name()), admin_(server_url) {
    pqxx::nontransaction(admin_).exec("CREATE SCHEMA " + admin_.quote_name(schema_));
    url_ = url_for(server_url, schema_, schema_);
    raw_url_ = url_for(server_url, schema_, schema_ + "_raw");
  }
  ~PgTestDatabase() override {
    try {
      raw_.reset();
      pqxx::nontransaction(admin_).exec("DROP SCHEMA " + admin_.quote_name(schema_) + " CASCADE");
    } catch (const std::exception&) {
      // The server goes away with the test run anyway.
    }
  }

  // Where Stores connect: this schema only, and the schema's name as
  // application_name, so a test can find (and cut) the Store's connections.
  const std::string& url() const { return url_; }
  const std::string& schema() const { return schema_; }

  std::unique_ptr<Store> open() override { return open_postgres_store(url_); }

  void execute(const std::string& sql) override {
    try {
      pqxx::nontransaction(raw()).exec(sql);
    } catch (...) {
      postgres::rethrow_as_store_error();
    }
  }

  long long number(const std::string& sql) override {
    try {
      const auto rows = pqxx::nontransaction(raw()).exec(sql);
      return rows.empty() ? 0 : rows[0][0].as<long long>();
    } catch (...) {
      postgres::rethrow_as_store_error();
    }
  }

  bool has_table(const std::string& name) override {
    return count("SELECT count(*) FROM pg_tables WHERE schemaname = $1 AND tablename = $2", name) > 0;
  }
  bool has_index(const std::string& name) override {
    return count("SELECT count(*) FROM pg_indexes WHERE schemaname = $1 AND indexname = $2", name) > 0;
  }
  int latest_schema_version() const override { return postgres::latest_schema_version(); }

  // A URL into this schema whose connections carry `application_name` ([a-z0-9_]).
  std::string url_named(const std::string& application_name) const {
    return url_for(server_url_, schema_, application_name);
  }

  // Ends the server side of every Store connection to this schema, as a
  // server restart or a network cut would. Returns how many there were.
  long long cut_store_connections() {
    pqxx::nontransaction tx(raw());
    return tx
        .exec_params("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1",
                     schema_)[0][0]
        .as<long long>();
  }

 private:
  static std::string unique_name() {
    static std::atomic<int> counter{0};
    std::random_device random;
    std::ostringstream name;
    name << "t_" << ::getpid() << '_' << counter++ << '_' << std::hex << random() << random();
    return name.str();
  }

  static std::string url_for(const std::string& server_url, const std::string& schema,
                             const std::string& application_name) {
    // Both names are [a-z0-9_], so they need no percent-encoding.
    const char separator = server_url.find('?') == std::string::npos ? '?' : '&';
    return server_url + separator + "options=-csearch_path%3D" + schema + "&application_name=" + application_name;
  }

  // Runs a count with the schema as $1 and `name` as $2.
  long long count(const char* sql, const std::string& name) {
    pqxx::nontransaction tx(raw());
    return tx.exec_params(sql, schema_, name)[0][0].as<long long>();
  }

  pqxx::connection& raw() {
    if (!raw_) raw_ = std::make_unique<pqxx::connection>(raw_url_);
    return *raw_;
  }

  std::string server_url_;
  std::string schema_;
  pqxx::connection admin_;  // on the server's default schema: creates and drops ours
  std::string url_;
  std::string raw_url_;
  std::unique_ptr<pqxx::connection> raw_;  // the test's own connection into the schema
};

}  // namespace livedesk::store::test_support
