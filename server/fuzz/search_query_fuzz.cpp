// Conversation search queries (domain/search_query) over any bytes: a parse either refuses with
// SearchQueryError (the 400 bad_query) or gives 1..16 terms, at least one required, none empty; both renderings
// are well-formed (every quote closed, parentheses balanced, nothing outside quotes but the operators the
// renderer writes), and the canonical form parses back to the same terms.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "domain/search_query.hpp"
#include "fakes/fuzz_check.hpp"

namespace {
using livedesk::domain::SearchQuery;
using livedesk::domain::SearchQueryError;

// Skips a quoted string at text[i] (a doubled quote inside is one quote); the index after it, or npos if open.
std::size_t skip_quoted(std::string_view text, std::size_t i, char quote) {
  for (++i; i < text.size(); ++i) {
    if (text[i] != quote) continue;
    if (i + 1 < text.size() && text[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  return std::string_view::npos;
}

// True when `text` is quoted strings and the given operators only, with balanced parentheses.
bool well_formed(std::string_view text, char quote, std::initializer_list<std::string_view> operators) {
  int depth = 0;
  std::size_t quoted = 0;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == quote) {
      i = skip_quoted(text, i, quote);
      if (i == std::string_view::npos) return false;
      ++quoted;
    } else if (c == ' ') {
      ++i;
    } else if (c == '(') {
      ++depth, ++i;
    } else if (c == ')') {
      if (--depth < 0) return false;
      ++i;
    } else {
      bool known = false;
      for (std::string_view op : operators)
        if (text.substr(i, op.size()) == op) {
          i += op.size(), known = true;
          break;
        }
      if (!known) return false;
    }
  }
  return depth == 0 && quoted > 0;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  std::optional<SearchQuery> query;
  try {
    query = SearchQuery::parse(text);
  } catch (const SearchQueryError& error) {
    FUZZ_CHECK(std::string_view(error.what()).size() > 0);
    return 0;
  }
  const auto& terms = query->terms();
  FUZZ_CHECK(!terms.empty() && terms.size() <= SearchQuery::kMaxTerms);
  bool required = false;
  for (const auto& term : terms) {
    required = required || !term.excluded;
    FUZZ_CHECK(!term.words.empty());
    for (const auto& word : term.words) FUZZ_CHECK(!word.empty() && word.size() <= text.size());
  }
  FUZZ_CHECK(required);
  FUZZ_CHECK(well_formed(query->fts5(), '"', {"AND", "NOT", "*"}));
  FUZZ_CHECK(well_formed(query->tsquery(), '\'', {"&", "!", "<->", ":*"}));
  const std::string canonical = query->canonical();
  if (canonical.size() <= SearchQuery::kMaxBytes) FUZZ_CHECK(SearchQuery::parse(canonical).terms() == terms);
  return 0;
}
