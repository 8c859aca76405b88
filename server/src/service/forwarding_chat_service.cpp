#include "service/forwarding_chat_service.hpp"

#include "service/attachment_files.hpp"
#include "service/customer_token.hpp"
#include "service/chat_call_codec.hpp"

namespace livedesk::service {
namespace json = boost::json;

namespace {
ChatError leader_unreachable() { return {503, "unavailable", "no leader node can be reached; try again shortly"}; }

// What a caller gets when the leader could not answer: defined for each
// answer type a forwarded call has, so a new one must say what it gets.
template <class R>
struct Unreachable;
template <class T>
struct Unreachable<Outcome<T>> {
  static Outcome<T> value() { return leader_unreachable(); }
};
template <>
struct Unreachable<bool> {
  static bool value() { return false; }
};

template <class... Args>
json::array encode_args(const Args&... args) {
  json::array array;
  array.reserve(sizeof...(Args));
  (array.push_back(json::value_from(args)), ...);
  return array;
}
}  // namespace

ForwardingChatService::ForwardingChatService(LeaderLink& leader, const auth::TokenService& tokens,
                                             support::WorkerThread& file_worker, store::BlobStore& blobs,
                                             std::string node_id)
    : leader_(leader), tokens_(tokens), file_worker_(file_worker), blobs_(blobs), node_id_(std::move(node_id)) {}

template <class R, class... Args>
void ForwardingChatService::forward(const char* op, std::function<void(R)> done, const Args&... args) {
  leader_.call(op, encode_args(args...), [done = std::move(done)](std::optional<json::value> reply) {
    if (!reply) return done(Unreachable<R>::value());
    R result;
    try {
      result = ResultDecoder<R>::decode(*reply);
    } catch (const std::exception&) {
      return done(Unreachable<R>::value());
    }
    done(std::move(result));
  });
}

void ForwardingChatService::start_chat(StartChat request, Done<ChatStartedWithToken> done) {
  forward("start_chat", std::move(done), request);
}
void ForwardingChatService::send_message(Actor actor, std::int64_t session_id, NewMessage message,
                                         Done<MessageAccepted> done) {
  forward("send_message", std::move(done), actor, session_id, message);
}
void ForwardingChatService::take(Actor agent, std::int64_t session_id, Done<domain::SessionView> done) {
  forward("take", std::move(done), agent, session_id);
}
void ForwardingChatService::assign(Actor supervisor, std::int64_t session_id, std::int64_t agent_id, bool force,
                                   Done<domain::SessionView> done) {
  forward("assign", std::move(done), supervisor, session_id, agent_id, force);
}
void ForwardingChatService::close(Actor actor, std::int64_t session_id, Done<domain::SessionView> done) {
  forward("close", std::move(done), actor, session_id);
}
void ForwardingChatService::rate(Actor customer, std::int64_t session_id, int rating, std::string comment,
                                 Done<domain::SessionView> done) {
  forward("rate", std::move(done), customer, session_id, rating, comment);
}
void ForwardingChatService::receipt(Actor reader, std::int64_t session_id, std::int64_t up_to_seq, std::string status,
                                    Done<std::int64_t> done) {
  forward("receipt", std::move(done), reader, session_id, up_to_seq, status);
}
void ForwardingChatService::typing(Actor actor, std::int64_t session_id, bool is_typing) {
  forward("typing", std::function<void(Outcome<bool>)>([](Outcome<bool>) {}), actor, session_id, is_typing);
}
void ForwardingChatService::set_status(Actor agent, domain::AgentStatus status, Done<std::string> done) {
  forward("set_status", std::move(done), agent, status);
}
void ForwardingChatService::session(Actor actor, std::int64_t session_id, Done<domain::SessionView> done) {
  forward("session", std::move(done), actor, session_id);
}
void ForwardingChatService::messages_after(Actor actor, std::int64_t session_id, std::int64_t after_seq, int limit,
                                           Done<std::vector<domain::MessageView>> done) {
  forward("messages_after", std::move(done), actor, session_id, after_seq, limit);
}
void ForwardingChatService::waiting(Done<std::vector<domain::SessionView>> done) { forward("waiting", std::move(done)); }
void ForwardingChatService::sessions_of(Actor agent, Done<std::vector<domain::SessionView>> done) {
  forward("sessions_of", std::move(done), agent);
}
void ForwardingChatService::active(Done<std::vector<domain::SessionView>> done) { forward("active", std::move(done)); }
void ForwardingChatService::metrics(Done<domain::MetricsView> done) { forward("metrics", std::move(done)); }
void ForwardingChatService::agents(Done<std::vector<domain::AgentView>> done) { forward("agents", std::move(done)); }

void ForwardingChatService::upload(Actor actor, std::int64_t session_id, std::string name, std::string bytes,
                                   Done<Upload> done) {
  store_upload(file_worker_, blobs_, session_id, std::move(name), std::move(bytes),
               [this, actor, session_id](store::UploadedFile file, Done<Upload> done) {
                 forward("record_upload", std::move(done), actor, session_id, file);
               },
               std::move(done));
}
void ForwardingChatService::download(Actor actor, std::int64_t session_id, std::string sha256, Done<Download> done) {
  forward("find_upload",
          Done<store::UploadedFile>([this, done](Outcome<store::UploadedFile> found) {
            read_download(file_worker_, blobs_, std::move(found), done);
          }),
          actor, session_id, sha256);
}

void ForwardingChatService::request_transfer(Actor agent, std::int64_t session_id,
                                             std::optional<std::int64_t> to_agent_id, std::string reason,
                                             Done<domain::TransferView> done) {
  forward("request_transfer", std::move(done), agent, session_id, to_agent_id, reason);
}
void ForwardingChatService::answer_transfer(Actor agent, std::int64_t transfer_id, bool accept,
                                            Done<domain::TransferView> done) {
  forward("answer_transfer", std::move(done), agent, transfer_id, accept);
}
void ForwardingChatService::transfers(Actor actor, std::int64_t session_id,
                                      Done<std::vector<domain::TransferView>> done) {
  forward("transfers", std::move(done), actor, session_id);
}
void ForwardingChatService::barge_in(Actor supervisor, std::int64_t session_id, Done<domain::SessionView> done) {
  forward("barge_in", std::move(done), supervisor, session_id);
}
void ForwardingChatService::block(Actor actor, std::optional<std::int64_t> customer_id,
                                  std::optional<std::string> email, std::string reason, Done<domain::BlockView> done) {
  forward("block", std::move(done), actor, customer_id, email, reason);
}
void ForwardingChatService::unblock(Actor actor, std::string email, Done<domain::BlockView> done) {
  forward("unblock", std::move(done), actor, email);
}
void ForwardingChatService::blocks(Done<std::vector<domain::BlockView>> done) { forward("blocks", std::move(done)); }
void ForwardingChatService::add_note(Actor actor, std::int64_t session_id, std::string kind, std::string body,
                                     Done<domain::NoteView> done) {
  forward("add_note", std::move(done), actor, session_id, kind, body);
}
void ForwardingChatService::edit_note(Actor actor, std::int64_t note_id, std::optional<std::string> body,
                                      Done<domain::NoteView> done) {
  forward("edit_note", std::move(done), actor, note_id, body);
}
void ForwardingChatService::notes(Actor actor, std::int64_t session_id, Done<std::vector<domain::NoteView>> done) {
  forward("notes", std::move(done), actor, session_id);
}
void ForwardingChatService::save_canned(Actor actor, std::optional<std::int64_t> id, NewCanned canned,
                                        Done<domain::CannedView> done) {
  forward("save_canned", std::move(done), actor, id, canned);
}
void ForwardingChatService::delete_canned(Actor actor, std::int64_t id, Done<domain::CannedView> done) {
  forward("delete_canned", std::move(done), actor, id);
}
void ForwardingChatService::search_canned(Actor actor, std::string prefix,
                                          Done<std::vector<domain::CannedView>> done) {
  forward("search_canned", std::move(done), actor, prefix);
}
void ForwardingChatService::render_canned(Actor actor, std::int64_t canned_id, std::int64_t session_id,
                                          Done<std::string> done) {
  forward("render_canned", std::move(done), actor, canned_id, session_id);
}
void ForwardingChatService::watch(Actor actor, std::int64_t session_id, std::function<void(bool)> follow) {
  forward("watch", std::move(follow), actor, session_id);
}
void ForwardingChatService::resume(Actor actor, std::int64_t session_id, std::int64_t after_seq,
                                   std::function<void(Outcome<std::vector<domain::MessageView>>)> follow) {
  forward("resume", std::move(follow), actor, session_id, after_seq);
}
void ForwardingChatService::resume_agent(Actor agent, std::vector<std::pair<std::int64_t, std::int64_t>> resume,
                                         Done<AgentResume> follow) {
  forward("resume_agent", std::move(follow), agent, resume);
}

std::optional<Actor> ForwardingChatService::verify_customer(std::string_view token) const {
  return customer_from_token(tokens_, token);
}

void ForwardingChatService::staff_connected(Actor staff) {
  {
    std::lock_guard lock(presence_mutex_);
    auto& [actor, count] = staff_.try_emplace(staff.id, staff, 0).first->second;
    actor = staff;
    ++count;
  }
  report(staff.id, std::nullopt);
}

void ForwardingChatService::staff_disconnected(Actor staff) {
  {
    std::lock_guard lock(presence_mutex_);
    auto it = staff_.find(staff.id);
    if (it == staff_.end()) return;
    --it->second.second;
  }
  report(staff.id, std::nullopt);
}

void ForwardingChatService::customer_connected(std::int64_t session_id) {
  {
    std::lock_guard lock(presence_mutex_);
    ++customers_[session_id];
  }
  report(std::nullopt, session_id);
}

void ForwardingChatService::customer_disconnected(std::int64_t session_id) {
  {
    std::lock_guard lock(presence_mutex_);
    auto it = customers_.find(session_id);
    if (it == customers_.end()) return;
    --it->second;
  }
  report(std::nullopt, session_id);
}

void ForwardingChatService::resend_presence() { report(std::nullopt, std::nullopt); }

void ForwardingChatService::report(std::optional<std::int64_t> staff_id, std::optional<std::int64_t> session_id) {
  const bool complete = !staff_id && !session_id;
  std::int64_t version = 0;
  std::vector<std::pair<Actor, int>> staff;
  std::vector<std::pair<std::int64_t, int>> customers;
  {
    std::lock_guard lock(presence_mutex_);
    version = ++presence_version_;
    for (auto it = staff_.begin(); it != staff_.end();) {
      if (complete || it->first == staff_id) staff.push_back(it->second);
      // A count that reached zero has been reported as zero; forget it.
      it = it->second.second <= 0 && (complete || it->first == staff_id) ? staff_.erase(it) : std::next(it);
    }
    for (auto it = customers_.begin(); it != customers_.end();) {
      if (complete || it->first == session_id) customers.emplace_back(it->first, it->second);
      it = it->second <= 0 && (complete || it->first == session_id) ? customers_.erase(it) : std::next(it);
    }
  }
  forward("presence", std::function<void(Outcome<bool>)>([](Outcome<bool>) {}), node_id_, version, complete, staff,
          customers);
}

}  // namespace livedesk::service
