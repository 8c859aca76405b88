#include "domain/unread_seqs.hpp"

#include <algorithm>

namespace livedesk::domain {

void UnreadSeqs::add(std::int64_t seq) {
  if (newest_.full()) {
    if (newest_.capacity() < kept) {
      newest_.set_capacity(std::min(kept, std::max<std::size_t>(8, newest_.capacity() * 2)));
    } else {
      ++older_;
      newest_older_seq_ = newest_.front();  // push_back below overwrites it
    }
  }
  newest_.push_back(seq);
}

void UnreadSeqs::read_up_to(std::int64_t seq) {
  if (older_ > 0 && seq >= newest_older_seq_) older_ = 0;
  while (!newest_.empty() && newest_.front() <= seq) newest_.pop_front();
}

}  // namespace livedesk::domain
