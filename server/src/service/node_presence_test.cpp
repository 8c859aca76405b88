#include "service/node_presence.hpp"

#include <gtest/gtest.h>

#include <map>

namespace livedesk::service {
namespace {

// Counts open sockets the way the engine would, from the delta calls.
struct Counts {
  std::map<std::int64_t, int> staff, customers;
  PresenceDelta delta() {
    return {[this](const Actor& a) { ++staff[a.id]; }, [this](const Actor& a) { --staff[a.id]; },
            [this](std::int64_t s) { ++customers[s]; }, [this](std::int64_t s) { --customers[s]; }};
  }
};

const Actor kAnn = Actor::staff(7, domain::Role::agent, "ann");

PresenceReport staff_report(const std::string& node, std::int64_t version, int sockets, bool complete = false) {
  PresenceReport report;
  report.node_id = node;
  report.version = version;
  report.staff = {{kAnn, sockets}};
  report.complete = complete;
  return report;
}

TEST(NodePresence, AbsoluteCountsBecomeOneCallPerSocket) {
  NodePresence presence;
  Counts counts;
  presence.apply(staff_report("a", 1, 2), counts.delta());
  EXPECT_EQ(counts.staff[7], 2);
  presence.apply(staff_report("a", 2, 1), counts.delta());
  EXPECT_EQ(counts.staff[7], 1);
}

TEST(NodePresence, AnOlderReportThatArrivesLateChangesNothing) {
  NodePresence presence;
  Counts counts;
  presence.apply(staff_report("a", 1, 1), counts.delta());
  presence.apply(staff_report("a", 3, 0), counts.delta());  // the disconnect overtook...
  presence.apply(staff_report("a", 2, 1), counts.delta());  // ...the report sent before it
  EXPECT_EQ(counts.staff[7], 0);
}

TEST(NodePresence, NodesAreCountedApartAndAGoneNodesSocketsClose) {
  NodePresence presence;
  Counts counts;
  presence.apply(staff_report("a", 1, 1), counts.delta());
  presence.apply(staff_report("b", 1, 2), counts.delta());
  PresenceReport customers;
  customers.node_id = "b";
  customers.version = 2;
  customers.customers = {{40, 1}};
  presence.apply(customers, counts.delta());
  EXPECT_EQ(counts.staff[7], 3);
  EXPECT_EQ(counts.customers[40], 1);
  presence.forget("b", counts.delta());
  EXPECT_EQ(counts.staff[7], 1);
  EXPECT_EQ(counts.customers[40], 0);
  presence.forget("b", counts.delta());  // twice is harmless
  EXPECT_EQ(counts.staff[7], 1);
}

TEST(NodePresence, ACompleteReportClosesWhatItNoLongerLists) {
  NodePresence presence;
  Counts counts;
  presence.apply(staff_report("a", 1, 2), counts.delta());
  PresenceReport everything;
  everything.node_id = "a";
  everything.version = 2;
  everything.customers = {{41, 1}};
  everything.complete = true;
  presence.apply(everything, counts.delta());
  EXPECT_EQ(counts.staff[7], 0);
  EXPECT_EQ(counts.customers[41], 1);
}

}  // namespace
}  // namespace livedesk::service
