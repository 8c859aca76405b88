#pragma once
// Ids as one text value for a statement: a JSON array "[1,2,3]" for SQLite's json_each(), a literal "{1,2,3}"
// for PostgreSQL's bigint[]. One value instead of one placeholder per id keeps a statement's text the same
// whatever the number of ids. Plain function, no I/O.
#include <cstdint>
#include <string>
#include <vector>

namespace livedesk::store {

enum class IdArray { json, postgres };

inline std::string id_array(const std::vector<std::int64_t>& ids, IdArray kind) {
  std::string out(1, kind == IdArray::json ? '[' : '{');
  for (auto id : ids) {
    if (out.size() > 1) out += ',';
    out += std::to_string(id);
  }
  out += kind == IdArray::json ? ']' : '}';
  return out;
}

}  // namespace livedesk::store
