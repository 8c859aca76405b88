// Rows to read models where there is more to it than copying: the search snippet's hit markers.
#include "service/chat_views.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace livedesk::service {
namespace {

using Segments = std::vector<std::pair<std::string, bool>>;

Segments split(const std::string& text) {
  Segments out;
  for (const auto& s : snippet_segments(text)) out.emplace_back(s.text, s.hit);
  return out;
}

const std::string S = store::kHitStart, E = store::kHitEnd;

TEST(SnippetSegments, SplitsAtTheMarkersAndDropsThem) {
  EXPECT_EQ(split("my " + S + "zipper" + E + " is " + S + "stuck" + E),
            (Segments{{"my ", false}, {"zipper", true}, {" is ", false}, {"stuck", true}}));
  EXPECT_EQ(split(S + "Müller" + E), (Segments{{"Müller", true}}));
  EXPECT_EQ(split("no hit at all"), (Segments{{"no hit at all", false}}));
  EXPECT_TRUE(split("").empty());
  // Two hits side by side are one piece; empty hits leave nothing.
  EXPECT_EQ(split("a " + S + "b" + E + S + "c" + E + S + E + " d"),
            (Segments{{"a ", false}, {"bc", true}, {" d", false}}));
}

TEST(SnippetSegments, AStrayMarkerOnlyStartsOrEndsAPiece) {
  EXPECT_EQ(split("a" + E + "b"), (Segments{{"ab", false}}));
  EXPECT_EQ(split("a" + S + "b"), (Segments{{"a", false}, {"b", true}}));
  EXPECT_EQ(split("a" + S + "b" + S + "c" + E + "d"), (Segments{{"a", false}, {"bc", true}, {"d", false}}));
}

}  // namespace
}  // namespace livedesk::service
