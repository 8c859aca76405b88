#include "seed/postgres_seed_sink.hpp"

#include <array>
#include <boost/json.hpp>
#include <utility>
#include <pqxx/pqxx>

#include "process/fatal.hpp"

namespace livedesk::bench {

namespace {
// The tables whose ids the seed writes itself (COPY writes identity columns as given).
constexpr const char* kIdentityTables[] = {"customers", "chat_sessions", "messages", "notes",
                                           "csat_ratings", "tags", "dispositions"};
}  // namespace

struct PostgresSeedSink::Connection {
  explicit Connection(const std::string& url) : c(url) {}
  pqxx::connection c;
};

PostgresSeedSink::PostgresSeedSink(const std::string& url) {
  try {
    connection_ = std::make_unique<Connection>(url);
  } catch (const std::exception& e) {
    die(std::string("cannot connect to PostgreSQL: ") + e.what());
  }
}

PostgresSeedSink::~PostgresSeedSink() = default;

int64_t PostgresSeedSink::scalar(const std::string& sql) {
  try {
    pqxx::work tx(connection_->c);
    auto r = tx.exec(sql);
    tx.commit();
    return r[0][0].is_null() ? -1 : r[0][0].as<int64_t>();
  } catch (const std::exception& e) {
    die(std::string("postgres: ") + e.what() + " in: " + sql);
  }
}

bool PostgresSeedSink::history_is_empty() {
  return scalar("SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM chat_sessions)") == 0;
}

namespace {
// pqxx 6 streams a row given as a tuple (std::tuple_size, std::get): an array of N fields is one,
// with nullptr for NULL.
template <size_t N>
void copy_rows(pqxx::stream_to& copy, const std::vector<SeedRow>& rows) {
  std::array<std::string, N> texts;
  std::array<const char*, N> fields;
  for (const auto& row : rows) {
    if (row.size() != N) die("seed row of the wrong width");
    for (size_t i = 0; i < N; ++i) {
      fields[i] = nullptr;
      if (auto* n = std::get_if<int64_t>(&row[i])) {
        texts[i] = std::to_string(*n);
        fields[i] = texts[i].c_str();
      } else if (auto* s = std::get_if<std::string>(&row[i])) {
        fields[i] = s->c_str();
      }
    }
    copy << fields;
  }
}

template <size_t... N>
void copy_rows_of_width(pqxx::stream_to& copy, const std::vector<SeedRow>& rows, size_t width,
                        std::index_sequence<N...>) {
  const bool done = ((width == N + 1 ? (copy_rows<N + 1>(copy, rows), true) : false) || ...);
  if (!done) die("seed table too wide for COPY");
}
}  // namespace

void PostgresSeedSink::write(const SeedBatch& batch) {
  try {
    pqxx::work tx(connection_->c);
    for (const auto& part : batch) {
      if (part.rows.empty()) continue;
      pqxx::stream_to copy(tx, part.table->name, part.table->columns);
      copy_rows_of_width(copy, part.rows, part.table->columns.size(), std::make_index_sequence<16>{});
      copy.complete();
    }
    tx.commit();
  } catch (const std::exception& e) {
    die(std::string("postgres COPY: ") + e.what());
  }
}

void PostgresSeedSink::finish() {
  try {
    pqxx::work tx(connection_->c);
    for (const char* table : kIdentityTables) {
      const std::string t = table;
      tx.exec("SELECT setval(pg_get_serial_sequence('" + t + "', 'id'), coalesce((SELECT max(id) FROM " + t +
              "), 0) + 1, false)");
    }
    tx.commit();
    pqxx::nontransaction analyze(connection_->c);
    analyze.exec("ANALYZE");
  } catch (const std::exception& e) {
    die(std::string("postgres: ") + e.what());
  }
}

boost::json::object PostgresSeedSink::sizes() {
  boost::json::object o;
  o["database_bytes"] = scalar("SELECT pg_database_size(current_database())");
  o["search_index_bytes"] = scalar("SELECT pg_total_relation_size('conversation_search')");
  o["search_gin_bytes"] = scalar("SELECT pg_relation_size('conversation_search_by_document')");
  o["search_rows"] = scalar("SELECT count(*) FROM conversation_search");
  return o;
}

}  // namespace livedesk::bench
