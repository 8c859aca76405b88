#pragma once
// The conversation search syntax (docs/api.md, "Conversations and search"), parsed into terms and rendered for
// both backends. Words separated by spaces must all occur; "two words" is a phrase; pre* a prefix (at least 2
// characters before the *); -word / -"a phrase" excludes; anything that is not a letter or digit separates words,
// and a run of words joined by punctuation (e-mail, 10.5) is a phrase of its words, as the indexers store them.
// Case and accents are folded by the databases (FTS5 unicode61 remove_diacritics, PostgreSQL unaccent + simple),
// so a term keeps its letters as typed (ASCII lowercased). A query that cannot be searched throws
// SearchQueryError, whose message is the 400 bad_query message. No I/O; the renderings quote every word, so no
// user text is ever an operator of either backend.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace livedesk::domain {

// A query that cannot be searched; what() says why, for the user.
class SearchQueryError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// One term of a query: a word, a phrase (two or more words, adjacent and in order) or a prefix (its last word
// is a prefix), either required or excluded.
struct SearchTerm {
  enum class Kind { word, phrase, prefix };
  Kind kind = Kind::word;
  std::vector<std::string> words;  // UTF-8, never empty, each without separators
  bool excluded = false;

  friend bool operator==(const SearchTerm&, const SearchTerm&) = default;
};

// A parsed query: at least one required term, at most kMaxTerms terms in all.
class SearchQuery {
 public:
  static constexpr std::size_t kMaxTerms = 16;
  static constexpr std::size_t kMaxBytes = 1024;
  static constexpr std::size_t kMinPrefixChars = 2;

  // Parses `text` (UTF-8). Throws SearchQueryError for invalid UTF-8, a missing closing quote, a prefix too
  // short, more than kMaxTerms terms, more than kMaxBytes bytes, or no required term.
  static SearchQuery parse(std::string_view text);

  const std::vector<SearchTerm>& terms() const { return terms_; }

  // An SQLite FTS5 MATCH expression: ("a" AND "b c" AND "pre"*) NOT "x" ... (every word in double quotes).
  std::string fts5() const;
  // The text for PostgreSQL's to_tsquery('simple', public.unaccent($1)): 'a' & ('b' <-> 'c') & 'pre':* & !'x'
  // (every lexeme in single quotes).
  std::string tsquery() const;
  // The query in its own syntax, normalised (what a cursor remembers): parse(canonical()) gives the same terms.
  std::string canonical() const;

 private:
  std::vector<SearchTerm> terms_;
};

}  // namespace livedesk::domain
