#include "workers/worker_link.hpp"

#include <boost/json/serialize.hpp>

namespace livedesk::bench {

void WorkerLink::report(const std::string& word, const boost::json::object& body) {
  write_line(report_fd_, word + " " + boost::json::serialize(body));
}

}  // namespace livedesk::bench
