// `livedesk-bench history`: the latency of reading years of history (issue #14 point 7), against a
// server started on a seeded data dir or database (`seed`), logged in as a seeded supervisor.
//
// (Every co_await takes named locals, never temporaries built in its arguments: GCC 12 frees those
// twice in a coroutine.) One keep-alive connection, one request at a time: these are an agent's clicks, so latency, not
// throughput, is the figure. Per kind (search, list, list_deep, contact, contact_list, transcript) it
// first makes --warmup unmeasured requests, then --requests measured ones, and reports p50/p90/p99/max,
// the statuses seen, and for search also per query group (common words, rare words, phrases,
// prefixes, exclusions, non-Latin and accents; filtered or not; newest or relevance). The ids it
// asks for (agents, tags, dispositions, contacts, conversations) come from the API's own answers.
#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "async/timing.hpp"
#include "clients/bench_clients.hpp"
#include "process/fatal.hpp"
#include "scenarios/scenarios.hpp"
#include "seed/seed_random.hpp"

namespace livedesk::bench {
namespace asio = boost::asio;
namespace http = boost::beast::http;
namespace json = boost::json;
using asio::awaitable;

namespace {

std::string url_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// {"samples", "p50_ms", "p90_ms", "p99_ms", "max_ms"}, nearest rank, 0.01 ms.
json::object summary(std::vector<int64_t> us) {
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) -> json::value {
    if (us.empty()) return nullptr;
    size_t i = size_t(std::ceil(p / 100.0 * double(us.size())));
    i = std::min(us.size() - 1, i == 0 ? 0 : i - 1);
    return std::round(double(us[i]) / 10.0) / 100.0;
  };
  return {{"samples", us.size()}, {"p50_ms", pct(50)}, {"p90_ms", pct(90)}, {"p99_ms", pct(99)}, {"max_ms", pct(100)}};
}

std::string day_string(int64_t day) {
  const std::time_t t = std::time_t(day * 86400);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

int64_t day_of(std::string_view iso) {
  std::tm tm{};
  const std::string date(iso.substr(0, 10));
  if (!strptime(date.c_str(), "%Y-%m-%d", &tm)) return int64_t(std::time(nullptr)) / 86400;
  return int64_t(timegm(&tm)) / 86400;
}

// What the measurements draw their ids from, read from the API before they start.
struct Known {
  int64_t max_conversation = 1, max_contact = 1, last_day = 0;
  std::vector<int64_t> agents, customers, tags, dispositions;
};

// One kind of request: its latencies, statuses, and for search the latencies per group.
struct Measured {
  std::vector<int64_t> us;
  std::map<std::string, std::vector<int64_t>> groups;
  std::map<int, int64_t> statuses;
  std::string example_error;
  int64_t results = 0;  // rows answered (conversations or contacts), to see that searches find things
  std::vector<std::pair<int64_t, std::string>> slowest;  // the kSlowest slowest requests, to see what misses

  static constexpr size_t kSlowest = 8;
  void keep_if_slow(int64_t us, const std::string& target) {
    slowest.emplace_back(us, target);
    std::sort(slowest.begin(), slowest.end(), std::greater<>());
    if (slowest.size() > kSlowest) slowest.pop_back();
  }

  json::object report() const {
    json::object o = summary(us);
    json::object st;
    for (auto& [code, n] : statuses) st[std::to_string(code)] = n;
    o["statuses"] = st;
    o["rows_answered"] = results;
    if (!example_error.empty()) o["example_error"] = example_error;
    json::array slow;
    for (auto& [us, target] : slowest) slow.push_back(json::object{{"ms", double(us) / 1000.0}, {"target", target}});
    o["slowest"] = slow;
    if (!groups.empty()) {
      json::object g;
      for (auto& [name, list] : groups) g[name] = summary(list);
      o["groups"] = g;
    }
    return o;
  }
};

class HistoryRun {
 public:
  HistoryRun(const HistoryOptions& options)
      : options_(options), rng_(options.seed * 31 + 5), http_(http_connection()) {}

  awaitable<void> run() {
    co_await wait_ready();
    co_await log_in();
    co_await discover();
    for (bool measured : {false, true}) {
      const int n = measured ? options_.requests : options_.warmup;
      for (int i = 0; i < n; ++i) co_await search(measured);
      for (int i = 0; i < n; ++i) co_await list_first_page(measured);
      for (int i = 0; i < std::max(1, n / std::max(1, options_.deep_pages)); ++i) co_await list_deep(measured);
      for (int i = 0; i < n; ++i) co_await contact(measured);
      for (int i = 0; i < n; ++i) co_await contact_list(measured);
      for (int i = 0; i < n; ++i) co_await transcript(measured);
    }
  }

  json::object report() const {
    json::object kinds;
    for (auto& [name, m] : measured_) kinds[name] = m.report();
    json::object known{{"max_conversation_id", known_.max_conversation},
                       {"max_contact_id", known_.max_contact},
                       {"agents", known_.agents.size()},
                       {"tags", known_.tags.size()},
                       {"dispositions", known_.dispositions.size()}};
    return {{"kinds", kinds}, {"known", known}};
  }

 private:
  awaitable<void> wait_ready() {
    for (int i = 0; i < 1200; ++i) {
      const std::string target = "/readyz";
      auto r = co_await http_.request(http::verb::get, target);
      if (r.status == 200) co_return;
      http_.close();
      co_await sleep_ms(100);
    }
    die("server did not become ready");
  }

  awaitable<void> log_in() {
    json::object b{{"username", options_.user}, {"password", options_.password}};
    const std::string target = "/api/v1/auth/login", body = json::serialize(b);
    auto r = co_await http_.request(http::verb::post, target, body);
    if (r.status != 200) die("login failed for " + options_.user + " (is this a seeded history?): " + r.body);
    token_ = std::string(r.object().at("access_token").as_string());
  }

  awaitable<std::optional<json::object>> get_json(const std::string& target) {
    auto r = co_await http_.request(http::verb::get, target, {}, token_);
    if (r.status != 200) co_return std::nullopt;
    try {
      co_return r.object();
    } catch (const std::exception&) {
      co_return std::nullopt;
    }
  }

  awaitable<void> discover() {
    known_.last_day = int64_t(std::time(nullptr)) / 86400;
    std::set<int64_t> agents, customers;
    std::string cursor;
    for (int page = 0; page < 5; ++page) {
      std::string target = "/api/v1/conversations?limit=100";
      if (!cursor.empty()) target += "&cursor=" + url_encode(cursor);
      auto o = co_await get_json(target);
      if (!o) break;
      for (auto& c : o->at("conversations").as_array()) {
        auto& conv = c.as_object();
        if (page == 0 && known_.max_conversation == 1) {
          known_.max_conversation = conv.at("id").as_int64();
          known_.last_day = day_of(conv.at("created_at").as_string());
        }
        if (conv.at("agent").is_object()) agents.insert(conv.at("agent").as_object().at("id").as_int64());
        customers.insert(conv.at("customer").as_object().at("id").as_int64());
      }
      if (!o->at("next_cursor").is_string()) break;
      cursor = std::string(o->at("next_cursor").as_string());
    }
    known_.agents.assign(agents.begin(), agents.end());
    known_.customers.assign(customers.begin(), customers.end());
    const std::string tags = "/api/v1/tags?include_archived=true", dispositions = "/api/v1/dispositions",
                      contacts = "/api/v1/contacts?limit=100";
    if (auto o = co_await get_json(tags)) {
      for (auto& t : o->at("tags").as_array()) known_.tags.push_back(t.at("id").as_int64());
    }
    if (auto o = co_await get_json(dispositions)) {
      for (auto& d : o->at("dispositions").as_array()) known_.dispositions.push_back(d.at("id").as_int64());
    }
    if (auto o = co_await get_json(contacts)) {
      for (auto& c : o->at("contacts").as_array())
        known_.max_contact = std::max(known_.max_contact, c.at("id").as_int64());
    }
    note("history: conversations up to id " + std::to_string(known_.max_conversation) + ", contacts up to " +
         std::to_string(known_.max_contact) + ", " + std::to_string(known_.agents.size()) + " agents, " +
         std::to_string(known_.tags.size()) + " tags seen");
  }

  // One measured GET: its time under `kind` (and `group`), its status; the JSON when 200.
  awaitable<std::optional<json::object>> timed(const std::string& kind, const std::string& group,
                                               const std::string& target, bool measured) {
    const auto start = std::chrono::steady_clock::now();
    auto r = co_await http_.request(http::verb::get, target, {}, token_);
    const int64_t us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    if (!measured) co_return std::nullopt;
    Measured& m = measured_[kind];
    m.us.push_back(us);
    m.keep_if_slow(us, target);
    if (!group.empty()) m.groups[group].push_back(us);
    ++m.statuses[r.status];
    if (r.status != 200) {
      if (m.example_error.empty())
        m.example_error = target + " -> " + std::to_string(r.status) + " " + r.body.substr(0, 200);
      co_return std::nullopt;
    }
    try {
      co_return r.object();
    } catch (const std::exception&) {
      co_return std::nullopt;
    }
  }

  template <class T>
  const T& pick(const std::vector<T>& v) {
    return rng_.pick(v);
  }

  // A random filter of the conversation list, as query parameters ("" or "&a=b...").
  std::string conversation_filter() {
    const int64_t kind = rng_.below(10);
    auto window = [&] {
      const int64_t to = known_.last_day - rng_.below(700);
      return "&from=" + day_string(to - 30) + "&to=" + day_string(to);
    };
    switch (kind) {
      case 0:
        return "&status=closed";
      case 1:
        return known_.agents.empty() ? "" : "&agent_id=" + std::to_string(pick(known_.agents));
      case 2:
        return known_.tags.empty() ? "" : "&tag_id=" + std::to_string(pick(known_.tags));
      case 3:
        return "&rating=1,2";
      case 4:
        return window();
      case 5:
        return "&close_reason=missed";
      case 6:
        return known_.dispositions.empty() ? "" : "&disposition_id=" + std::to_string(pick(known_.dispositions));
      case 7:
        return known_.agents.empty() ? window()
                                     : "&status=closed&agent_id=" + std::to_string(pick(known_.agents)) + window();
      case 8:
        return "&rating=5" + window();
      default:
        return known_.customers.empty() ? "" : "&customer_id=" + std::to_string(pick(known_.customers));
    }
  }

  awaitable<void> search(bool measured) {
    static const std::vector<std::pair<std::string, std::vector<std::string>>> queries{
        {"common",
         {"order", "password", "refund", "invoice", "app", "account", "thanks", "help", "charged", "login",
          "charged twice", "package damaged", "app crashes settings"}},
        {"rare", {"chargeback", "kerberos", "nonprofit", "firmware", "barcode", "Zahlungserinnerung", "hospital"}},
        {"phrase",
         {"\"reset my password\"", "\"tracking number\"", "\"order number\"", "\"two-factor code\"", "\"vielen dank\"",
          "\"numéro de commande\"", "\"wrong item\""}},
        {"prefix", {"pass*", "refun*", "invo*", "deliv*", "bestell*", "rembours*", "ch*", "subscri*"}},
        {"exclusion",
         {"order -refund", "password -reset", "login -password", "invoice -\"last month\"", "app -crashes",
          "refund -\"order number\""}},
        {"non_latin_accents", {"παραγγελία", "заказ", "Résiliation", "müller", "Rückerstattung", "Здравствуйте"}},
    };
    const auto& [group, list] = queries[size_t(rng_.below(int64_t(queries.size())))];
    std::string q = pick(list);
    if (group == "rare" && rng_.chance(0.3))
      q = "#" + std::to_string(rng_.between(1000000, 9999999));  // an order number
    const bool relevance = rng_.chance(0.3);
    const bool filtered = rng_.chance(0.5);
    std::string target = "/api/v1/conversations?q=" + url_encode(q) + "&limit=25";
    if (relevance) target += "&sort=relevance";
    if (filtered) target += conversation_filter();
    const std::string kind = "search", group_name = group;
    auto o = co_await timed(kind, group_name, target, measured);
    if (measured) {
      measured_["search"].groups[filtered ? "filtered" : "unfiltered"].push_back(measured_["search"].us.back());
      measured_["search"].groups[relevance ? "sort_relevance" : "sort_newest"].push_back(measured_["search"].us.back());
    }
    if (o) measured_["search"].results += int64_t(o->at("conversations").as_array().size());
  }

  awaitable<void> list_first_page(bool measured) {
    const std::string filter = rng_.chance(0.2) ? "" : conversation_filter();
    const std::string kind = "list", group = filter.empty() ? "unfiltered" : "filtered";
    const std::string target = "/api/v1/conversations?limit=25" + filter;
    auto o = co_await timed(kind, group, target, measured);
    if (o) measured_["list"].results += int64_t(o->at("conversations").as_array().size());
  }

  // Page 1, then down by next_cursor: pages 2.. are measured as list_deep.
  awaitable<void> list_deep(bool measured) {
    const std::string base =
        "/api/v1/conversations?limit=25" + (rng_.chance(0.5) ? std::string() : conversation_filter());
    auto o = co_await get_json(base);
    for (int page = 2; o && page <= options_.deep_pages; ++page) {
      if (!o->at("next_cursor").is_string()) break;
      const std::string cursor(o->at("next_cursor").as_string());
      const std::string kind = "list_deep", group = page >= 10 ? "page_10_plus" : "page_2_9";
      const std::string target = base + "&cursor=" + url_encode(cursor);
      o = co_await timed(kind, group, target, measured);
      if (o) measured_["list_deep"].results += int64_t(o->at("conversations").as_array().size());
    }
  }

  awaitable<void> contact(bool measured) {
    // Half the time a contact seen in recent chats (returning customers have long histories).
    const int64_t id =
        !known_.customers.empty() && rng_.chance(0.5) ? pick(known_.customers) : rng_.between(1, known_.max_contact);
    const std::string kind = "contact", group, target = "/api/v1/contacts/" + std::to_string(id);
    co_await timed(kind, group, target, measured);
  }

  awaitable<void> contact_list(bool measured) {
    static const std::vector<std::string> prefixes{"ann", "jo", "mar", "mü", "smith", "gar", "vis", "user", "ka", "le"};
    const bool query = rng_.chance(0.5);
    const std::string base = "/api/v1/contacts?limit=25" + (query ? "&q=" + url_encode(pick(prefixes)) : "");
    const std::string kind = "contact_list", group = query ? "prefix" : "newest", next_group = "cursor_page";
    auto o = co_await timed(kind, group, base, measured);
    for (int page = 2; o && page <= 3 && o->at("next_cursor").is_string(); ++page) {
      const std::string cursor(o->at("next_cursor").as_string());
      const std::string target = base + "&cursor=" + url_encode(cursor);
      o = co_await timed(kind, next_group, target, measured);
    }
    if (o) measured_["contact_list"].results += int64_t(o->at("contacts").as_array().size());
  }

  awaitable<void> transcript(bool measured) {
    const std::string kind = "transcript", group;
    const std::string target = "/api/v1/conversations/" + std::to_string(rng_.between(1, known_.max_conversation));
    co_await timed(kind, group, target, measured);
  }

  const HistoryOptions& options_;
  SeedRandom rng_;
  HttpConnection http_;
  std::string token_;
  Known known_;
  std::map<std::string, Measured> measured_;
};

}  // namespace

json::object run_history(const HistoryOptions& options, const ServerUnderTest& server) {
  asio::io_context io;  // declared first so it outlives the run's sockets
  HistoryRun run(options);
  const auto start = std::chrono::steady_clock::now();
  asio::co_spawn(io, run.run(), [](std::exception_ptr e) {
    if (e) std::rethrow_exception(e);
  });
  io.run();
  json::object o = run.report();
  o["scenario"] = "history";
  o["params"] = {{"requests", options.requests}, {"warmup", options.warmup}, {"deep_pages", options.deep_pages},
                 {"user", options.user},         {"seed", options.seed},     {"persistence", server.persistence()}};
  o["duration_s"] =
      std::round(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() * 10) / 10;
  o["server_rss_kib"] = server.rss_kib();
  return o;
}

}  // namespace livedesk::bench
