#include "domain/tag_rules.hpp"

#include <gtest/gtest.h>

#include <string>

namespace livedesk::domain {
namespace {

TEST(TagRules, NamesAreTrimmedAndHoldOneToSixtyFourCharacters) {
  EXPECT_EQ(normalized_label_name("  VIP \t"), "VIP");
  EXPECT_EQ(normalized_label_name("Rückruf"), "Rückruf");
  EXPECT_FALSE(normalized_label_name("").has_value());
  EXPECT_FALSE(normalized_label_name("   ").has_value());
  EXPECT_TRUE(normalized_label_name(std::string(64, 'a')).has_value());
  EXPECT_FALSE(normalized_label_name(std::string(65, 'a')).has_value());
  // 64 two-byte characters are 128 bytes and still fit.
  std::string umlauts;
  for (int i = 0; i < 64; ++i) umlauts += "ü";
  EXPECT_TRUE(normalized_label_name(umlauts).has_value());
  EXPECT_FALSE(normalized_label_name("a\nb").has_value());
}

TEST(TagRules, ColoursAreHashAndSixHexDigitsOrEmpty) {
  EXPECT_TRUE(is_label_color(""));
  EXPECT_TRUE(is_label_color("#a0B1c2"));
  EXPECT_FALSE(is_label_color("a0b1c2"));
  EXPECT_FALSE(is_label_color("#a0b1c"));
  EXPECT_FALSE(is_label_color("#a0b1cg"));
  EXPECT_FALSE(is_label_color("red"));
}

}  // namespace
}  // namespace livedesk::domain
