// Contact attributes: validation, patches and merges.
#include "service/contact_attributes.hpp"

#include <gtest/gtest.h>

namespace livedesk::service {
namespace {

TEST(ContactAttributes, APatchSetsAndRemovesKeys) {
  std::string problem;
  EXPECT_EQ(apply_attributes(R"({"plan":"free","seats":2})", R"({"plan":"pro","seats":null,"vip":true})", problem),
            R"({"plan":"pro","vip":true})");
  EXPECT_EQ(apply_attributes("not json", R"({"a":1})", problem), R"({"a":1})");
}

TEST(ContactAttributes, RefusesWhatTheApiForbids) {
  std::string problem;
  EXPECT_FALSE(apply_attributes("{}", "[1]", problem).has_value());
  EXPECT_EQ(problem, "attributes must be an object");
  EXPECT_TRUE(attributes_problem(R"({"a":{"b":1}})").has_value());
  EXPECT_TRUE(attributes_problem(R"({"a":[1]})").has_value());
  EXPECT_TRUE(attributes_problem(R"({"":1})").has_value());
  EXPECT_TRUE(attributes_problem("{\"" + std::string(65, 'k') + "\":1}").has_value());
  EXPECT_FALSE(attributes_problem("{\"" + std::string(64, 'k') + "\":1}").has_value());
  EXPECT_TRUE(attributes_problem("{\"k\":\"" + std::string(1025, 'v') + "\"}").has_value());
  std::string fifty = "{";
  for (int i = 0; i < 50; ++i) fifty += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":1";
  fifty += "}";
  EXPECT_TRUE(apply_attributes("{}", fifty, problem).has_value());
  EXPECT_FALSE(apply_attributes(R"({"extra":1})", fifty, problem).has_value());
  EXPECT_EQ(problem, "a contact may have at most 50 attributes");
}

TEST(ContactAttributes, FillKeepsTheCurrentValues) {
  EXPECT_EQ(fill_attributes(R"({"plan":"pro"})", R"({"plan":"free","city":"Oslo"})"),
            R"({"plan":"pro","city":"Oslo"})");
}

}  // namespace
}  // namespace livedesk::service
