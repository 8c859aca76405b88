#include "domain/api_scope.hpp"

#include <gtest/gtest.h>

namespace livedesk::domain {
namespace {

TEST(ApiScopes, EveryNameRoundTrips) {
  for (const auto& [scope, name] : kApiScopes) {
    EXPECT_EQ(to_string(scope), name);
    EXPECT_EQ(parse_api_scope(name), scope);
  }
  EXPECT_EQ(parse_api_scope("events"), std::nullopt);
}

TEST(ApiScopes, AdminAllowsEverythingOthersOnlyThemselves) {
  ApiScopes reader;
  reader.add(ApiScope::events_read);
  EXPECT_TRUE(reader.allow(ApiScope::events_read));
  EXPECT_FALSE(reader.allow(ApiScope::conversations_read));
  EXPECT_FALSE(reader.allow(ApiScope::admin));
  ApiScopes admin;
  admin.add(ApiScope::admin);
  for (const auto& [scope, name] : kApiScopes) EXPECT_TRUE(admin.allow(scope)) << name;
}

TEST(ApiScopes, TextFormRoundTripsAndSkipsUnknownNames) {
  ApiScopes scopes;
  scopes.add(ApiScope::messages_write);
  scopes.add(ApiScope::conversations_read);
  EXPECT_EQ(scopes.to_text(), "conversations:read messages:write");
  const auto back = ApiScopes::from_text("conversations:read retired:scope messages:write");
  EXPECT_EQ(back.to_text(), scopes.to_text());
  EXPECT_TRUE(ApiScopes::from_text("").empty());
}

}  // namespace
}  // namespace livedesk::domain
