#include "store/postgres/pg_connection.hpp"

#include <string>

namespace livedesk::store::postgres {

namespace {

// Fixed names: savepoints nest, and ROLLBACK TO / RELEASE find the innermost
// savepoint of a name, which is always the one this level set.
constexpr const char* kUnitSavepoint = "livedesk_unit";
constexpr const char* kStatementSavepoint = "livedesk_statement";

std::string message_of(const pqxx::pqxx_exception& error) {
  std::string text = error.base().what();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

}  // namespace

void rethrow_as_store_error() {
  try {
    throw;
  } catch (const FencedError&) {
    throw;
  } catch (const pqxx::unique_violation& error) {
    throw DuplicateError(message_of(error));
  } catch (const pqxx::in_doubt_error& error) {
    throw StoreError("connection to PostgreSQL lost during COMMIT; the transaction may or may not have committed: " +
                     message_of(error));
  } catch (const pqxx::broken_connection& error) {
    throw StoreError("connection to PostgreSQL lost: " + message_of(error));
  } catch (const pqxx::pqxx_exception& error) {
    throw StoreError("PostgreSQL: " + message_of(error));
  }
}

PgConnection::PgConnection(std::string url) : url_(std::move(url)) { connect(); }

PgConnection::~PgConnection() = default;

void PgConnection::connect() {
  transaction_.reset();
  levels_.clear();
  unit_release_pending_ = false;
  try {
    connection_ = std::make_unique<pqxx::connection>(url_);
  } catch (const pqxx::pqxx_exception& error) {
    // The URL may hold a password, so it is not repeated here; libpq names host and port.
    throw StoreError("cannot connect to PostgreSQL: " + message_of(error));
  }
}

void PgConnection::prepare(std::span<const PgStatement> statements) {
  for (const PgStatement& statement : statements) {
    statements_.push_back(statement);
    try {
      connection_->prepare(statement.name, statement.sql);
      connection_->prepare_now(statement.name);
    } catch (const pqxx::pqxx_exception& error) {
      throw StoreError(std::string("cannot prepare statement ") + statement.name + ": " + message_of(error));
    }
  }
}

void PgConnection::ensure_connected() {
  if (connection_ && connection_->is_open()) return;
  connect();
  try {
    // Statements are prepared lazily this time, on first use: they already
    // proved valid at open.
    for (const PgStatement& statement : statements_) connection_->prepare(statement.name, statement.sql);
  } catch (...) {
    rethrow_as_store_error();
  }
}

void PgConnection::run(bool writes, const std::function<void(pqxx::transaction_base&)>& body) {
  if (levels_.empty()) {
    for (int attempt = 1;; ++attempt) {
      ensure_connected();
      try {
        pqxx::work tx(*connection_);
        if (writes) prove_lead(tx);
        body(tx);
        tx.commit();
        return;
      } catch (...) {
        // A connection that broke while idle (the server restarted, the
        // session was ended) fails its first statement; a read, which cannot
        // have changed anything, is worth one more try on a fresh connection.
        const bool broken = !connection_->is_open();
        if (!writes && broken && attempt == 1) continue;
        rethrow_as_store_error();
      }
    }
  }
  if (!writes) {
    try {
      body(*transaction_);
    } catch (const pqxx::pqxx_exception&) {
      // A read gets no savepoint (reads fail only when something is badly
      // wrong); the level must not commit as if nothing had happened.
      levels_.back().poisoned = true;
      rethrow_as_store_error();
    }
    return;
  }
  savepoint(kStatementSavepoint);
  try {
    body(*transaction_);
  } catch (...) {
    roll_back_to(kStatementSavepoint);
    rethrow_as_store_error();
  }
  release(kStatementSavepoint);
}

void PgConnection::prove_lead(pqxx::transaction_base& tx) {
  if (!fence_) return;
  // KEY SHARE: the lease's renewals (no key change) pass, an election's
  // SELECT ... FOR UPDATE waits for this transaction to end.
  const auto rows = tx.exec("SELECT node_id, epoch FROM cluster_leader WHERE id = 1 FOR KEY SHARE");
  if (rows.empty() || rows[0][0].as<std::string>() != fence_->node_id || rows[0][1].as<std::int64_t>() != fence_->epoch)
    throw FencedError("this node no longer leads the cluster (epoch " + std::to_string(fence_->epoch) +
                      " is not current); nothing was written");
}

void PgConnection::transaction(const std::function<void()>& work) {
  if (levels_.empty()) {
    transaction_outermost(work);
  } else {
    transaction_nested(work);
  }
}

void PgConnection::transaction_outermost(const std::function<void()>& work) {
  ensure_connected();
  try {
    transaction_ = std::make_unique<pqxx::work>(*connection_);
    prove_lead(*transaction_);
  } catch (...) {
    transaction_.reset();
    rethrow_as_store_error();
  }
  levels_.emplace_back();
  try {
    work();
  } catch (...) {
    end_outermost();
    throw;
  }
  if (levels_.front().poisoned) {
    // PostgreSQL would answer COMMIT with a silent ROLLBACK; say so instead.
    end_outermost();
    throw StoreError("transaction rolled back: one of its statements failed");
  }
  try {
    transaction_->commit();
  } catch (...) {
    end_outermost();
    rethrow_as_store_error();
  }
  end_outermost();
}

void PgConnection::transaction_nested(const std::function<void()>& work) {
  const bool job_level = levels_.size() == 1;
  if (job_level && unit_release_pending_) {
    unit_release_pending_ = false;
    try {
      transaction_->exec(std::string("RELEASE SAVEPOINT ") + kUnitSavepoint + "; SAVEPOINT " + kUnitSavepoint);
    } catch (...) {
      levels_.back().poisoned = true;
      rethrow_as_store_error();
    }
  } else {
    savepoint(kUnitSavepoint);
  }
  levels_.emplace_back();
  try {
    work();
  } catch (...) {
    levels_.pop_back();
    roll_back_to(kUnitSavepoint);
    throw;
  }
  const bool poisoned = levels_.back().poisoned;
  levels_.pop_back();
  if (poisoned) {
    roll_back_to(kUnitSavepoint);
    throw StoreError("nested transaction rolled back: one of its statements failed");
  }
  if (job_level) {
    unit_release_pending_ = true;
  } else {
    release(kUnitSavepoint);
  }
}

void PgConnection::savepoint(const char* name) {
  try {
    transaction_->exec(std::string("SAVEPOINT ") + name);
  } catch (...) {
    levels_.back().poisoned = true;
    rethrow_as_store_error();
  }
}

void PgConnection::release(const char* name) {
  try {
    transaction_->exec(std::string("RELEASE SAVEPOINT ") + name);
  } catch (...) {
    levels_.back().poisoned = true;
    rethrow_as_store_error();
  }
}

void PgConnection::roll_back_to(const char* name) noexcept {
  try {
    // One round trip; RELEASE drops the savepoint that ROLLBACK TO keeps.
    transaction_->exec(std::string("ROLLBACK TO SAVEPOINT ") + name + "; RELEASE SAVEPOINT " + name);
  } catch (...) {
    // The enclosing level can no longer commit (connection gone, most likely).
    levels_.back().poisoned = true;
  }
}

void PgConnection::end_outermost() noexcept {
  levels_.clear();
  unit_release_pending_ = false;  // COMMIT or ROLLBACK ended it
  // An uncommitted pqxx::work rolls back as it goes; its own errors go to pqxx's notice handler.
  transaction_.reset();
}

}  // namespace livedesk::store::postgres
