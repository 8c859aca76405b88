// The history `livedesk-bench seed` writes: contacts, conversations over ~2
// years with a daily and weekly rhythm (and growth), contacts returning
// (Zipf-like: a few come back often, most once or never), messages from the
// seed vocabulary in the contact's language, notes and whispers, ratings on a
// share of the closed chats, tags and dispositions (migration 8's tables).
// Everything follows from the options and the staff given: the same --seed
// and --until write the same rows. Ids are written explicitly (the history
// tables start empty), ascending with time as the server would have given them.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "seed/seed_sink.hpp"

namespace livedesk::bench {

// A staff account already created through the Store.
struct SeedStaff {
  int64_t id = 0;
  std::string name;
};

struct HistoryPlan {
  int conversations = 100000;
  int64_t messages = 1000000;
  int contacts = 20000;
  uint64_t seed = 1;
  int64_t end_ms = 0;  // the history ends here (the last chats are still open)
  int days = 730;
  int batch = 5000;  // conversations per transaction
};

struct HistoryCounts {
  int64_t contacts = 0, conversations = 0, messages = 0, notes = 0, whispers = 0, ratings = 0, session_tags = 0,
          tags = 0, dispositions = 0, returning_contacts = 0, max_chats_per_contact = 0;
};

class HistoryGenerator {
 public:
  HistoryGenerator(HistoryPlan plan, std::vector<SeedStaff> agents, std::vector<SeedStaff> supervisors);
  // Writes everything through `sink`, calling `progress` after each batch with the conversations written.
  HistoryCounts run(SeedSink& sink, const std::function<void(int64_t)>& progress);

 private:
  HistoryPlan plan_;
  std::vector<SeedStaff> agents_, supervisors_;
};

}  // namespace livedesk::bench
