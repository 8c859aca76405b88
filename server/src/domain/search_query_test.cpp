#include "domain/search_query.hpp"

#include <gtest/gtest.h>

namespace livedesk::domain {
namespace {

using Kind = SearchTerm::Kind;

SearchTerm term(Kind kind, std::vector<std::string> words, bool excluded = false) {
  return SearchTerm{kind, std::move(words), excluded};
}

std::string refusal(std::string_view text) {
  try {
    SearchQuery::parse(text);
  } catch (const SearchQueryError& error) {
    return error.what();
  }
  return "";
}

TEST(SearchQuery, WordsSeparatedBySpacesAreAllRequired) {
  const auto query = SearchQuery::parse("  Refund   ORDER 42 ");
  EXPECT_EQ(query.terms(), (std::vector{term(Kind::word, {"refund"}), term(Kind::word, {"order"}),
                                        term(Kind::word, {"42"})}));
  EXPECT_EQ(query.fts5(), R"("refund" AND "order" AND "42")");
  EXPECT_EQ(query.tsquery(), "'refund' & 'order' & '42'");
}

TEST(SearchQuery, PhrasePrefixAndExclusion) {
  const auto query = SearchQuery::parse(R"("late delivery" ref* -spam -"gift card")");
  EXPECT_EQ(query.terms(), (std::vector{term(Kind::phrase, {"late", "delivery"}), term(Kind::prefix, {"ref"}),
                                        term(Kind::word, {"spam"}, true),
                                        term(Kind::phrase, {"gift", "card"}, true)}));
  EXPECT_EQ(query.fts5(), R"(("late delivery" AND "ref"*) NOT "spam" NOT "gift card")");
  EXPECT_EQ(query.tsquery(), "('late' <-> 'delivery') & 'ref':* & !'spam' & !('gift' <-> 'card')");
  EXPECT_EQ(query.canonical(), R"("late delivery" ref* -spam -"gift card")");
}

TEST(SearchQuery, PunctuationSeparatesWordsAndJoinedWordsAreAPhrase) {
  const auto query = SearchQuery::parse("e-mail, (refund) AND|OR NEAR(x) 10.55*");
  EXPECT_EQ(query.terms(), (std::vector{term(Kind::phrase, {"e", "mail"}), term(Kind::word, {"refund"}),
                                        term(Kind::phrase, {"and", "or"}), term(Kind::phrase, {"near", "x"}),
                                        term(Kind::prefix, {"10", "55"})}));
  // Operators typed by the user are words, quoted on both backends.
  EXPECT_EQ(query.fts5(), R"("e mail" AND "refund" AND "and or" AND "near x" AND "10 55"*)");
  EXPECT_EQ(query.tsquery(), "('e' <-> 'mail') & 'refund' & ('and' <-> 'or') & ('near' <-> 'x') & ('10' <-> '55':*)");
  EXPECT_EQ(SearchQuery::parse(query.canonical()).terms(), query.terms());
}

TEST(SearchQuery, QuotesAndBackslashesNeverReachTheRenderings) {
  const auto query = SearchQuery::parse(R"(it's a\b ''x'' "a ""b")");
  EXPECT_EQ(query.fts5(), R"("it s" AND "a b" AND "x" AND "a" AND "b")");
  EXPECT_EQ(query.tsquery(), "('it' <-> 's') & ('a' <-> 'b') & 'x' & 'a' & 'b'");
}

TEST(SearchQuery, NonLatinScriptsAndAccentsAreWordsAsTyped) {
  const auto query = SearchQuery::parse("Résumé Привет «мир» Καλημέρα 東京 ｢x｣");
  EXPECT_EQ(query.terms(), (std::vector{term(Kind::word, {"résumé"}), term(Kind::word, {"Привет"}),
                                        term(Kind::word, {"мир"}), term(Kind::word, {"Καλημέρα"}),
                                        term(Kind::word, {"東京"}), term(Kind::word, {"x"})}));
  // Curly apostrophes (which unaccent turns into ') separate words.
  EXPECT_EQ(SearchQuery::parse("don\u2019t").tsquery(), "('don' <-> 't')");
}

TEST(SearchQuery, DashesAndStarsOnTheirOwnAreIgnored) {
  EXPECT_EQ(SearchQuery::parse("- --refund * \"\" -\"\" ... ok").terms(),
            (std::vector{term(Kind::word, {"refund"}, true), term(Kind::word, {"ok"})}));
  EXPECT_EQ(SearchQuery::parse("a - b").terms(), (std::vector{term(Kind::word, {"a"}), term(Kind::word, {"b"})}));
}

TEST(SearchQuery, RefusesWhatCannotBeSearched) {
  EXPECT_EQ(refusal(""), "a search needs at least one word that is not excluded");
  EXPECT_EQ(refusal(" -spam -\"x y\" ,, "), "a search needs at least one word that is not excluded");
  EXPECT_EQ(refusal("refund \"late delivery"), "a phrase is missing its closing quote (\")");
  EXPECT_EQ(refusal("r*"), "a prefix needs at least 2 letters or digits before the *");
  EXPECT_EQ(refusal("ab-c*"), "a prefix needs at least 2 letters or digits before the *");
  EXPECT_EQ(refusal("é*"), "a prefix needs at least 2 letters or digits before the *");
  EXPECT_EQ(SearchQuery::parse("éa*").tsquery(), "'éa':*");
  EXPECT_EQ(refusal("\xC3"), "the search text is not valid UTF-8");
  EXPECT_EQ(refusal("\xC0\xAF"), "the search text is not valid UTF-8");       // overlong
  EXPECT_EQ(refusal("\xED\xA0\x80"), "the search text is not valid UTF-8");   // a surrogate
  EXPECT_EQ(refusal(std::string(1025, 'a')), "a search is at most 1024 bytes long");
  std::string sixteen, seventeen;
  for (int i = 0; i < 16; ++i) sixteen += "w" + std::to_string(i) + " ";
  seventeen = sixteen + "-x";
  EXPECT_EQ(SearchQuery::parse(sixteen).terms().size(), 16u);
  EXPECT_EQ(refusal(seventeen), "a search takes at most 16 terms");
}

TEST(SearchQuery, AnExclusionAloneAfterOneRequiredTermIsNotParenthesised) {
  EXPECT_EQ(SearchQuery::parse("refund -spam").fts5(), R"("refund" NOT "spam")");
  EXPECT_EQ(SearchQuery::parse("-spam refund").tsquery(), "!'spam' & 'refund'");
  EXPECT_EQ(SearchQuery::parse("-spam refund").fts5(), R"("refund" NOT "spam")");
}

}  // namespace
}  // namespace livedesk::domain
