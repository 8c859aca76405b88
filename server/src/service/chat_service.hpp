#pragma once
// The chat use cases for the API layer. Every call may come from any thread;
// it is queued on the store executor, where ChatEngine decides, and `done`
// is called on the store thread once the outcome is durable (reads: at once).
// A call made while shutting down answers 503 unavailable.
#include <functional>
#include <memory>

#include "auth/token_service.hpp"
#include "service/chat_engine.hpp"
#include "store/blob_store.hpp"
#include "store/store_executor.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::service {

struct ChatStartedWithToken {
  ChatStarted started;
  std::string customer_token;
};

// The façade over ChatEngine; see the file comment.
class ChatService {
 public:
  ChatService(store::StoreExecutor& store, const auth::TokenService& tokens, const domain::Clock& clock,
              const domain::Calendar& calendar, bus::EventBus& bus, ChatSettings settings,
              support::WorkerThread& file_worker, store::BlobStore& blobs);

  // Loads open sessions; call once before serving.
  void load(store::Store& store);

  void start_chat(StartChat request, Done<ChatStartedWithToken> done);
  void send_message(Actor actor, std::int64_t session_id, NewMessage message, Done<MessageAccepted> done);
  void take(Actor agent, std::int64_t session_id, Done<domain::SessionView> done);
  void assign(Actor supervisor, std::int64_t session_id, std::int64_t agent_id, bool force,
              Done<domain::SessionView> done);
  void close(Actor actor, std::int64_t session_id, Done<domain::SessionView> done);
  void rate(Actor customer, std::int64_t session_id, int rating, std::string comment, Done<domain::SessionView> done);
  void receipt(Actor reader, std::int64_t session_id, std::int64_t up_to_seq, std::string status,
               Done<std::int64_t> done);
  void typing(Actor actor, std::int64_t session_id, bool is_typing);
  void set_status(Actor agent, domain::AgentStatus status, Done<std::string> done);

  void session(Actor actor, std::int64_t session_id, Done<domain::SessionView> done);
  void messages_after(Actor actor, std::int64_t session_id, std::int64_t after_seq, int limit,
                      Done<std::vector<domain::MessageView>> done);
  void waiting(Done<std::vector<domain::SessionView>> done);
  void sessions_of(Actor agent, Done<std::vector<domain::SessionView>> done);
  void active(Done<std::vector<domain::SessionView>> done);
  void metrics(Done<domain::MetricsView> done);
  void agents(Done<std::vector<domain::AgentView>> done);

  // Attachments: the type is read from the bytes (libmagic) and must be on
  // the allow-list; files are kept by SHA-256 (hashing and disk on the file worker).
  void upload(Actor actor, std::int64_t session_id, std::string name, std::string bytes, Done<Upload> done);
  void download(Actor actor, std::int64_t session_id, std::string sha256, Done<Download> done);

  // Agent tools.
  void request_transfer(Actor agent, std::int64_t session_id, std::optional<std::int64_t> to_agent_id,
                        std::string reason, Done<domain::TransferView> done);
  void answer_transfer(Actor agent, std::int64_t transfer_id, bool accept, Done<domain::TransferView> done);
  void transfers(Actor actor, std::int64_t session_id, Done<std::vector<domain::TransferView>> done);
  void barge_in(Actor supervisor, std::int64_t session_id, Done<domain::SessionView> done);
  void block(Actor actor, std::optional<std::int64_t> customer_id, std::optional<std::string> email, std::string reason,
             Done<domain::BlockView> done);
  void unblock(Actor actor, std::string email, Done<domain::BlockView> done);
  void blocks(Done<std::vector<domain::BlockView>> done);
  void add_note(Actor actor, std::int64_t session_id, std::string kind, std::string body, Done<domain::NoteView> done);
  void edit_note(Actor actor, std::int64_t note_id, std::optional<std::string> body, Done<domain::NoteView> done);
  void notes(Actor actor, std::int64_t session_id, Done<std::vector<domain::NoteView>> done);
  void save_canned(Actor actor, std::optional<std::int64_t> id, NewCanned canned, Done<domain::CannedView> done);
  void delete_canned(Actor actor, std::int64_t id, Done<domain::CannedView> done);
  void search_canned(Actor actor, std::string prefix, Done<std::vector<domain::CannedView>> done);
  void render_canned(Actor actor, std::int64_t canned_id, std::int64_t session_id, Done<std::string> done);
  // Runs `follow(true)` on the store thread when `actor` may watch the session
  // live, after everything committed so far (subscribe inside it).
  void watch(Actor actor, std::int64_t session_id, std::function<void(bool allowed)> follow);

  // Reconnect without loss: once everything committed so far is visible,
  // `follow` runs on the store thread (so no event can slip between), given
  // the messages after `after_seq`; it subscribes the connection and sends them.
  // Events committed later are published after `follow` returns.
  void resume(Actor actor, std::int64_t session_id, std::int64_t after_seq,
              std::function<void(Outcome<std::vector<domain::MessageView>>)> follow);

  // The agent's open chats and, for each session in `resume` (id -> last seq
  // seen), the messages after it; `follow` runs like resume()'s.
  struct AgentResume {
    std::vector<domain::SessionView> sessions;
    std::vector<domain::MessageView> missed;  // every resumed session's messages, each in seq order
    std::string status;                       // the agent's status now
  };
  void resume_agent(Actor agent, std::vector<std::pair<std::int64_t, std::int64_t>> resume,
                    std::function<void(AgentResume)> follow);

  void staff_connected(Actor staff);
  void staff_disconnected(Actor staff);
  void customer_connected(std::int64_t session_id);
  void customer_disconnected(std::int64_t session_id);

  // Checks deadlines (unanswered chats, customers gone, agents gone); call about once a second.
  void tick();

  // Customer tokens: the customer and session a token opens, or nullopt.
  std::optional<Actor> verify_customer(std::string_view token) const;

 private:
  template <class T, class Work>
  void write(Done<T> done, Work work);

  store::StoreExecutor& store_;
  const auth::TokenService& tokens_;
  support::WorkerThread& file_worker_;
  store::BlobStore& blobs_;
  bus::EventBus& bus_;
  ChatEngine engine_;
};

}  // namespace livedesk::service
