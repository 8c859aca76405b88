// The election on a real PostgreSQL: one leader at a time, with an epoch
// that grows at each claim; the lead handed over when its holder stops, gives
// it back after a failed load, or stalls past its lease (the stalled holder's
// connections are ended and it steps down when it wakes).
#include "store/postgres/leader_lease.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>

#include "store/test_support/pg_test_database.hpp"

namespace livedesk::store {
namespace {
using namespace std::chrono_literals;
using test_support::PgTestDatabase;

// What one lease reported, for the test thread to wait on.
struct LeaseEvents {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::int64_t> loads;  // epochs on_elected was called with
  std::vector<bool> step_downs;     // was_leading of each on_stepped_down
  bool fail_loads = false;
  bool stall = false;  // blocks the lease thread in on_leader_changed while true

  template <class Predicate>
  bool wait(Predicate predicate, std::chrono::seconds timeout = 30s) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, timeout, [&] { return predicate(); });
  }
};

class LeaderLeaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto url = test_support::postgres_test_url();
    if (!url) GTEST_SKIP() << test_support::kNoPostgres;
    db_ = std::make_unique<PgTestDatabase>(*url);
  }

  std::unique_ptr<LeaderLease> lease(const std::string& node, LeaseEvents& events) {
    LeaderLeaseOptions options;
    options.backend_name = "lease_" + node;
    options.database_url = db_->url_named(options.backend_name);
    options.node_id = node;
    options.node_url = "http://" + node;
    options.poll = 50ms;
    options.lease = 500ms;
    options.retry_max = 200ms;
    auto lease = std::make_unique<LeaderLease>(options);
    lease->on_elected = [&events](const FencingToken& token) {
      std::promise<void> loaded;
      std::lock_guard lock(events.mutex);
      events.loads.push_back(token.epoch);
      if (events.fail_loads) loaded.set_exception(std::make_exception_ptr(std::runtime_error("load failed")));
      else loaded.set_value();
      events.changed.notify_all();
      return loaded.get_future();
    };
    lease->on_stepped_down = [&events](const std::string&, bool was_leading) {
      std::lock_guard lock(events.mutex);
      events.step_downs.push_back(was_leading);
      events.changed.notify_all();
    };
    lease->on_leader_changed = [&events](const std::string&, std::int64_t) {
      std::unique_lock lock(events.mutex);
      events.changed.wait(lock, [&] { return !events.stall; });
    };
    lease->start();
    return lease;
  }

  static bool wait_until(const std::function<bool()>& condition) {
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (!condition()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      std::this_thread::sleep_for(10ms);
    }
    return true;
  }

  std::unique_ptr<PgTestDatabase> db_;
};

TEST_F(LeaderLeaseTest, OneLeadsAndTheOtherTakesOverWithANewEpochWhenItStops) {
  LeaseEvents a_events, b_events;
  auto a = lease("a", a_events);
  ASSERT_TRUE(wait_until([&] { return a->leading(); }));
  auto b = lease("b", b_events);
  ASSERT_TRUE(wait_until([&] { return b->leader_node() == "a"; }));
  EXPECT_FALSE(b->leading());
  const auto first_epoch = a->epoch();

  a->stop();
  ASSERT_TRUE(wait_until([&] { return b->leading(); }));
  EXPECT_GT(b->epoch(), first_epoch);
  std::lock_guard lock(b_events.mutex);
  EXPECT_EQ(b_events.loads, std::vector<std::int64_t>{b->epoch()}) << "loaded once, under the epoch it leads with";
}

TEST_F(LeaderLeaseTest, ANodeThatCannotLoadGivesTheLeadBack) {
  LeaseEvents a_events, b_events;
  a_events.fail_loads = true;
  auto a = lease("a", a_events);
  ASSERT_TRUE(a_events.wait([&] { return !a_events.loads.empty(); }));
  auto b = lease("b", b_events);
  ASSERT_TRUE(wait_until([&] { return b->leading(); })) << "a must release the lock after its failed load";
  EXPECT_FALSE(a->leading());
  ASSERT_TRUE(wait_until([&] { return a->leader_node() == "b"; })) << "and the row names b, the node that leads";
  std::lock_guard lock(a_events.mutex);
  ASSERT_FALSE(a_events.step_downs.empty());
  EXPECT_FALSE(a_events.step_downs.front()) << "a never led";
}

TEST_F(LeaderLeaseTest, AStalledLeaderIsReplacedAfterItsLeaseAndStepsDownWhenItWakes) {
  LeaseEvents a_events, b_events;
  a_events.stall = true;  // a's lease thread stops right after it starts leading, as a paused process would
  auto a = lease("a", a_events);
  ASSERT_TRUE(wait_until([&] { return a->leading(); }));
  std::int64_t first_epoch = 0;
  {
    std::lock_guard lock(a_events.mutex);
    first_epoch = a_events.loads.back();
  }
  auto b = lease("b", b_events);
  ASSERT_TRUE(wait_until([&] { return b->leading(); })) << "b must take over once a's lease ran out";
  EXPECT_GT(b->epoch(), first_epoch);
  {
    std::lock_guard lock(a_events.mutex);
    a_events.stall = false;
  }
  a_events.changed.notify_all();
  ASSERT_TRUE(a_events.wait([&] { return !a_events.step_downs.empty(); })) << "a must step down when it wakes";
  EXPECT_TRUE(a_events.step_downs.front());
  EXPECT_FALSE(a->leading());
  EXPECT_TRUE(b->leading());
  ASSERT_TRUE(wait_until([&] { return a->leader_node() == "b"; }));
}

TEST_F(LeaderLeaseTest, ALeaderThatResignsGivesTheLeadToAnotherNode) {
  LeaseEvents a_events, b_events;
  auto a = lease("a", a_events);
  ASSERT_TRUE(wait_until([&] { return a->leading(); }));
  auto b = lease("b", b_events);
  ASSERT_TRUE(wait_until([&] { return b->leader_node() == "a"; }));
  a->resign("its engine is ahead of the database");
  ASSERT_TRUE(a_events.wait([&] { return !a_events.step_downs.empty(); }));
  EXPECT_TRUE(a_events.step_downs.front());
  ASSERT_TRUE(wait_until([&] { return b->leading(); })) << "a backs off, so b claims the lead it released";
  EXPECT_FALSE(a->leading());
}

}  // namespace
}  // namespace livedesk::store
