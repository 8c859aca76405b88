#pragma once
// The chat use cases decided in this process: every call is queued on the
// store executor, where ChatEngine decides, and `done` is called on the store
// thread once the outcome is durable (reads: at once). The only implementation
// on one node, and the leader's on several (service/chat_call_dispatch.hpp).
#include <functional>
#include <memory>

#include "auth/token_service.hpp"
#include "service/chat_engine.hpp"
#include "service/chat_service.hpp"
#include "store/blob_store.hpp"
#include "store/store_executor.hpp"
#include "support/worker_thread.hpp"

namespace livedesk::service {

// ChatService over the in-process ChatEngine; see the file comment.
class LocalChatService final : public ChatService {
 public:
  LocalChatService(store::StoreExecutor& store, const auth::TokenService& tokens, const domain::Clock& clock,
                   const domain::Calendar& calendar, bus::EventBus& bus, ChatSettings settings,
                   support::WorkerThread& file_worker, store::BlobStore& blobs);

  // Loads open sessions; call once (on the store thread) before serving.
  void load(store::Store& store);

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
  // The two halves of upload/download that need the engine; the bytes stay on
  // the node that received them (a cluster shares its BlobStore).
  void record_upload(Actor actor, std::int64_t session_id, store::UploadedFile file, Done<Upload> done);
  void find_upload(Actor actor, std::int64_t session_id, std::string sha256, Done<store::UploadedFile> done);

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
  void tick() override;
  std::optional<Actor> verify_customer(std::string_view token) const override;

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
