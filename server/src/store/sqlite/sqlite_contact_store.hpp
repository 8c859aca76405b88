#pragma once
// The ContactStore (customers) on the connection of a SQLite Store
// (sqlite_store.cpp), which owns it and its statement cache; used by the
// Store's one thread. No method opens a transaction.
#include <sqlite3.h>

#include "store/contact_store.hpp"
#include "store/sqlite/statement.hpp"

namespace livedesk::store::sqlite {

// Customers in SQLite.
class SqliteContactStore final : public ContactStore {
 public:
  SqliteContactStore(sqlite3* db, StatementCache& statements) : db_(db), statements_(statements) {}

  Contact upsert(std::string_view name, std::string_view email_lowercase, std::int64_t now_ms) override;
  std::int64_t insert(const Contact& contact) override;
  void update(const Contact& contact) override;
  void touch(std::int64_t id, std::int64_t seen_ms) override;
  std::optional<Contact> find(std::int64_t id) override;
  std::optional<Contact> find_by_email(std::string_view email_lowercase) override;
  std::optional<Contact> find_by_external_id(std::string_view external_id) override;
  std::optional<Contact> find_by_visitor_id(std::string_view visitor_id) override;
  std::vector<Contact> list(std::string_view query, std::optional<ContactCursor> after, int limit) override;
  ContactStats stats(std::int64_t id) override;
  std::vector<ContactStats> stats_of(const std::vector<std::int64_t>& ids) override;
  std::vector<ContactConversation> conversations(std::int64_t id, int limit) override;
  void merge(std::int64_t into, std::int64_t from, std::int64_t now_ms) override;
  std::vector<std::int64_t> merged_from(std::int64_t into) override;
  std::int64_t insert_note(const ContactNote& note) override;
  void update_note(const ContactNote& note) override;
  std::optional<ContactNote> find_note(std::int64_t id) override;
  std::vector<ContactNote> notes_of(std::int64_t contact_id) override;

 private:
  sqlite3* db_;
  StatementCache& statements_;
};

}  // namespace livedesk::store::sqlite
