#include "support/chat_load.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <pqxx/pqxx>
#include <set>
#include <sstream>
#include <string_view>
#include <thread>

namespace livedesk::it {
namespace json = boost::json;
using namespace std::chrono_literals;

namespace {
// fetch_session, retried while the answer is a 503: a node that has just
// (re)started answers so until it has seen the leader, and clients retry
// (docs/api.md: every 503 is safe to retry).
boost::json::object fetch_session_when_served(unsigned short port, const std::string& token, std::int64_t session_id) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    try {
      return fetch_session(port, token, session_id);
    } catch (const std::runtime_error& error) {
      if (std::string_view(error.what()).find("HTTP 503") == std::string_view::npos ||
          std::chrono::steady_clock::now() > deadline)
        throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}
const char* const kAgentPassword = "agent-password-123";
}

// One client of one chat, with its thread and what it was acknowledged.
struct ChatLoad::Party {
  std::string name;         // c<i> or a<i>: the prefix of its client_msg_ids
  std::string sender_type;  // customer or agent
  std::int64_t session_id = 0;
  std::unique_ptr<StickyClient> client;
  std::thread thread;
  mutable std::mutex mutex;  // guards the three below (the test thread reads them while the load runs)
  std::vector<std::pair<std::string, Clock::time_point>> acks;
  std::set<std::string> acked_as_duplicate;  // acks that said "duplicate": the message was stored before
  Clock::time_point last_ack{};
  std::exception_ptr failure;
};

std::string LoadFigures::line(const std::string& fault) const {
  std::ostringstream out;
  out << "FAULT " << fault << " acked=" << acked << " lost=" << lost << " duplicates=" << duplicates
      << " seq_gaps=" << seq_gaps << " two_agent_chats=" << two_agent_chats
      << " longest_unacked_ms=" << longest_unacked_ms << " reconnections=" << reconnections;
  return out.str();
}

std::vector<StaffUser> ChatLoad::agent_users(int pairs) {
  std::vector<StaffUser> users;
  for (int i = 0; i < pairs; ++i) users.push_back({"agent" + std::to_string(i), kAgentPassword, "agent", ""});
  return users;
}

ChatLoad::ChatLoad(Cluster& cluster, ChatLoadOptions options) : cluster_(cluster), options_(options) {
  const auto port = cluster.balancer_port();
  std::vector<std::future<StaffLogin>> logging_in;
  for (const auto& user : agent_users(options_.pairs))
    logging_in.push_back(std::async(std::launch::async, [port, user] {
      return login_staff(port, user.username, user.password);
    }));
  std::map<std::int64_t, StaffLogin> agents;
  std::vector<std::unique_ptr<WsClient>> presence;  // the agents online while the chats are routed
  for (auto& login : logging_in) {
    auto agent = login.get();
    json::object auth;
    presence.push_back(open_agent(port, agent.token, {}, &auth));
    agents[agent.id] = agent;
    // The leader hears of the connection on its own path; routing counts only active agents.
    if (str_at(auth, {"status"}) != "active")
      presence.back()->wait_for("agent_status_changed", [id = agent.id](const json::object& frame) {
        return int_at(frame, {"data", "agent_id"}) == id && str_at(frame, {"data", "status"}) == "active";
      });
  }
  // Least loaded first: with every agent free, the chats go one to each.
  std::vector<StartedChat> chats;
  for (int i = 0; i < options_.pairs; ++i)
    chats.push_back(start_chat(port, "Customer " + std::to_string(i), "customer" + std::to_string(i) + "@example.com"));
  std::set<std::int64_t> given;
  for (const auto& chat : chats) {
    json::object session;
    poll_until(
        [&] {
          session = fetch_session_when_served(port, chat.token, chat.session_id);
          return str_at(session, {"status"}) == "active";
        },
        "chat " + std::to_string(chat.session_id) + " to be routed to an agent");
    const auto agent = *int_at(session, {"agent", "id"});
    if (!given.insert(agent).second)
      throw std::runtime_error("routing gave agent " + std::to_string(agent) + " two chats; the load needs one each");
    first_agent_.push_back(agent);
  }
  for (int i = 0; i < options_.pairs; ++i) {
    const auto sid = chats[i].session_id;
    const auto customer_token = chats[i].token, agent_token = agents.at(first_agent_[i]).token;
    customer_tokens_.push_back(customer_token);
    auto customer = std::make_unique<Party>();
    customer->name = "c" + std::to_string(i);
    customer->sender_type = "customer";
    customer->session_id = sid;
    customer->client = std::make_unique<StickyClient>(
        sid, [port, customer_token](std::int64_t last_seq) { return open_customer(port, customer_token, last_seq); },
        options_.timings);
    auto agent = std::make_unique<Party>();
    agent->name = "a" + std::to_string(i);
    agent->sender_type = "agent";
    agent->session_id = sid;
    // Resumed from seq 0 on the first connection too, so each side receives the whole history.
    agent->client = std::make_unique<StickyClient>(
        sid,
        [port, agent_token, sid](std::int64_t last_seq) {
          return open_agent(port, agent_token, json::object{{std::to_string(sid), last_seq}});
        },
        options_.timings, true);
    customer->client->cancel_when(abandoned_);
    agent->client->cancel_when(abandoned_);
    parties_.push_back(std::move(customer));
    parties_.push_back(std::move(agent));
  }
  for (auto& socket : presence) socket->close();
}

ChatLoad::~ChatLoad() {
  abandoned_ = true;
  stop();
}

void ChatLoad::start() {
  started_ = Clock::now();
  const auto interval = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(double(parties_.size()) / options_.messages_per_second));
  for (std::size_t i = 0; i < parties_.size(); ++i) {
    const auto offset = interval * i / parties_.size();  // spread the sends over the interval
    parties_[i]->thread = std::thread([this, &party = *parties_[i], interval, offset] { run(party, interval, offset); });
  }
}

void ChatLoad::run(Party& party, Clock::duration interval, Clock::duration offset) {
  auto next = Clock::now() + offset;
  try {
    for (int n = 1; !stopping_; ++n) {
      std::this_thread::sleep_until(next);  // the load's pace
      const auto id = party.name + "-" + std::to_string(n);
      const auto ack = party.client->send_until_acked("message " + id, id);
      const auto now = Clock::now();
      {
        std::lock_guard lock(party.mutex);
        party.acks.emplace_back(id, now);
        if (const auto* duplicate = find_path(ack, {"data", "duplicate"}); duplicate && duplicate->is_bool() &&
                                                                              duplicate->as_bool())
          party.acked_as_duplicate.insert(id);
        party.last_ack = now;
      }
      ++acked_;
      next = std::max(next + interval, now);  // after a stall, back to the pace without a burst
    }
  } catch (...) {
    std::lock_guard lock(party.mutex);
    party.failure = std::current_exception();
  }
}

void ChatLoad::stop() {
  stopping_ = true;
  for (auto& party : parties_)
    if (party->thread.joinable()) party->thread.join();
  if (stopped_ == Clock::time_point{}) stopped_ = Clock::now();
}

bool ChatLoad::every_client_acked_after(Clock::time_point since) const {
  for (const auto& party : parties_) {
    std::lock_guard lock(party->mutex);
    if (party->last_ack <= since) return false;
  }
  return true;
}

void ChatLoad::rethrow_failure() const {
  for (const auto& party : parties_) {
    std::lock_guard lock(party->mutex);
    if (party->failure) std::rethrow_exception(party->failure);
  }
}

std::string ChatLoad::progress(Clock::time_point since) const {
  int caught_up = 0;
  std::string behind;
  for (const auto& party : parties_) {
    std::lock_guard lock(party->mutex);
    if (party->last_ack > since)
      ++caught_up;
    else
      behind += " " + party->name;
  }
  return std::to_string(caught_up) + " of " + std::to_string(parties_.size()) +
         " clients acknowledged since; not:" + behind + "; " + std::to_string(acked()) + " acks in all";
}

LoadFigures ChatLoad::check() {
  stop();
  rethrow_failure();
  LoadFigures figures;
  std::ostringstream problems;

  // The stored history, straight from PostgreSQL.
  struct Stored {
    std::vector<std::int64_t> seqs;
    std::map<std::int64_t, std::string> sender_of;  // seq -> "<sender_type> <client_msg_id>"
    std::map<std::pair<std::string, std::string>, int> copies;  // (sender_type, client_msg_id) -> rows
    std::set<std::int64_t> agent_senders;
  };
  std::map<std::int64_t, Stored> stored;
  std::map<std::int64_t, std::pair<std::optional<std::int64_t>, std::string>> sessions;  // agent_id, status
  {
    pqxx::connection connection(cluster_.database_url());
    pqxx::read_transaction txn(connection);
    for (const auto& row :
         txn.exec("SELECT session_id, seq, sender_type, client_msg_id, sender_user_id FROM messages ORDER BY session_id, seq")) {
      auto& history = stored[row[0].as<std::int64_t>()];
      history.seqs.push_back(row[1].as<std::int64_t>());
      history.sender_of[history.seqs.back()] = row[2].as<std::string>() + " " + row[3].as<std::string>("");
      if (!row[3].is_null()) ++history.copies[{row[2].as<std::string>(), row[3].as<std::string>()}];
      if (row[2].as<std::string>() == "agent") history.agent_senders.insert(row[4].as<std::int64_t>());
    }
    for (const auto& row : txn.exec("SELECT id, agent_id, status FROM chat_sessions"))
      sessions[row[0].as<std::int64_t>()] = {row[1].is_null() ? std::nullopt : std::optional(row[1].as<std::int64_t>()),
                                             row[2].as<std::string>()};
  }
  for (const auto& [sid, history] : stored) {
    for (std::size_t i = 0, expected = 1; i < history.seqs.size(); ++i, ++expected) {
      if (history.seqs[i] == std::int64_t(expected)) continue;
      const auto missing = history.seqs[i] - std::int64_t(expected);
      problems << "session " << sid << " stores seq " << history.seqs[i] << " where " << expected << " belongs\n";
      figures.seq_gaps += int(std::max<std::int64_t>(missing, 1));
      expected = std::size_t(history.seqs[i]);
    }
    for (const auto& [key, rows] : history.copies)
      if (rows > 1) {
        figures.duplicates += rows - 1;
        problems << "session " << sid << " stores " << key.first << " " << key.second << " " << rows << " times\n";
      }
  }

  std::vector<Clock::time_point> ack_times;
  for (auto& party : parties_) {
    auto& history = stored[party->session_id];
    for (const auto& [id, at] : party->acks) {
      ack_times.push_back(at);
      ++figures.acked;
      if (!history.copies.count({party->sender_type, id})) {
        ++figures.lost;
        problems << party->name << " was acknowledged " << id << " but it is not stored\n";
      }
    }
    // What the client received: every stored seq once (it resumed after each reconnection).
    const auto last = history.seqs.empty() ? 0 : history.seqs.back();
    party->client->wait_for_seq(last);
    figures.reconnections += party->client->connections() - 1;
    std::map<std::int64_t, int> received;
    for (const auto seq : party->client->seqs()) ++received[seq];
    for (const auto& [seq, times] : received)
      if (times > 1) {
        figures.duplicates += times - 1;
        problems << party->name << " received seq " << seq << " " << times << " times\n";
      }
    for (std::int64_t seq = 1; seq <= last; ++seq)
      if (!received.count(seq)) {
        ++figures.seq_gaps;
        problems << party->name << " never received seq " << seq << " of session " << party->session_id
                 << " (stored: " << history.sender_of[seq] << ")\n";
      }
  }

  for (int i = 0; i < options_.pairs; ++i) {
    const auto sid = parties_[2 * i]->session_id;
    std::set<std::int64_t> agents{first_agent_[i]};
    const auto& [db_agent, status] = sessions[sid];
    if (db_agent) agents.insert(*db_agent);
    for (const auto sender : stored[sid].agent_senders) agents.insert(sender);
    // And as REST shows it, through nginx.
    const auto rest = fetch_session_when_served(cluster_.balancer_port(), customer_tokens_[i], sid);
    if (const auto rest_agent = int_at(rest, {"agent", "id"})) agents.insert(*rest_agent);
    if (agents.size() != 1 || !db_agent || status != "active") {
      ++figures.two_agent_chats;
      problems << "session " << sid << " first went to agent " << first_agent_[i] << "; now " << status
               << " with agent " << (db_agent ? std::to_string(*db_agent) : "none") << "; " << agents.size()
               << " agents in all\n";
    }
  }

  for (const auto& party : parties_)
    for (const auto& id : party->acked_as_duplicate)
      problems << "(not a fault) " << party->name << " was acknowledged " << id
               << " as a duplicate: stored by an earlier attempt whose answer it never got\n";
  std::sort(ack_times.begin(), ack_times.end());
  auto previous = started_;
  for (const auto at : ack_times) {
    figures.longest_unacked_ms =
        std::max<std::int64_t>(figures.longest_unacked_ms,
                               std::chrono::duration_cast<std::chrono::milliseconds>(at - previous).count());
    previous = at;
  }
  figures.problems = problems.str();
  return figures;
}

}  // namespace livedesk::it
