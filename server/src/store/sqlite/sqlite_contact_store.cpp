#include "store/sqlite/sqlite_contact_store.hpp"

#include <limits>
#include <string>

#include "store/id_array.hpp"
#include "store/sqlite/sqlite_rows.hpp"

namespace livedesk::store::sqlite {

namespace {

// email is NULL for an anonymous contact; the struct keeps "" for it.
constexpr const char* kSelectCustomer =
    "SELECT id, name, coalesce(email, '') AS email, created_ms, external_id, identity_verified, visitor_id, "
    "attributes, last_seen_ms, updated_ms, merged_into, erased_ms FROM customers ";
constexpr const char* kSelectNote =
    "SELECT n.id, n.customer_id AS contact_id, n.author_user_id, coalesce(u.name, '') AS author_name, n.body, "
    "n.created_ms, n.updated_ms, n.deleted_ms FROM contact_notes n LEFT JOIN staff_users u ON u.id = n.author_user_id ";

std::optional<std::string> null_if_empty(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return text;
}

}  // namespace

Contact SqliteContactStore::upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) {
  {
    // The conflict target is the UNIQUE(email) column, so a known email keeps its id and created_ms.
    auto upsert = statements_.use(
        "INSERT INTO customers(email, name, created_ms, updated_ms, last_seen_ms) VALUES (?1, ?2, ?3, ?3, ?3) "
        "ON CONFLICT(email) DO UPDATE SET name = excluded.name, updated_ms = excluded.updated_ms, "
        "last_seen_ms = max(coalesce(last_seen_ms, 0), excluded.last_seen_ms)");
    upsert->bind(1, email_lowercase);
    upsert->bind(2, name);
    upsert->bind(3, now_ms);
    upsert->run();
  }
  auto customer = find_by_email(email_lowercase);
  if (!customer) throw StoreError("customer vanished right after upsert: " + std::string(email_lowercase));
  return std::move(*customer);
}

std::int64_t SqliteContactStore::insert(const Contact& c) {
  auto insert = statements_.use(
      "INSERT INTO customers(name, email, created_ms, external_id, identity_verified, visitor_id, attributes, "
      "last_seen_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  insert->bind(1, c.name);
  insert->bind(2, null_if_empty(c.email));
  insert->bind(3, c.created_ms);
  insert->bind(4, c.external_id);
  insert->bind(5, c.identity_verified);
  insert->bind(6, c.visitor_id);
  insert->bind(7, c.attributes);
  insert->bind(8, c.last_seen_ms);
  insert->bind(9, c.updated_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteContactStore::update(const Contact& c) {
  auto update = statements_.use(
      "UPDATE customers SET name = ?2, email = ?3, external_id = ?4, identity_verified = ?5, visitor_id = ?6, "
      "attributes = ?7, last_seen_ms = ?8, updated_ms = ?9, merged_into = ?10, erased_ms = ?11 WHERE id = ?1");
  update->bind(1, c.id);
  update->bind(2, c.name);
  update->bind(3, null_if_empty(c.email));
  update->bind(4, c.external_id);
  update->bind(5, c.identity_verified);
  update->bind(6, c.visitor_id);
  update->bind(7, c.attributes);
  update->bind(8, c.last_seen_ms);
  update->bind(9, c.updated_ms);
  update->bind(10, c.merged_into);
  update->bind(11, c.erased_ms);
  update->run();
  if (sqlite3_changes(db_) == 0) throw StoreError("no contact " + std::to_string(c.id) + " to update");
}

void SqliteContactStore::touch(std::int64_t id, std::int64_t seen_ms) {
  auto update = statements_.use(
      "UPDATE customers SET last_seen_ms = ?2 WHERE id = ?1 AND (last_seen_ms IS NULL OR last_seen_ms < ?2)");
  update->bind(1, id);
  update->bind(2, seen_ms);
  update->run();
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

std::optional<Contact> SqliteContactStore::find_by_external_id(std::string_view external_id) {
  auto query = statements_.use(std::string(kSelectCustomer) + "WHERE external_id = ?1");
  query->bind(1, external_id);
  return read_first<Contact>(*query);
}

std::optional<Contact> SqliteContactStore::find_by_visitor_id(std::string_view visitor_id) {
  auto query = statements_.use(std::string(kSelectCustomer) + "WHERE visitor_id = ?1");
  query->bind(1, visitor_id);
  return read_first<Contact>(*query);
}

std::vector<Contact> SqliteContactStore::list(std::string_view text, std::optional<ContactCursor> after, int limit) {
  // Newest first from customers_by_seen (migration 10), from the cursor on: SQLite seeks the expression index by
  // the `<=`, the row value then drops the ties already shown. A search reads its matches from the name and
  // email indexes first (a rare prefix would otherwise walk every contact).
  const char* matches = text.empty()
                            ? ""
                            : "AND id IN (SELECT id FROM customers WHERE lower(name) >= ?1 AND lower(name) < ?2 "
                              "UNION SELECT id FROM customers WHERE email >= ?1 AND email < ?2 "
                              "UNION SELECT id FROM customers WHERE external_id = ?6) ";
  auto query = statements_.use(
      std::string(kSelectCustomer) + "WHERE merged_into IS NULL " + matches +
      "AND coalesce(last_seen_ms, created_ms) <= ?3 AND (coalesce(last_seen_ms, created_ms), id) < (?3, ?4) "
      "ORDER BY coalesce(last_seen_ms, created_ms) DESC, id DESC LIMIT ?5");
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  query->bind(3, after ? after->seen_ms : kMax);
  query->bind(4, after ? after->id : kMax);
  query->bind(5, limit);
  if (!text.empty()) {
    const auto [low, high] = prefix_range(text);
    query->bind(1, low);
    query->bind(2, high);
    query->bind(6, text);
  }
  return read_all<Contact>(*query);
}

std::vector<ContactStats> SqliteContactStore::stats_of(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return {};
  auto query = statements_.use(
      "SELECT s.customer_id, count(*) AS chat_count, count(r.rating) AS rating_count, "
      "coalesce(sum(r.rating), 0) AS rating_sum FROM chat_sessions s LEFT JOIN csat_ratings r ON r.session_id = s.id "
      "WHERE s.customer_id IN (SELECT value FROM json_each(?1)) GROUP BY s.customer_id");
  query->bind(1, id_array(ids, IdArray::json));
  return stats_in_order(read_all<ContactStatsRow>(*query), ids);
}

ContactStats SqliteContactStore::stats(std::int64_t id) {
  // chat_sessions_by_customer_id, then csat_ratings' unique session_id.
  auto query = statements_.use(
      "SELECT count(*) AS chat_count, count(r.rating) AS rating_count, coalesce(sum(r.rating), 0) AS rating_sum "
      "FROM chat_sessions s LEFT JOIN csat_ratings r ON r.session_id = s.id WHERE s.customer_id = ?1");
  query->bind(1, id);
  return read_first<ContactStats>(*query).value_or(ContactStats{});
}

std::vector<ContactConversation> SqliteContactStore::conversations(std::int64_t id, int limit) {
  auto query = statements_.use(
      "SELECT s.id, s.status, s.subject, s.created_ms, s.closed_ms, s.agent_id, coalesce(u.name, '') AS agent_name, "
      "r.rating FROM chat_sessions s LEFT JOIN staff_users u ON u.id = s.agent_id "
      "LEFT JOIN csat_ratings r ON r.session_id = s.id WHERE s.customer_id = ?1 ORDER BY s.id DESC LIMIT ?2");
  query->bind(1, id);
  query->bind(2, limit);
  return read_all<ContactConversation>(*query);
}

void SqliteContactStore::merge(std::int64_t into, std::int64_t from, std::int64_t now_ms) {
  for (const char* sql : {"UPDATE chat_sessions SET customer_id = ?1 WHERE customer_id = ?2",
                          "UPDATE contact_notes SET customer_id = ?1 WHERE customer_id = ?2",
                          "UPDATE customer_blocks SET customer_id = ?1 WHERE customer_id = ?2"}) {
    auto move = statements_.use(sql);
    move->bind(1, into);
    move->bind(2, from);
    move->run();
  }
  auto mark = statements_.use(
      "UPDATE customers SET merged_into = ?1, email = NULL, external_id = NULL, visitor_id = NULL, updated_ms = ?3 "
      "WHERE id = ?2");
  mark->bind(1, into);
  mark->bind(2, from);
  mark->bind(3, now_ms);
  mark->run();
  if (sqlite3_changes(db_) == 0) throw StoreError("no contact " + std::to_string(from) + " to merge");
}

std::vector<std::int64_t> SqliteContactStore::merged_from(std::int64_t into) {
  auto query = statements_.use("SELECT id FROM customers WHERE merged_into = ?1 ORDER BY id");
  query->bind(1, into);
  std::vector<std::int64_t> out;
  while (query->step()) out.push_back(query->column_int64(0));
  return out;
}

std::int64_t SqliteContactStore::insert_note(const ContactNote& n) {
  auto insert = statements_.use(
      "INSERT INTO contact_notes(customer_id, author_user_id, body, created_ms, updated_ms, deleted_ms) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  insert->bind(1, n.contact_id);
  insert->bind(2, n.author_user_id);
  insert->bind(3, n.body);
  insert->bind(4, n.created_ms);
  insert->bind(5, n.updated_ms);
  insert->bind(6, n.deleted_ms);
  insert->run();
  return sqlite3_last_insert_rowid(db_);
}

void SqliteContactStore::update_note(const ContactNote& n) {
  auto update = statements_.use("UPDATE contact_notes SET body = ?2, updated_ms = ?3, deleted_ms = ?4 WHERE id = ?1");
  update->bind(1, n.id);
  update->bind(2, n.body);
  update->bind(3, n.updated_ms);
  update->bind(4, n.deleted_ms);
  update->run();
  if (sqlite3_changes(db_) == 0) throw StoreError("no contact note " + std::to_string(n.id) + " to update");
}

std::optional<ContactNote> SqliteContactStore::find_note(std::int64_t id) {
  auto query = statements_.use(std::string(kSelectNote) + "WHERE n.id = ?1");
  query->bind(1, id);
  return read_first<ContactNote>(*query);
}

std::vector<ContactNote> SqliteContactStore::notes_of(std::int64_t contact_id) {
  // contact_notes_by_customer (customer_id, created_ms).
  auto query =
      statements_.use(std::string(kSelectNote) +
                      "WHERE n.customer_id = ?1 AND n.deleted_ms IS NULL ORDER BY n.created_ms DESC, n.id DESC");
  query->bind(1, contact_id);
  return read_all<ContactNote>(*query);
}

}  // namespace livedesk::store::sqlite
