#pragma once
// The chat use cases on a node of a cluster: every decision is made by the
// leader's ChatEngine (one engine, so assignment, seq and routing happen once
// in one order), and this node forwards each call to it through a LeaderLink.
// Only what needs no decision stays here: customer token checks, attachment
// bytes (hashed and stored on this node's file worker, into the shared
// BlobStore), and the node's own count of open sockets, reported to the
// leader as absolute counts and re-sent in full whenever the leader changes.
//
// Thread-safety: every method from any thread; answers arrive on the link's thread.
#include <map>
#include <mutex>
#include <string>

#include "auth/token_service.hpp"
#include "service/chat_service.hpp"
#include "service/leader_link.hpp"
#include "store/blob_store.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::service {

// ChatService that forwards to the cluster's leader; see the file comment.
class ForwardingChatService final : public ChatService {
 public:
  ForwardingChatService(LeaderLink& leader, const auth::TokenService& tokens, support::WorkerThread& file_worker,
                        store::BlobStore& blobs, std::string node_id);

  // Sends this node's full presence again: call when a new leader took over.
  void resend_presence();

  void start_chat(StartChat request, Done<ChatStartedWithToken> done) override;
  void send_message(Actor actor, std::int64_t session_id, NewMessage message, Done<MessageAccepted> done) override;
  void take(Actor agent, std::int64_t session_id, Done<domain::SessionView> done) override;
  void assign(Actor supervisor, std::int64_t session_id, std::int64_t agent_id, bool force,
              Done<domain::SessionView> done) override;
  void close(Actor actor, std::int64_t session_id, Done<domain::SessionView> done) override;
  void rate(Actor customer, std::int64_t session_id, int rating, std::string comment,
            Done<domain::SessionView> done) override;
  void receipt(Actor reader, std::int64_t session_id, std::int64_t up_to_seq, std::string status,
               Done<std::int64_t> done) override;
  void typing(Actor actor, std::int64_t session_id, bool is_typing) override;
  void set_status(Actor agent, domain::AgentStatus status, Done<std::string> done) override;
  void session(Actor actor, std::int64_t session_id, Done<domain::SessionView> done) override;
  void messages_after(Actor actor, std::int64_t session_id, std::int64_t after_seq, int limit,
                      Done<std::vector<domain::MessageView>> done) override;
  void waiting(Done<std::vector<domain::SessionView>> done) override;
  void sessions_of(Actor agent, Done<std::vector<domain::SessionView>> done) override;
  void active(Done<std::vector<domain::SessionView>> done) override;
  void metrics(Done<domain::MetricsView> done) override;
  void agents(Done<std::vector<domain::AgentView>> done) override;
  void upload(Actor actor, std::int64_t session_id, std::string name, std::string bytes, Done<Upload> done) override;
  void download(Actor actor, std::int64_t session_id, std::string sha256, Done<Download> done) override;
  void request_transfer(Actor agent, std::int64_t session_id, std::optional<std::int64_t> to_agent_id,
                        std::string reason, Done<domain::TransferView> done) override;
  void answer_transfer(Actor agent, std::int64_t transfer_id, bool accept, Done<domain::TransferView> done) override;
  void transfers(Actor actor, std::int64_t session_id, Done<std::vector<domain::TransferView>> done) override;
  void barge_in(Actor supervisor, std::int64_t session_id, Done<domain::SessionView> done) override;
  void block(Actor actor, std::optional<std::int64_t> customer_id, std::optional<std::string> email,
             std::string reason, Done<domain::BlockView> done) override;
  void unblock(Actor actor, std::string email, Done<domain::BlockView> done) override;
  void blocks(Done<std::vector<domain::BlockView>> done) override;
  void add_note(Actor actor, std::int64_t session_id, std::string kind, std::string body,
                Done<domain::NoteView> done) override;
  void edit_note(Actor actor, std::int64_t note_id, std::optional<std::string> body,
                 Done<domain::NoteView> done) override;
  void notes(Actor actor, std::int64_t session_id, Done<std::vector<domain::NoteView>> done) override;
  void save_canned(Actor actor, std::optional<std::int64_t> id, NewCanned canned,
                   Done<domain::CannedView> done) override;
  void delete_canned(Actor actor, std::int64_t id, Done<domain::CannedView> done) override;
  void search_canned(Actor actor, std::string prefix, Done<std::vector<domain::CannedView>> done) override;
  void render_canned(Actor actor, std::int64_t canned_id, std::int64_t session_id, Done<std::string> done) override;
  void watch(Actor actor, std::int64_t session_id, std::function<void(bool allowed)> follow) override;
  void resume(Actor actor, std::int64_t session_id, std::int64_t after_seq,
              std::function<void(Outcome<std::vector<domain::MessageView>>)> follow) override;
  void resume_agent(Actor agent, std::vector<std::pair<std::int64_t, std::int64_t>> resume,
                    Done<AgentResume> follow) override;
  void staff_connected(Actor staff) override;
  void staff_disconnected(Actor staff) override;
  void customer_connected(std::int64_t session_id) override;
  void customer_disconnected(std::int64_t session_id) override;
  void tick() override {}  // deadlines are the leader's (LocalChatService::tick there)
  std::optional<Actor> verify_customer(std::string_view token) const override;

 private:
  template <class R, class... Args>
  void forward(const char* op, std::function<void(R)> done, const Args&... args);
  // Reports the counts of `staff_id` / `session_id` (or everything) to the leader.
  void report(std::optional<std::int64_t> staff_id, std::optional<std::int64_t> session_id);

  LeaderLink& leader_;
  const auth::TokenService& tokens_;
  support::WorkerThread& file_worker_;
  store::BlobStore& blobs_;
  const std::string node_id_;
  std::mutex presence_mutex_;
  std::int64_t presence_version_ = 0;
  std::map<std::int64_t, std::pair<Actor, int>> staff_;  // staff user id -> actor, open sockets
  std::map<std::int64_t, int> customers_;                // session id -> open sockets
};

}  // namespace livedesk::service
