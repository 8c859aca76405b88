#include "store/postgres/pg_values.hpp"

namespace livedesk::store::postgres {

PgParam::PgParam(std::string_view text) {
  if (text.find('\0') != std::string_view::npos) {
    throw StoreError("PostgreSQL text cannot hold a NUL byte; refusing rather than cutting the text short");
  }
  text_.emplace(text);
}

std::int64_t as_int64(const pqxx::field& field) { return field.as<std::int64_t>(); }

int as_int(const pqxx::field& field) { return field.as<int>(); }

std::string as_text(const pqxx::field& field) {
  if (field.is_null()) return {};
  return std::string(field.c_str(), field.size());
}

std::optional<std::int64_t> as_optional_int64(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<std::int64_t>();
}

std::optional<std::string> as_optional_text(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return std::string(field.c_str(), field.size());
}

}  // namespace livedesk::store::postgres
