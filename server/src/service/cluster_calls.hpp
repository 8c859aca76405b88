#pragma once
// What nodes of a cluster send their leader besides the chat use cases: each
// node's count of open sockets (service/node_presence.hpp). Defined like a
// chat call (service/chat_calls.hpp) and carried the same way.
#include <string_view>

#include <boost/describe/class.hpp>

#include "service/chat_calls.hpp"
#include "service/node_presence.hpp"

namespace livedesk::service {

BOOST_DESCRIBE_STRUCT(PresenceReport, (), (node_id, version, staff, customers, complete))

namespace calls {
struct ReportPresence {
  static constexpr std::string_view name = "presence";
  using Result = bool;
  PresenceReport report;
};
BOOST_DESCRIBE_STRUCT(ReportPresence, (), (report))
}  // namespace calls

}  // namespace livedesk::service
