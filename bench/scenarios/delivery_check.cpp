#include "scenarios/delivery_check.hpp"

#include <boost/beast/http/verb.hpp>
#include <boost/json.hpp>

#include "async/concurrency.hpp"

namespace livedesk::bench {
namespace http = boost::beast::http;
namespace json = boost::json;
using boost::asio::awaitable;

awaitable<json::object> verify_no_loss(ChatCrowd& crowd) {
  int64_t lost = 0, dups = 0, tail = 0;
  co_await parallel_for(int(crowd.customers.size()), 4, [&](int i, HttpConnection& h) -> awaitable<void> {
    auto& c = crowd.customers[size_t(i)];
    for (int64_t s = 1; s <= c.last_seq; ++s)
      if (size_t(s) >= c.seen.size() || !c.seen[size_t(s)]) ++lost;
    dups += c.dups;
    auto r = co_await h.request(http::verb::get,
                                "/api/v1/chat/sessions/" + std::to_string(c.c.session_id) +
                                    "/messages?after_seq=" + std::to_string(c.last_seq) + "&limit=1000",
                                std::string(), c.c.token);
    if (r.status == 200) {
      auto n_missing = int64_t(r.object().at("messages").as_array().size());
      lost += n_missing;
      tail += n_missing;
    } else {
      ++crowd.stats.errors;
      ++crowd.stats.error_codes["verify_http_" + std::to_string(r.status)];
    }
  });
  int64_t seqs = 0;
  for (auto& c : crowd.customers) seqs += c.last_seq;
  co_return json::object{{"lost", lost}, {"duplicated", dups}, {"lost_tail", tail}, {"seqs_checked", seqs}};
}

}  // namespace livedesk::bench
