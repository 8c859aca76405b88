#include "domain/search_query.hpp"

#include <cstdint>
#include <optional>

namespace livedesk::domain {
namespace {

// One code point of the query and where its bytes are.
struct CodePoint {
  char32_t value;
  std::size_t begin;
  std::size_t end;
};

// Decodes strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF), or throws.
std::vector<CodePoint> decode(std::string_view text) {
  std::vector<CodePoint> out;
  std::size_t i = 0;
  auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  while (i < text.size()) {
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    char32_t value = 0;
    char32_t min = 0;
    if (lead < 0x80) {
      length = 1, value = lead;
    } else if ((lead & 0xE0) == 0xC0) {
      length = 2, value = lead & 0x1F, min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3, value = lead & 0x0F, min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4, value = lead & 0x07, min = 0x10000;
    } else {
      throw SearchQueryError("the search text is not valid UTF-8");
    }
    if (i + length > text.size()) throw SearchQueryError("the search text is not valid UTF-8");
    for (std::size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) throw SearchQueryError("the search text is not valid UTF-8");
      value = (value << 6) | (byte(i + k) & 0x3F);
    }
    if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
      throw SearchQueryError("the search text is not valid UTF-8");
    out.push_back({value, i, i + length});
    i += length;
  }
  return out;
}

// Whitespace ends a chunk (a run of words joined by punctuation).
bool is_space(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

// A letter or digit of a word. ASCII: letters and digits only. Beyond ASCII everything is a letter except the
// punctuation and symbol blocks below: an approximation of the databases' tokenizers (which decide in the end)
// that keeps out every character PostgreSQL's unaccent turns into a quote or an operator.
bool is_word(char32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  if (c < 0xC0) return c == 0xAA || c == 0xB2 || c == 0xB3 || c == 0xB5 || c == 0xB9 || c == 0xBA;
  if (c == 0xD7 || c == 0xF7) return false;                 // × ÷
  if (c >= 0x02B0 && c <= 0x02FF) return false;             // spacing modifiers (primes, apostrophes)
  if (c == 0x037E || c == 0x0387) return false;             // Greek question mark, ano teleia
  if (c >= 0x2000 && c <= 0x2BFF) return false;             // punctuation, symbols, arrows, shapes
  if (c >= 0x2E00 && c <= 0x2E7F) return false;             // supplemental punctuation
  if (c >= 0x3000 && c <= 0x303F) return false;             // CJK punctuation
  if (c == 0x30FB) return false;                            // katakana middle dot
  if (c >= 0xFE10 && c <= 0xFE1F) return false;             // vertical forms
  if (c >= 0xFE30 && c <= 0xFE6F) return false;             // CJK compatibility / small forms
  if (c >= 0xFF00 && c <= 0xFF0F) return false;             // fullwidth punctuation
  if (c >= 0xFF1A && c <= 0xFF20) return false;
  if (c >= 0xFF3B && c <= 0xFF40) return false;
  if (c >= 0xFF5B && c <= 0xFF65) return false;
  if (c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFF)) return false;  // specials
  if (c >= 0xE000 && c <= 0xF8FF) return false;             // private use: the snippet markers
  return true;
}

// The words of [begin, end) of `cps`, split at every character that is not a letter or digit; ASCII lowercased.
std::vector<std::string> words_of(std::string_view text, const std::vector<CodePoint>& cps, std::size_t begin,
                                  std::size_t end) {
  std::vector<std::string> words;
  std::string current;
  for (std::size_t i = begin; i < end; ++i) {
    if (!is_word(cps[i].value)) {
      if (!current.empty()) words.push_back(std::move(current)), current.clear();
      continue;
    }
    std::string_view bytes = text.substr(cps[i].begin, cps[i].end - cps[i].begin);
    if (bytes.size() == 1 && bytes[0] >= 'A' && bytes[0] <= 'Z')
      current.push_back(static_cast<char>(bytes[0] - 'A' + 'a'));
    else
      current.append(bytes);
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::size_t code_points(std::string_view word) {
  std::size_t n = 0;
  for (char c : word)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// `word` inside `quote`s, a quote inside doubled (and, for PostgreSQL, a backslash too). Words never hold
// either (they are letters and digits), but the renderings do not rely on it.
std::string quoted(std::string_view word, char quote) {
  std::string out(1, quote);
  for (char c : word) {
    if (c == quote || (quote == '\'' && c == '\\')) out.push_back(c);
    out.push_back(c);
  }
  out.push_back(quote);
  return out;
}

std::string fts5_term(const SearchTerm& term) {
  std::string joined;
  for (const auto& word : term.words) {
    if (!joined.empty()) joined.push_back(' ');
    joined += word;
  }
  std::string out = quoted(joined, '"');
  if (term.kind == SearchTerm::Kind::prefix) out.push_back('*');
  return out;
}

std::string ts_term(const SearchTerm& term) {
  std::string out;
  for (std::size_t i = 0; i < term.words.size(); ++i) {
    if (i) out += " <-> ";
    out += quoted(term.words[i], '\'');
  }
  if (term.kind == SearchTerm::Kind::prefix) out += ":*";
  return term.words.size() > 1 ? "(" + out + ")" : out;
}

}  // namespace

SearchQuery SearchQuery::parse(std::string_view text) {
  if (text.size() > kMaxBytes)
    throw SearchQueryError("a search is at most " + std::to_string(kMaxBytes) + " bytes long");
  const std::vector<CodePoint> cps = decode(text);
  SearchQuery query;
  auto add = [&](std::vector<std::string> words, bool excluded, bool prefix) {
    if (words.empty()) return;  // only punctuation: nothing to search for
    if (prefix && code_points(words.back()) < kMinPrefixChars)
      throw SearchQueryError("a prefix needs at least " + std::to_string(kMinPrefixChars) +
                             " letters or digits before the *");
    SearchTerm term;
    term.kind = prefix ? SearchTerm::Kind::prefix
                       : (words.size() > 1 ? SearchTerm::Kind::phrase : SearchTerm::Kind::word);
    term.words = std::move(words);
    term.excluded = excluded;
    if (query.terms_.size() == kMaxTerms)
      throw SearchQueryError("a search takes at most " + std::to_string(kMaxTerms) + " terms");
    query.terms_.push_back(std::move(term));
  };

  std::size_t i = 0;
  while (i < cps.size()) {
    if (is_space(cps[i].value)) {
      ++i;
      continue;
    }
    bool excluded = false;
    while (i < cps.size() && cps[i].value == '-') excluded = true, ++i;  // -word, --word: the same
    if (i == cps.size() || is_space(cps[i].value)) continue;           // a lone -
    if (cps[i].value == '"') {
      std::size_t close = i + 1;
      while (close < cps.size() && cps[close].value != '"') ++close;
      if (close == cps.size()) throw SearchQueryError("a phrase is missing its closing quote (\")");
      add(words_of(text, cps, i + 1, close), excluded, false);
      i = close + 1;
      continue;
    }
    // A chunk: up to the next space or quote; trailing stars make its last word a prefix.
    std::size_t end = i;
    while (end < cps.size() && !is_space(cps[end].value) && cps[end].value != '"') ++end;
    std::size_t last = end;
    while (last > i && !is_word(cps[last - 1].value) && cps[last - 1].value != '*') --last;
    const bool prefix = last > i && cps[last - 1].value == '*';
    add(words_of(text, cps, i, end), excluded, prefix);
    i = end;
  }

  bool required = false;
  for (const auto& term : query.terms_) required = required || !term.excluded;
  if (!required) throw SearchQueryError("a search needs at least one word that is not excluded");
  return query;
}

std::string SearchQuery::fts5() const {
  std::string required, excluded;
  std::size_t required_count = 0;
  for (const auto& term : terms_) {
    if (term.excluded) {
      excluded += " NOT " + fts5_term(term);
    } else {
      if (required_count++) required += " AND ";
      required += fts5_term(term);
    }
  }
  if (excluded.empty()) return required;
  return (required_count > 1 ? "(" + required + ")" : required) + excluded;
}

std::string SearchQuery::tsquery() const {
  std::string out;
  for (const auto& term : terms_) {
    if (!out.empty()) out += " & ";
    if (term.excluded) out.push_back('!');
    out += ts_term(term);
  }
  return out;
}

std::string SearchQuery::canonical() const {
  std::string out;
  for (const auto& term : terms_) {
    if (!out.empty()) out.push_back(' ');
    if (term.excluded) out.push_back('-');
    std::string joined;
    for (const auto& word : term.words) {
      if (!joined.empty()) joined.push_back(term.kind == SearchTerm::Kind::prefix ? '-' : ' ');
      joined += word;
    }
    switch (term.kind) {
      case SearchTerm::Kind::word: out += joined; break;
      case SearchTerm::Kind::phrase: out += '"' + joined + '"'; break;
      case SearchTerm::Kind::prefix: out += joined + '*'; break;
    }
  }
  return out;
}

}  // namespace livedesk::domain
