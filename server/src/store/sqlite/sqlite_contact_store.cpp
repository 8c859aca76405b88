#include "store/sqlite/sqlite_contact_store.hpp"

#include <string>

#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

constexpr const char* kSelectCustomer = "SELECT id, name, email, created_ms FROM customers ";

}  // namespace

Contact SqliteContactStore::upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) {
  {
    // The conflict target is the UNIQUE(email) column, so a known email keeps its id and created_ms.
    auto upsert = statements_.use(
        "INSERT INTO customers(email, name, created_ms, updated_ms, last_seen_ms) VALUES (?1, ?2, ?3, ?3, ?3) "
        "ON CONFLICT(email) DO UPDATE SET name = excluded.name, updated_ms = excluded.updated_ms, "
        "last_seen_ms = excluded.last_seen_ms");
    upsert->bind(1, email_lowercase);
    upsert->bind(2, name);
    upsert->bind(3, now_ms);
    upsert->run();
  }
  auto customer = find_by_email(email_lowercase);
  if (!customer) throw StoreError("customer vanished right after upsert: " + std::string(email_lowercase));
  return std::move(*customer);
}

std::optional<Contact> SqliteContactStore::find(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectCustomer) + "WHERE id = ?1");
  query->bind(1, id);
  return read_first<Contact>(*query);
}

std::optional<Contact> SqliteContactStore::find_by_email(std::string_view email_lowercase) {
  auto query = statements_.use(std::string(kSelectCustomer) + "WHERE email = ?1");
  query->bind(1, email_lowercase);
  return read_first<Contact>(*query);
}

}  // namespace livedesk::store::sqlite
