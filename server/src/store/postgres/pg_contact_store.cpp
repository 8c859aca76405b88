#include "store/postgres/pg_contact_store.hpp"

#include <string>

#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

#define LIVEDESK_PG_CUSTOMER_COLUMNS "id, name, email, created_ms"

// The conflict target is UNIQUE(email), so a known email keeps its id and created_ms.
constexpr PgStatement kUpsertCustomer{
    "upsert_customer",
    "INSERT INTO customers(email, name, created_ms, updated_ms, last_seen_ms) VALUES ($1, $2, $3, $3, $3) "
    "ON CONFLICT (email) DO UPDATE SET name = excluded.name, updated_ms = excluded.updated_ms, "
    "last_seen_ms = excluded.last_seen_ms RETURNING " LIVEDESK_PG_CUSTOMER_COLUMNS};
constexpr PgStatement kFindCustomer{"find_customer",
                                    "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS " FROM customers WHERE id = $1"};
constexpr PgStatement kCustomerByEmail{"customer_by_email",
                                       "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS " FROM customers WHERE email = $1"};

#undef LIVEDESK_PG_CUSTOMER_COLUMNS

constexpr PgStatement kStatements[] = {kUpsertCustomer, kFindCustomer, kCustomerByEmail};

}  // namespace

std::span<const PgStatement> PgContactStore::statements() { return kStatements; }

Contact PgContactStore::upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) {
  return db_.write([&](pqxx::transaction_base& tx) {
    auto customer = read_first<Contact>(exec(tx, kUpsertCustomer, email_lowercase, name, now_ms));
    if (!customer) throw StoreError("customer vanished right after upsert: " + std::string(email_lowercase));
    return std::move(*customer);
  });
}

std::optional<Contact> PgContactStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<Contact>(exec(tx, kFindCustomer, id)); });
}

std::optional<Contact> PgContactStore::find_by_email(std::string_view email_lowercase) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<Contact>(exec(tx, kCustomerByEmail, email_lowercase)); });
}

}  // namespace livedesk::store::postgres
