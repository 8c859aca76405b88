#include "store/postgres/pg_contact_store.hpp"

#include <limits>
#include <string>

#include "store/id_array.hpp"
#include "store/postgres/pg_rows.hpp"

namespace livedesk::store::postgres {

namespace {

// email is NULL for an anonymous contact; the struct keeps "" for it.
#define LIVEDESK_PG_CUSTOMER_COLUMNS                                                                 \
  "id, name, coalesce(email, '') AS email, created_ms, external_id, identity_verified, visitor_id, " \
  "attributes, last_seen_ms, updated_ms, merged_into, erased_ms"
#define LIVEDESK_PG_CONTACT_NOTE                                                                              \
  "SELECT n.id, n.customer_id AS contact_id, n.author_user_id, coalesce(u.name, '') AS author_name, n.body, " \
  "n.created_ms, n.updated_ms, n.deleted_ms FROM contact_notes n LEFT JOIN staff_users u ON u.id = n.author_user_id "

// The conflict target is UNIQUE(email), so a known email keeps its id and created_ms.
constexpr PgStatement kUpsertCustomer{
    "upsert_customer",
    "INSERT INTO customers(email, name, created_ms, updated_ms, last_seen_ms) VALUES ($1, $2, $3, $3, $3) "
    "ON CONFLICT (email) DO UPDATE SET name = excluded.name, updated_ms = excluded.updated_ms, "
    "last_seen_ms = greatest(customers.last_seen_ms, excluded.last_seen_ms) RETURNING " LIVEDESK_PG_CUSTOMER_COLUMNS};
constexpr PgStatement kInsertContact{
    "insert_contact",
    "INSERT INTO customers(name, email, created_ms, external_id, identity_verified, visitor_id, attributes, "
    "last_seen_ms, updated_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"};
constexpr PgStatement kUpdateContact{
    "update_contact",
    "UPDATE customers SET name = $2, email = $3, external_id = $4, identity_verified = $5, visitor_id = $6, "
    "attributes = $7, last_seen_ms = $8, updated_ms = $9, merged_into = $10, erased_ms = $11 WHERE id = $1"};
constexpr PgStatement kTouchContact{
    "touch_contact",
    "UPDATE customers SET last_seen_ms = $2 WHERE id = $1 AND (last_seen_ms IS NULL OR last_seen_ms < $2)"};
constexpr PgStatement kFindCustomer{"find_customer",
                                    "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS " FROM customers WHERE id = $1"};
constexpr PgStatement kCustomerByEmail{"customer_by_email",
                                       "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS " FROM customers WHERE email = $1"};
constexpr PgStatement kContactByExternalId{
    "contact_by_external_id", "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS " FROM customers WHERE external_id = $1"};
constexpr PgStatement kContactByVisitorId{
    "contact_by_visitor_id", "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS " FROM customers WHERE visitor_id = $1"};
// Newest first from customers_by_seen (migration 10), from the cursor on (a row value the index starts from);
// a search reads its matches from the name and email indexes first (a rare prefix would otherwise walk every
// contact). The ranges compare bytes (COLLATE "C", as the indexes), whatever the database's collation.
#define LIVEDESK_PG_CONTACT_PAGE                                                                            \
  "AND (coalesce(last_seen_ms, created_ms), id) < (coalesce($1::bigint, 9223372036854775807), $2::bigint) " \
  "ORDER BY coalesce(last_seen_ms, created_ms) DESC, id DESC LIMIT $3"
constexpr PgStatement kListContacts{"list_contacts",
                                    "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS
                                    " FROM customers WHERE merged_into IS NULL " LIVEDESK_PG_CONTACT_PAGE};
constexpr PgStatement kSearchContacts{
    "search_contacts",
    "SELECT " LIVEDESK_PG_CUSTOMER_COLUMNS
    " FROM customers WHERE merged_into IS NULL AND id IN ("
    "SELECT id FROM customers WHERE lower(name) COLLATE \"C\" >= $4::text AND lower(name) COLLATE \"C\" < $5::text "
    "UNION SELECT id FROM customers WHERE email COLLATE \"C\" >= $4::text AND email COLLATE \"C\" < $5::text "
    "UNION SELECT id FROM customers WHERE external_id = $6::text) " LIVEDESK_PG_CONTACT_PAGE};
#undef LIVEDESK_PG_CONTACT_PAGE
// chat_sessions_by_customer_id, then csat_ratings' unique session_id.
constexpr PgStatement kContactStats{
    "contact_stats",
    "SELECT count(*) AS chat_count, count(r.rating) AS rating_count, coalesce(sum(r.rating), 0) AS rating_sum "
    "FROM chat_sessions s LEFT JOIN csat_ratings r ON r.session_id = s.id WHERE s.customer_id = $1"};
constexpr PgStatement kContactStatsOf{
    "contact_stats_of",
    "SELECT s.customer_id, count(*) AS chat_count, count(r.rating) AS rating_count, "
    "coalesce(sum(r.rating), 0) AS rating_sum FROM chat_sessions s LEFT JOIN csat_ratings r ON r.session_id = s.id "
    "WHERE s.customer_id = ANY($1::bigint[]) GROUP BY s.customer_id"};
constexpr PgStatement kContactConversations{
    "contact_conversations",
    "SELECT s.id, s.status, s.subject, s.created_ms, s.closed_ms, s.agent_id, coalesce(u.name, '') AS agent_name, "
    "r.rating FROM chat_sessions s LEFT JOIN staff_users u ON u.id = s.agent_id "
    "LEFT JOIN csat_ratings r ON r.session_id = s.id WHERE s.customer_id = $1 ORDER BY s.id DESC LIMIT $2"};
constexpr PgStatement kMoveSessions{"merge_contact_sessions",
                                    "UPDATE chat_sessions SET customer_id = $1 WHERE customer_id = $2"};
constexpr PgStatement kMoveNotes{"merge_contact_notes",
                                 "UPDATE contact_notes SET customer_id = $1 WHERE customer_id = $2"};
constexpr PgStatement kMoveBlocks{"merge_contact_blocks",
                                  "UPDATE customer_blocks SET customer_id = $1 WHERE customer_id = $2"};
constexpr PgStatement kMarkMerged{
    "mark_contact_merged",
    "UPDATE customers SET merged_into = $1, email = NULL, external_id = NULL, visitor_id = NULL, updated_ms = $3 "
    "WHERE id = $2"};
constexpr PgStatement kMergedFrom{"contacts_merged_from",
                                  "SELECT id FROM customers WHERE merged_into = $1 ORDER BY id"};
constexpr PgStatement kInsertContactNote{
    "insert_contact_note",
    "INSERT INTO contact_notes(customer_id, author_user_id, body, created_ms, updated_ms, deleted_ms) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"};
constexpr PgStatement kUpdateContactNote{
    "update_contact_note", "UPDATE contact_notes SET body = $2, updated_ms = $3, deleted_ms = $4 WHERE id = $1"};
constexpr PgStatement kFindContactNote{"find_contact_note", LIVEDESK_PG_CONTACT_NOTE "WHERE n.id = $1"};
// contact_notes_by_customer (customer_id, created_ms).
constexpr PgStatement kContactNotes{
    "contact_notes_of",
    LIVEDESK_PG_CONTACT_NOTE "WHERE n.customer_id = $1 AND n.deleted_ms IS NULL ORDER BY n.created_ms DESC, n.id DESC"};

#undef LIVEDESK_PG_CUSTOMER_COLUMNS
#undef LIVEDESK_PG_CONTACT_NOTE

constexpr PgStatement kStatements[] = {
    kUpsertCustomer,       kInsertContact,      kUpdateContact,   kTouchContact,   kFindCustomer, kCustomerByEmail,
    kContactByExternalId,  kContactByVisitorId, kListContacts,    kSearchContacts, kContactStats, kContactStatsOf,
    kContactConversations, kMoveSessions,       kMoveNotes,       kMoveBlocks,     kMarkMerged,   kMergedFrom,
    kInsertContactNote,    kUpdateContactNote,  kFindContactNote, kContactNotes};

std::optional<std::string> null_if_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

std::span<const PgStatement> PgContactStore::statements() { return kStatements; }

Contact PgContactStore::upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) {
  return db_.write([&](pqxx::transaction_base& tx) {
    auto customer = read_first<Contact>(exec(tx, kUpsertCustomer, email_lowercase, name, now_ms));
    if (!customer) throw StoreError("customer vanished right after upsert: " + std::string(email_lowercase));
    return std::move(*customer);
  });
}

std::int64_t PgContactStore::insert(const Contact& c) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertContact, c.name, null_if_empty(c.email), c.created_ms, c.external_id,
                         c.identity_verified, c.visitor_id, c.attributes, c.last_seen_ms, c.updated_ms)[0][0]);
  });
}

void PgContactStore::update(const Contact& c) {
  db_.write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdateContact, c.id, c.name, null_if_empty(c.email), c.external_id, c.identity_verified, c.visitor_id,
             c.attributes, c.last_seen_ms, c.updated_ms, c.merged_into, c.erased_ms)
            .affected_rows() == 0)
      throw StoreError("no contact " + std::to_string(c.id) + " to update");
  });
}

void PgContactStore::touch(std::int64_t id, std::int64_t seen_ms) {
  db_.write([&](pqxx::transaction_base& tx) { exec(tx, kTouchContact, id, seen_ms); });
}

std::optional<Contact> PgContactStore::find(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<Contact>(exec(tx, kFindCustomer, id)); });
}

std::optional<Contact> PgContactStore::find_by_email(std::string_view email_lowercase) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<Contact>(exec(tx, kCustomerByEmail, email_lowercase)); });
}

std::optional<Contact> PgContactStore::find_by_external_id(std::string_view external_id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<Contact>(exec(tx, kContactByExternalId, external_id)); });
}

std::optional<Contact> PgContactStore::find_by_visitor_id(std::string_view visitor_id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_first<Contact>(exec(tx, kContactByVisitorId, visitor_id)); });
}

std::vector<Contact> PgContactStore::list(std::string_view text, std::optional<ContactCursor> after, int limit) {
  const std::optional<std::int64_t> seen = after ? std::optional<std::int64_t>(after->seen_ms) : std::nullopt;
  const std::int64_t id = after ? after->id : std::numeric_limits<std::int64_t>::max();
  return db_.read([&](pqxx::transaction_base& tx) {
    if (text.empty()) return read_all<Contact>(exec(tx, kListContacts, seen, id, limit));
    const auto [low, high] = prefix_range(text);
    return read_all<Contact>(exec(tx, kSearchContacts, seen, id, limit, low, high, text));
  });
}

std::vector<ContactStats> PgContactStore::stats_of(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  const std::string array = id_array(ids, IdArray::postgres);
  auto rows =
      db_.read([&](pqxx::transaction_base& tx) { return read_all<ContactStatsRow>(exec(tx, kContactStatsOf, array)); });
  return stats_in_order(std::move(rows), ids);
}

ContactStats PgContactStore::stats(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_first<ContactStats>(exec(tx, kContactStats, id)).value_or(ContactStats{});
  });
}

std::vector<ContactConversation> PgContactStore::conversations(std::int64_t id, int limit) {
  return db_.read([&](pqxx::transaction_base& tx) {
    return read_all<ContactConversation>(exec(tx, kContactConversations, id, limit));
  });
}

void PgContactStore::merge(std::int64_t into, std::int64_t from, std::int64_t now_ms) {
  db_.write([&](pqxx::transaction_base& tx) {
    exec(tx, kMoveSessions, into, from);
    exec(tx, kMoveNotes, into, from);
    exec(tx, kMoveBlocks, into, from);
    if (exec(tx, kMarkMerged, into, from, now_ms).affected_rows() == 0)
      throw StoreError("no contact " + std::to_string(from) + " to merge");
  });
}

std::vector<std::int64_t> PgContactStore::merged_from(std::int64_t into) {
  return db_.read([&](pqxx::transaction_base& tx) {
    std::vector<std::int64_t> out;
    for (const auto& row : exec(tx, kMergedFrom, into)) out.push_back(as_int64(row[0]));
    return out;
  });
}

std::int64_t PgContactStore::insert_note(const ContactNote& n) {
  return db_.write([&](pqxx::transaction_base& tx) {
    return as_int64(exec(tx, kInsertContactNote, n.contact_id, n.author_user_id, n.body, n.created_ms, n.updated_ms,
                         n.deleted_ms)[0][0]);
  });
}

void PgContactStore::update_note(const ContactNote& n) {
  db_.write([&](pqxx::transaction_base& tx) {
    if (exec(tx, kUpdateContactNote, n.id, n.body, n.updated_ms, n.deleted_ms).affected_rows() == 0)
      throw StoreError("no contact note " + std::to_string(n.id) + " to update");
  });
}

std::optional<ContactNote> PgContactStore::find_note(std::int64_t id) {
  return db_.read([&](pqxx::transaction_base& tx) { return read_first<ContactNote>(exec(tx, kFindContactNote, id)); });
}

std::vector<ContactNote> PgContactStore::notes_of(std::int64_t contact_id) {
  return db_.read(
      [&](pqxx::transaction_base& tx) { return read_all<ContactNote>(exec(tx, kContactNotes, contact_id)); });
}

}  // namespace livedesk::store::postgres
