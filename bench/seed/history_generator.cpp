#include "seed/history_generator.hpp"

#include <algorithm>
#include <array>
#include <boost/json.hpp>
#include <cmath>
#include <numeric>
#include <unordered_set>

#include "seed/seed_random.hpp"
#include "seed/seed_vocabulary.hpp"

namespace livedesk::bench {

namespace {
constexpr int64_t kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute, kDay = 24 * kHour;

const SeedTable kTags{"tags", {"id", "name", "color", "created_ms", "archived_ms"}};
const SeedTable kDispositions{"dispositions", {"id", "name", "created_ms", "archived_ms"}};
const SeedTable kContacts{"customers",
                          {"id", "email", "name", "created_ms", "external_id", "identity_verified", "visitor_id",
                           "attributes", "last_seen_ms", "updated_ms"}};
const SeedTable kSessions{"chat_sessions",
                          {"id", "customer_id", "agent_id", "status", "priority", "subject", "created_ms",
                           "assigned_ms", "first_response_ms", "closed_ms", "close_reason", "next_seq",
                           "disposition_id"}};
const SeedTable kMessages{"messages",
                          {"id", "session_id", "seq", "sender_type", "sender_user_id", "type", "body", "status",
                           "created_ms"}};
const SeedTable kNotes{"notes", {"id", "session_id", "author_user_id", "body", "created_ms", "updated_ms", "kind"}};
const SeedTable kRatings{"csat_ratings", {"id", "session_id", "rating", "comment", "created_ms"}};
const SeedTable kSessionTags{"session_tags", {"session_id", "tag_id", "added_by", "added_ms"}};

SeedCell null() { return std::monostate{}; }
SeedCell opt(std::optional<int64_t> v) { return v ? SeedCell(*v) : null(); }

// Weekday weights, Monday first (1970-01-01 was a Thursday).
constexpr std::array<double, 7> kWeekday{1.15, 1.10, 1.05, 1.0, 0.90, 0.45, 0.35};
// Hour-of-day weights (UTC): quiet nights, a morning and an afternoon peak, a lunch dip.
constexpr std::array<double, 24> kHourly{0.15, 0.1,  0.08, 0.08, 0.1, 0.2, 0.4, 0.8, 1.4, 1.9, 2.1, 2.0,
                                         1.5,  1.6,  1.9,  2.0,  1.8, 1.5, 1.1, 0.9, 0.7, 0.55, 0.4, 0.25};

// Names and domains to plain ASCII for email addresses; empty when a name is not in Latin script.
std::string ascii_fold(const std::string& in) {
  static const std::vector<std::pair<std::string, std::string>> map{
      {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"ß", "ss"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"},
      {"à", "a"},  {"â", "a"},  {"á", "a"},  {"ç", "c"},  {"ñ", "n"}, {"í", "i"}, {"ï", "i"}, {"î", "i"},
      {"ó", "o"},  {"ô", "o"},  {"ú", "u"},  {"û", "u"},  {"É", "e"}, {"Á", "a"}, {"Ö", "oe"}, {"Ü", "ue"},
      {"Ä", "ae"}, {"œ", "oe"}};
  std::string out;
  for (size_t i = 0; i < in.size();) {
    const unsigned char c = static_cast<unsigned char>(in[i]);
    if (c < 0x80) {
      if (std::isalnum(c)) out += char(std::tolower(c));
      ++i;
      continue;
    }
    bool found = false;
    for (const auto& [from, to] : map) {
      if (in.compare(i, from.size(), from) == 0) {
        out += to;
        i += from.size();
        found = true;
        break;
      }
    }
    if (!found) return {};
  }
  return out;
}

std::string first_word(const std::string& name) { return name.substr(0, name.find(' ')); }

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

struct Contact {
  size_t language = 0;
  std::string name, first_name, email, country;
  bool anonymous = false;
  int64_t created_ms = 0, last_seen_ms = 0, id = 0;
  int chats = 0;
};

struct Conversation {
  int64_t start_ms = 0;
  size_t contact = 0;
  std::string status = "closed";
  std::string close_reason;  // closed only
  int messages = 0;
};
}  // namespace

HistoryGenerator::HistoryGenerator(HistoryPlan plan, std::vector<SeedStaff> agents, std::vector<SeedStaff> supervisors)
    : plan_(plan), agents_(std::move(agents)), supervisors_(std::move(supervisors)) {}

HistoryCounts HistoryGenerator::run(SeedSink& sink, const std::function<void(int64_t)>& progress) {
  const SeedVocabulary& v = seed_vocabulary();
  SeedRandom rng(plan_.seed * 0x2545f4914f6cdd1dull + 7);
  HistoryCounts counts;
  const int n = plan_.conversations;
  const int64_t end_day = plan_.end_ms / kDay;
  const int64_t start_ms = (end_day - plan_.days + 1) * kDay;

  // Tags and dispositions, the last of each archived.
  SeedBatch setup{{&kTags, {}}, {&kDispositions, {}}};
  for (size_t i = 0; i < v.tags.size(); ++i) {
    const bool archived = i + 1 == v.tags.size();
    setup[0].rows.push_back({int64_t(i + 1), v.tags[i].first, v.tags[i].second, start_ms - kDay,
                             archived ? SeedCell(start_ms + plan_.days / 2 * kDay) : null()});
  }
  for (size_t i = 0; i < v.dispositions.size(); ++i) {
    const bool archived = i + 1 == v.dispositions.size();
    setup[1].rows.push_back({int64_t(i + 1), v.dispositions[i], start_ms - kDay,
                             archived ? SeedCell(start_ms + plan_.days / 2 * kDay) : null()});
  }
  counts.tags = int64_t(v.tags.size());
  counts.dispositions = int64_t(v.dispositions.size());
  auto tag_id = [&](const std::string& name) -> int64_t {
    for (size_t i = 0; i < v.tags.size(); ++i)
      if (v.tags[i].first == name) return int64_t(i + 1);
    return 1;
  };
  auto disposition_id = [&](const std::string& name) -> int64_t {
    for (size_t i = 0; i < v.dispositions.size(); ++i)
      if (v.dispositions[i] == name) return int64_t(i + 1);
    return 1;
  };

  // Start times: chats per day by weekday, growth over the period, holidays and noise; hours by kHourly.
  std::vector<double> day_weight(size_t(plan_.days));
  for (int d = 0; d < plan_.days; ++d) {
    const int64_t day = end_day - plan_.days + 1 + d;
    const int weekday = int((day + 3) % 7);  // 0 = Monday
    const double growth = 0.6 + 0.8 * double(d) / plan_.days;
    const int64_t day_of_year = (day % 365 + 365) % 365;  // close enough for a dip around the new year
    const double holiday = (day_of_year >= 355 || day_of_year <= 1) ? 0.4 : 1.0;
    day_weight[size_t(d)] = kWeekday[size_t(weekday)] * growth * holiday * (0.85 + 0.3 * rng.uniform());
  }
  const double weight_sum = std::accumulate(day_weight.begin(), day_weight.end(), 0.0);
  std::vector<int> per_day(day_weight.size());
  std::vector<std::pair<double, size_t>> remainders;
  int assigned = 0;
  for (size_t d = 0; d < day_weight.size(); ++d) {
    const double exact = n * day_weight[d] / weight_sum;
    per_day[d] = int(exact);
    assigned += per_day[d];
    remainders.push_back({exact - per_day[d], d});
  }
  std::sort(remainders.begin(), remainders.end(), std::greater<>());
  for (int i = 0; assigned < n; ++i, ++assigned) ++per_day[remainders[size_t(i) % remainders.size()].second];
  const auto hours = cumulative(std::vector<double>(kHourly.begin(), kHourly.end()));
  std::vector<Conversation> conversations;
  conversations.reserve(size_t(n));
  for (size_t d = 0; d < per_day.size(); ++d) {
    std::vector<int64_t> times;
    for (int i = 0; i < per_day[d]; ++i) {
      times.push_back(start_ms + int64_t(d) * kDay + int64_t(rng.weighted(hours)) * kHour + rng.below(kHour));
    }
    std::sort(times.begin(), times.end());
    for (auto t : times) conversations.push_back(Conversation{std::min(t, plan_.end_ms - kMinute)});
  }
  std::stable_sort(conversations.begin(), conversations.end(),
                   [](const Conversation& a, const Conversation& b) { return a.start_ms < b.start_ms; });

  // Contacts, and who starts each chat: Zipf-like over a random order of the contacts.
  std::vector<double> language_weights;
  for (const auto& l : v.languages) language_weights.push_back(l.weight);
  const auto languages = cumulative(language_weights);
  std::vector<Contact> contacts(size_t(plan_.contacts));
  for (auto& c : contacts) {
    c.language = rng.weighted(languages);
    const SeedLanguage& l = v.languages[c.language];
    c.first_name = rng.pick(l.first_names);
    c.name = c.first_name + " " + rng.pick(l.last_names);
    c.country = rng.pick(l.countries);
    c.anonymous = rng.chance(0.08);
  }
  std::vector<size_t> order(contacts.size());
  std::iota(order.begin(), order.end(), 0);
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[size_t(rng.below(int64_t(i)))]);
  std::vector<double> rank_weight(contacts.size());
  for (size_t r = 0; r < rank_weight.size(); ++r) rank_weight[r] = 1.0 / std::pow(double(r) + 30.0, 0.9);
  const auto ranks = cumulative(rank_weight);
  for (auto& conv : conversations) {
    conv.contact = order[rng.weighted(ranks)];
    Contact& c = contacts[conv.contact];
    if (c.chats++ == 0 || conv.start_ms < c.created_ms) c.created_ms = conv.start_ms;
    c.last_seen_ms = std::max(c.last_seen_ms, conv.start_ms);
  }
  for (auto& c : contacts) {
    if (c.chats == 0) {
      c.created_ms = start_ms + rng.below(plan_.end_ms - start_ms);
      c.last_seen_ms = c.created_ms;
    } else {
      c.created_ms -= rng.below(20 * kDay);
    }
    counts.returning_contacts += c.chats >= 2;
    counts.max_chats_per_contact = std::max<int64_t>(counts.max_chats_per_contact, c.chats);
  }
  std::vector<size_t> by_created(contacts.size());
  std::iota(by_created.begin(), by_created.end(), 0);
  std::stable_sort(by_created.begin(), by_created.end(),
                   [&](size_t a, size_t b) { return contacts[a].created_ms < contacts[b].created_ms; });
  SeedTableRows& contact_rows = setup.emplace_back(SeedTableRows{&kContacts, {}});
  std::unordered_set<std::string> emails;
  static const std::vector<std::string> plans{"free", "free", "starter", "starter", "pro", "pro", "enterprise"};
  static const std::vector<std::string> sources{"google", "newsletter", "partner", "app-store", "referral", "direct"};
  for (size_t k = 0; k < by_created.size(); ++k) {
    Contact& c = contacts[by_created[k]];
    c.id = int64_t(k + 1);
    const SeedLanguage& l = v.languages[c.language];
    SeedCell email = null(), external = null(), visitor = null();
    int64_t verified = 0;
    std::string name = c.name;
    if (c.anonymous) {
      name = "Visitor " + std::to_string(10000 + rng.below(90000));
      c.first_name.clear();
    } else {
      std::string local = ascii_fold(first_word(c.name));
      const std::string last = ascii_fold(c.name.substr(c.name.find(' ') + 1));
      if (local.empty() || last.empty()) {
        local = "user" + std::to_string(c.id);
      } else {
        local += rng.chance(0.5) ? "." + last : last.substr(0, 1) + std::to_string(rng.between(60, 99));
      }
      std::string address = local + "@" + rng.pick(l.email_domains);
      for (int i = 2; !emails.insert(address).second; ++i) address = local + std::to_string(i) + "@" + rng.pick(l.email_domains);
      c.email = address;
      email = address;
      if (rng.chance(0.25)) {
        external = "usr_" + std::to_string(100000 + c.id * 7919 % 900000);
        verified = rng.chance(0.66) ? 1 : 0;
      }
    }
    if (c.anonymous || rng.chance(0.3)) {
      static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
      std::string id = "v";
      for (int i = 0; i < 21; ++i) id += alphabet[rng.below(62)];
      visitor = id;
    }
    boost::json::object attributes{{"plan", rng.pick(plans)}, {"country", c.country}, {"language", l.code}};
    if (rng.chance(0.6)) attributes["orders"] = rng.between(0, 40);
    if (rng.chance(0.4)) attributes["signup_source"] = rng.pick(sources);
    if (rng.chance(0.05)) attributes["vip"] = true;
    const int64_t last_seen = std::max(c.last_seen_ms, c.created_ms);
    contact_rows.rows.push_back({c.id, email, name, c.created_ms, external, verified, visitor,
                                 boost::json::serialize(attributes), last_seen, last_seen});
  }
  counts.contacts = int64_t(contacts.size());
  sink.write(setup);

  // States: the newest few chats are still open, the rest closed (some missed, a few blocked).
  int64_t fixed = 0;
  std::vector<size_t> resolved;
  for (size_t i = 0; i < conversations.size(); ++i) {
    Conversation& conv = conversations[i];
    const size_t from_end = conversations.size() - i;
    if (from_end <= 12) {
      conv.status = from_end % 3 == 0 ? "waiting" : "active";
      conv.messages = conv.status == "waiting" ? 1 : int(rng.between(2, 6));
    } else {
      const double u = rng.uniform();
      conv.close_reason = u < 0.075 ? "missed" : u < 0.08 ? "blocked" : "resolved";
      if (conv.close_reason == "missed") conv.messages = 1 + int(rng.chance(0.3));
      if (conv.close_reason == "blocked") conv.messages = int(rng.between(2, 6));
      if (conv.close_reason == "resolved") resolved.push_back(i);
    }
    fixed += conv.messages;
  }
  // Resolved chats share what is left of the messages: lognormal lengths, then nudged to the exact total.
  const int64_t left = std::max<int64_t>(plan_.messages - fixed, int64_t(resolved.size()) * 3);
  std::vector<double> raw(resolved.size());
  for (auto& x : raw) x = rng.lognormal(0, 0.6);
  const double raw_sum = std::accumulate(raw.begin(), raw.end(), 0.0);
  int64_t total = fixed;
  for (size_t k = 0; k < resolved.size(); ++k) {
    const int m = std::max(3, int(std::lround(raw[k] / raw_sum * double(left))));
    conversations[resolved[k]].messages = m;
    total += m;
  }
  for (int64_t guard = 0; total != plan_.messages && !resolved.empty() && guard < 50 * plan_.messages; ++guard) {
    Conversation& conv = conversations[resolved[size_t(rng.below(int64_t(resolved.size())))]];
    if (total < plan_.messages) {
      ++conv.messages, ++total;
    } else if (conv.messages > 3) {
      --conv.messages, --total;
    }
  }

  std::vector<double> agent_weights;
  for (size_t i = 0; i < agents_.size(); ++i) agent_weights.push_back(0.4 + rng.uniform() * 1.2);
  const auto agent_pick = cumulative(agent_weights);
  std::vector<double> topic_weights;
  for (const auto& t : v.topics) topic_weights.push_back(t.weight);
  const auto topic_pick = cumulative(topic_weights);

  int64_t message_id = 0, note_id = 0, rating_id = 0;
  SeedBatch batch;
  auto fresh_batch = [&] {
    batch = SeedBatch{{&kSessions, {}}, {&kMessages, {}}, {&kNotes, {}}, {&kRatings, {}}, {&kSessionTags, {}}};
  };
  fresh_batch();
  const int64_t year_ago = plan_.end_ms - 365 * kDay;
  for (size_t i = 0; i < conversations.size(); ++i) {
    const Conversation& conv = conversations[i];
    const int64_t session_id = int64_t(i + 1);
    const Contact& contact = contacts[conv.contact];
    const SeedLanguage& lang = v.languages[contact.language];
    const SeedTopic& topic = v.topics[rng.weighted(topic_pick)];
    const bool has_agent = conv.status == "active" || conv.close_reason == "resolved" || conv.close_reason == "blocked";
    const SeedStaff* agent = has_agent && !agents_.empty() ? &agents_[rng.weighted(agent_pick)] : nullptr;
    const std::string customer_name = contact.first_name.empty() ? "there" : contact.first_name;
    auto fill = [&](std::string text) {
      if (text.find('{') == std::string::npos) return text;
      replace_all(text, "{order}", "#" + std::to_string(rng.between(1000000, 9999999)));
      replace_all(text, "{error}", "E" + std::to_string(rng.between(1000, 9999)));
      std::string tracking = "1Z";
      for (int k = 0; k < 14; ++k) tracking += "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"[rng.below(33)];
      replace_all(text, "{tracking}", tracking);
      const std::string cents = std::to_string(rng.between(10, 99));
      const std::string units = std::to_string(rng.between(5, 299));
      replace_all(text, "{amount}",
                  lang.code == "en" ? "$" + units + "." + cents
                  : lang.code == "ru" ? units + "0 ₽"
                                      : units + "," + cents + " €");
      replace_all(text, "{days}", std::to_string(rng.between(2, 14)));
      replace_all(text, "{product}", rng.pick(v.products));
      replace_all(text, "{agent}", agent ? first_word(agent->name) : "the team");
      replace_all(text, "{customer}", customer_name);
      return text;
    };

    int64_t t = conv.start_ms + rng.between(1, 8) * kSecond;
    const int64_t wait = std::min<int64_t>(int64_t(rng.lognormal(std::log(35.0), 0.9) * kSecond), 20 * kMinute);
    std::optional<int64_t> assigned_ms, first_response_ms, closed_ms;
    if (agent) assigned_ms = conv.start_ms + wait;
    std::vector<int64_t> message_times;
    std::string previous = "customer";
    const bool english_topic = lang.code == "en" && rng.chance(0.85);
    for (int seq = 1; seq <= conv.messages; ++seq) {
      std::string sender, body;
      if (seq == 1) {
        sender = "customer";
        const std::string problem = english_topic ? rng.pick(topic.problems) : rng.pick(lang.problems);
        body = rng.pick(lang.openers) + " " + problem;
        if (lang.code == "en" && rng.chance(0.2)) body += " " + rng.pick(topic.problems);
      } else if (!agent) {
        sender = "customer";
        body = fill(rng.pick(lang.customer_lines));
      } else if (seq == 2) {
        sender = "agent";
        t = std::max(t, *assigned_ms) + rng.between(5, 40) * kSecond;
        body = rng.pick(lang.agent_greetings);
      } else if (conv.close_reason == "resolved" && seq == conv.messages - 1 && conv.messages >= 5) {
        sender = "agent";
        body = rng.pick(lang.agent_closers);
      } else if (conv.close_reason == "resolved" && seq == conv.messages && conv.messages >= 5) {
        sender = "customer";
        body = rng.pick(lang.customer_closers);
      } else {
        sender = previous == "customer" ? (rng.chance(0.75) ? "agent" : "customer")
                                        : (rng.chance(0.7) ? "customer" : "agent");
        if (sender == "customer" && rng.chance(0.004)) {
          body = rng.pick(v.rare_lines);
        } else if (sender == "customer") {
          body = rng.pick(lang.customer_lines);
        } else {
          body = rng.pick(lang.agent_lines);
        }
      }
      body = fill(body);
      if (seq > 1) t += int64_t(std::min(rng.lognormal(std::log(35.0), 0.8), 900.0) * kSecond);
      if (sender == "agent" && !first_response_ms) first_response_ms = t;
      message_times.push_back(t);
      batch[1].rows.push_back({++message_id, session_id, int64_t(seq), sender,
                               sender == "agent" ? SeedCell(agent->id) : null(), std::string("text"), body,
                               std::string(conv.status == "closed" ? "read" : "delivered"), t});
      previous = sender;
    }
    counts.messages += conv.messages;
    if (conv.status == "closed") {
      closed_ms = conv.close_reason == "missed" ? conv.start_ms + rng.between(5, 15) * kMinute
                                                : t + rng.between(20, 600) * kSecond;
      closed_ms = std::max(*closed_ms, t + kSecond);
    }
    const int64_t end = closed_ms.value_or(t);
    // Disposition: most resolved chats by topic, some noise; missed ones often "unresponsive".
    SeedCell disposition = null();
    if (conv.close_reason == "resolved" && rng.chance(0.6)) {
      disposition = rng.chance(0.05) && conv.start_ms < year_ago ? disposition_id("Callback requested (old)")
                    : rng.chance(0.05)                            ? disposition_id("Duplicate")
                                                                  : disposition_id(topic.disposition);
    } else if (conv.close_reason == "missed" && rng.chance(0.5)) {
      disposition = disposition_id("Customer unresponsive");
    } else if (conv.close_reason == "blocked") {
      disposition = disposition_id("Spam");
    }
    const std::string subject = rng.chance(0.75) ? (lang.code == "en" || rng.chance(0.2) ? rng.pick(topic.subjects)
                                                                                          : rng.pick(lang.subjects))
                                                 : std::string();
    batch[0].rows.push_back({session_id, contact.id, agent ? SeedCell(agent->id) : null(), conv.status, int64_t(0),
                             subject, conv.start_ms, opt(assigned_ms), opt(first_response_ms), opt(closed_ms),
                             conv.close_reason.empty() ? null() : SeedCell(conv.close_reason),
                             int64_t(conv.messages + 1), disposition});
    auto some_time = [&] { return message_times[size_t(rng.below(int64_t(message_times.size())))] + kSecond; };
    if (agent) {
      // Notes (the agent's) and whispers (a supervisor's or the agent's), staff-only.
      if (rng.chance(0.08)) {
        const int64_t at = some_time();
        batch[2].rows.push_back({++note_id, session_id, agent->id, fill(rng.pick(v.notes)), at, at, std::string("note")});
        ++counts.notes;
      }
      if (rng.chance(0.025)) {
        const int64_t by = !supervisors_.empty() && rng.chance(0.6) ? rng.pick(supervisors_).id : agent->id;
        const int64_t at = some_time();
        batch[2].rows.push_back({++note_id, session_id, by, fill(rng.pick(v.whispers)), at, at, std::string("whisper")});
        ++counts.whispers;
      }
      // Tags.
      std::vector<int64_t> tags;
      if (rng.chance(0.5)) tags.push_back(tag_id(topic.tag));
      if (rng.chance(0.06)) tags.push_back(tag_id("vip"));
      if (rng.chance(0.04)) tags.push_back(tag_id("complaint"));
      if (rng.chance(0.08)) tags.push_back(tag_id("mobile-app"));
      if (rng.chance(0.03) && conv.start_ms < year_ago) tags.push_back(tag_id("legacy-plan"));
      std::sort(tags.begin(), tags.end());
      tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
      for (auto tag : tags) {
        batch[4].rows.push_back({session_id, tag, agent->id, std::min(end, some_time())});
        ++counts.session_tags;
      }
    }
    // Ratings on a share of the resolved chats, mostly good.
    if (conv.close_reason == "resolved" && rng.chance(0.3)) {
      static const std::vector<double> stars = cumulative({0.09, 0.06, 0.10, 0.20, 0.55});
      const int64_t rating = int64_t(rng.weighted(stars)) + 1;
      std::string comment;
      if (rng.chance(0.35)) comment = fill(rng.pick(rating >= 4 ? lang.good_comments : lang.bad_comments));
      batch[3].rows.push_back({++rating_id, session_id, rating, comment, end + rng.between(10, 300) * kSecond});
      ++counts.ratings;
    }
    ++counts.conversations;
    if (counts.conversations % plan_.batch == 0 || i + 1 == conversations.size()) {
      sink.write(batch);
      fresh_batch();
      progress(counts.conversations);
    }
  }
  return counts;
}

}  // namespace livedesk::bench
