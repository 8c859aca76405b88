#include "service/account_service.hpp"

#include "auth/password_hasher.hpp"
#include "domain/iso_time.hpp"
#include "service/staff_views.hpp"
#include "store/store_executor.hpp"

namespace livedesk::service {

void AccountService::create(const Principal& actor, NewAccount account,
                            std::function<void(CreateAccountOutcome)> done) {
  if (auto problem = account_problem(account)) {
    done(AccountRejected{AccountRejected::Reason::invalid, *problem});
    return;
  }
  // Argon2id is slow on purpose; hash on the crypto worker, not the store thread.
  bool queued = crypto_.post([this, actor, account = std::move(account), done]() mutable {
    store::NewStaffUser user{account.username, account.name.empty() ? account.username : account.name, account.role,
                             auth::hash_password(account.password), domain::to_unix_ms(clock_.now())};
    bool stored = store_.post_write([this, actor, user = std::move(user), done](store::Store& store,
                                                                               store::CommitHooks& hooks) {
      try {
        const auto id = store.accounts().create(user);
        audit_.record_now(store, actor.user_id, "user.created", "user", std::to_string(id),
                          R"({"role":")" + std::string(domain::to_string(user.role)) + R"("})");
        hooks.after_commit([done, created = to_view(*store.accounts().find(id))](bool committed) {
          if (committed) return done(AccountCreated{created});
          done(AccountRejected{AccountRejected::Reason::unavailable, "the database did not save the account"});
        });
      } catch (const store::DuplicateError&) {
        done(AccountRejected{AccountRejected::Reason::taken, "username '" + user.username + "' is already taken"});
      } catch (const std::exception& error) {
        done(AccountRejected{AccountRejected::Reason::unavailable, error.what()});
      }
    });
    if (!stored) done(AccountRejected{AccountRejected::Reason::unavailable, "shutting down"});
  });
  if (!queued) done(AccountRejected{AccountRejected::Reason::unavailable, "shutting down"});
}

namespace {
// Runs a read on a reader connection; a store failure reaches `done` as nullopt.
template <class Result, class Read>
bool read_from(store::StoreExecutor& executor, Read read, std::function<void(std::optional<Result>)> done) {
  return executor.post_read([read = std::move(read), done = std::move(done)](store::Store& store) {
    std::optional<Result> result;
    try {
      result = read(store);
    } catch (const std::exception&) {
      result.reset();
    }
    done(std::move(result));
  });
}
}  // namespace

bool AccountService::list(std::function<void(std::optional<std::vector<domain::StaffView>>)> done) {
  return read_from<std::vector<domain::StaffView>>(
      store_,
      [](store::Store& store) {
        std::vector<domain::StaffView> users;
        for (const auto& user : store.accounts().list()) users.push_back(to_view(user));
        return users;
      },
      std::move(done));
}

bool AccountService::audit_page(domain::AuditQuery query,
                                std::function<void(std::optional<std::vector<domain::AuditEntryView>>)> done) {
  return read_from<std::vector<domain::AuditEntryView>>(
      store_,
      [query](store::Store& store) {
        std::vector<domain::AuditEntryView> entries;
        for (const auto& entry : store.audit().query(query)) entries.push_back(to_view(entry));
        return entries;
      },
      std::move(done));
}

bool AccountService::find(std::int64_t user_id, std::function<void(FindAccountOutcome)> done) {
  return store_.post_read([user_id, done = std::move(done)](store::Store& store) {
    std::optional<store::StaffUser> user;
    try {
      user = store.accounts().find(user_id);
    } catch (const std::exception&) {
      return done(AccountLookupFailed{});
    }
    if (!user) return done(AccountMissing{});
    done(AccountFound{to_view(*user)});
  });
}

}  // namespace livedesk::service
