#pragma once
// Values between C++ and libpqxx for the PostgreSQL store: statement
// parameters (bound, never spliced into SQL text) and typed reads of result
// fields. Internal to store/postgres/.
#include <cstdint>
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <string_view>

#include "store/store_error.hpp"

namespace livedesk::store::postgres {

// A named SQL statement, prepared once per connection (PgConnection::prepare).
struct PgStatement {
  const char* name;
  const char* sql;  // a fixed text with $1.. placeholders; never built from values
};

// One statement parameter as libpq takes it: its text form, or SQL NULL.
// libpqxx 6 has no traits for std::optional or std::string_view, hence this.
class PgParam {
 public:
  PgParam(std::int64_t value) : text_(std::to_string(value)) {}
  PgParam(int value) : text_(std::to_string(value)) {}
  // Throws StoreError on a NUL byte: libpq sends text parameters as C strings,
  // so PostgreSQL would silently get the text cut short there.
  PgParam(std::string_view text);
  PgParam(const std::string& text) : PgParam(std::string_view(text)) {}
  PgParam(const char* text) : PgParam(std::string_view(text)) {}
  PgParam(std::nullopt_t) {}
  template <class T>
  PgParam(const std::optional<T>& value) {
    if (value) *this = PgParam(*value);
  }

  bool is_null() const { return !text_.has_value(); }
  const std::string& text() const { return *text_; }

 private:
  std::optional<std::string> text_;
};

// Runs a prepared statement; every argument goes through PgParam.
template <class... Args>
pqxx::result exec(pqxx::transaction_base& tx, const PgStatement& statement, const Args&... args) {
  return tx.exec_prepared(statement.name, PgParam(args)...);
}

std::int64_t as_int64(const pqxx::field& field);
int as_int(const pqxx::field& field);
std::string as_text(const pqxx::field& field);  // NULL reads as ""
std::optional<std::int64_t> as_optional_int64(const pqxx::field& field);
std::optional<std::string> as_optional_text(const pqxx::field& field);

}  // namespace livedesk::store::postgres

namespace pqxx {

// Lets exec_prepared take PgParam: NULL stays NULL, anything else is its text.
template <>
struct string_traits<livedesk::store::postgres::PgParam> {
  using Param = livedesk::store::postgres::PgParam;
  static constexpr const char* name() noexcept { return "livedesk PgParam"; }
  static constexpr bool has_null() noexcept { return true; }
  static bool is_null(const Param& param) { return param.is_null(); }
  static Param null() { return Param(std::nullopt); }
  static void from_string(const char text[], Param& param) { param = Param(text); }
  static std::string to_string(const Param& param) { return param.text(); }
};

}  // namespace pqxx
