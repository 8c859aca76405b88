// The rows `livedesk-bench seed` writes, as plain values: a table (name and
// columns, in the order of each row's cells) and its rows, grouped in batches
// that a SeedSink writes in one transaction. Cells are NULL, an integer or text.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace livedesk::bench {

using SeedCell = std::variant<std::monostate, int64_t, std::string>;
using SeedRow = std::vector<SeedCell>;

struct SeedTable {
  std::string name;
  std::vector<std::string> columns;
};

struct SeedTableRows {
  const SeedTable* table = nullptr;
  std::vector<SeedRow> rows;
};

// Written in this order (foreign keys point at earlier tables), all in one transaction.
using SeedBatch = std::vector<SeedTableRows>;

}  // namespace livedesk::bench
