#pragma once
// One PostgreSQL connection and the transaction open on it. Owned by the
// PostgreSQL Store and, like it, used by one thread at a time (store.hpp).
// Every Store method runs its statements through read() or write(), and
// run_in_transaction through transaction():
//  - outside any transaction, a method runs in a short transaction of its own
//    (what SQLite's autocommit gives the SQLite store);
//  - the outermost transaction() is BEGIN/COMMIT (a pqxx::work), each inner
//    one a savepoint, so a failing job of a group commit rolls back alone;
//  - inside a transaction each write() gets a savepoint of its own too. In
//    PostgreSQL a failed statement poisons the whole transaction, whereas in
//    SQLite only that statement is undone and callers rely on that: a job
//    catches DuplicateError, answers 409 and carries on with the batch.
// With a fencing token set, every write transaction (BEGIN of the outermost
// level, or a write outside any) first locks the cluster_leader row against a
// new election and checks the token is current: FencedError otherwise.
// A pqxx exception never leaves this class's callers: unique violations become
// DuplicateError, everything else StoreError. A lost connection is replaced by
// a new one (statements prepared again) at the next use outside a transaction.
#include <functional>
#include <memory>
#include <optional>
#include <pqxx/pqxx>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "store/fencing_token.hpp"
#include "store/postgres/pg_values.hpp"

namespace livedesk::store::postgres {

// Rethrows the exception being handled: a pqxx one as DuplicateError (unique
// violation) or StoreError (anything else), any other unchanged. Call only
// inside a catch block.
[[noreturn]] void rethrow_as_store_error();

// The live connection with its transaction stack; see the header comment.
class PgConnection {
 public:
  // Connects to `url` (a libpq URI or key=value string). StoreError if it cannot.
  explicit PgConnection(std::string url);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Prepares `statements` now, so a broken one fails at open, and again on
  // every reconnect. Call once the schema is migrated, outside transactions.
  void prepare(std::span<const PgStatement> statements);

  // The bare connection, for migrations at open (before anything is prepared).
  pqxx::connection& raw() { return *connection_; }

  // Runs `body(tx)` for a method that only reads.
  template <class Body>
  auto read(Body&& body) {
    return run_returning(false, std::forward<Body>(body));
  }
  // Runs `body(tx)` for a method that writes: all of it or none takes effect.
  template <class Body>
  auto write(Body&& body) {
    return run_returning(true, std::forward<Body>(body));
  }
  // A write whose failure fails the whole job (no caller catches it and goes
  // on): no savepoint of its own, so it costs one round trip instead of three.
  // A failure poisons the level like a failed read; the job's own savepoint
  // (the executor's nested run_in_transaction) rolls it back. The chat hot path
  // (a message insert and the session's next seq) uses it.
  template <class Body>
  auto write_unguarded(Body&& body) {
    return run_returning(false, std::forward<Body>(body));
  }

  // Store::fence_writes. Call outside transactions.
  void fence_writes(std::optional<FencingToken> token) { fence_ = std::move(token); }

  // run_in_transaction: commits what `work` wrote, or (it threw) rolls back;
  // nested calls are savepoints. Exceptions from `work` propagate unchanged.
  void transaction(const std::function<void()>& work);

 private:
  // One transaction level: the outermost BEGIN or a nested savepoint.
  struct Level {
    bool poisoned = false;  // a statement of this level failed outside any savepoint
  };

  template <class Body>
  auto run_returning(bool writes, Body&& body) {
    using Result = std::invoke_result_t<Body&, pqxx::transaction_base&>;
    if constexpr (std::is_void_v<Result>) {
      run(writes, [&](pqxx::transaction_base& tx) { body(tx); });
    } else {
      std::optional<Result> result;
      run(writes, [&](pqxx::transaction_base& tx) { result.emplace(body(tx)); });
      return std::move(*result);
    }
  }

  void run(bool writes, const std::function<void(pqxx::transaction_base&)>& body);
  void transaction_outermost(const std::function<void()>& work);
  void transaction_nested(const std::function<void()>& work);
  void ensure_connected();
  // The fence check (see the header comment) as the first statement of `tx`.
  void prove_lead(pqxx::transaction_base& tx);
  void connect();
  // SAVEPOINT name; on failure the enclosing level is poisoned and StoreError thrown.
  void savepoint(const char* name);
  void release(const char* name);
  // ROLLBACK TO + RELEASE; never throws (the error that caused it is the one to report).
  void roll_back_to(const char* name) noexcept;
  void end_outermost() noexcept;

  std::string url_;
  std::unique_ptr<pqxx::connection> connection_;
  std::vector<PgStatement> statements_;      // prepared on every (re)connect
  std::optional<FencingToken> fence_;
  std::unique_ptr<pqxx::work> transaction_;  // open while levels_ is not empty
  std::vector<Level> levels_;                // [0] the outermost transaction
  // A job's savepoint (a unit right under the outermost transaction) that
  // succeeded is released together with the next job's SAVEPOINT, in one
  // round trip, or by COMMIT: one round trip less per job of a group commit.
  bool unit_release_pending_ = false;
};

}  // namespace livedesk::store::postgres
