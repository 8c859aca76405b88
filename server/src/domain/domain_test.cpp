#include <gtest/gtest.h>

#include "domain/iso_time.hpp"
#include "domain/role.hpp"

using namespace livedesk::domain;

TEST(Role, OrdersAdminOverSupervisorOverAgent) {
  EXPECT_TRUE(has_at_least(Role::admin, Role::supervisor));
  EXPECT_TRUE(has_at_least(Role::supervisor, Role::supervisor));
  EXPECT_FALSE(has_at_least(Role::agent, Role::supervisor));
  EXPECT_FALSE(has_at_least(Role::supervisor, Role::admin));
}

TEST(Role, ParsesOnlyKnownNames) {
  EXPECT_EQ(parse_role("admin"), Role::admin);
  EXPECT_EQ(parse_role("agent"), Role::agent);
  EXPECT_FALSE(parse_role("Admin").has_value());
  EXPECT_FALSE(parse_role("").has_value());
  EXPECT_EQ(to_string(Role::supervisor), "supervisor");
}

TEST(IsoTime, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_iso8601(from_unix_ms(1795551303123)), "2026-11-24T20:15:03.123Z");
  EXPECT_EQ(format_iso8601(from_unix_ms(0)), "1970-01-01T00:00:00.000Z");
}

TEST(ManualClock, MovesOnlyWhenAdvanced) {
  ManualClock clock(from_unix_ms(1000));
  EXPECT_EQ(to_unix_ms(clock.now()), 1000);
  clock.advance(std::chrono::milliseconds(250));
  EXPECT_EQ(to_unix_ms(clock.now()), 1250);
}
