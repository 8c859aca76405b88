#include "service/local_chat_service.hpp"

#include <atomic>

#include <set>

#include "domain/message_rules.hpp"
#include "service/attachment_files.hpp"
#include "service/customer_token.hpp"

namespace livedesk::service {
namespace {
ChatError unavailable() { return {503, "unavailable", "the server is shutting down"}; }
}  // namespace

LocalChatService::LocalChatService(store::StoreExecutor& store, const auth::TokenService& tokens, const domain::Clock& clock,
                                   const domain::Calendar& calendar, bus::EventBus& bus, ChatSettings settings,
                         support::WorkerThread& file_worker, store::BlobStore& blobs)
    : store_(store), tokens_(tokens), file_worker_(file_worker), blobs_(blobs), bus_(bus),
      engine_(clock, calendar, bus, settings) {}

void LocalChatService::upload(Actor actor, std::int64_t session_id, std::string name, std::string bytes,
                              Done<Upload> done) {
  store_upload(file_worker_, blobs_, session_id, std::move(name), std::move(bytes),
               [this, actor, session_id](store::UploadedFile file, Done<Upload> done) {
                 record_upload(actor, session_id, std::move(file), std::move(done));
               },
               std::move(done));
}

void LocalChatService::record_upload(Actor actor, std::int64_t session_id, store::UploadedFile file, Done<Upload> done) {
  write<Upload>(done, [this, actor, session_id, file](auto& s, auto& h, auto done) {
    auto outcome = engine_.record_upload(s, actor, session_id, file);
    h.after_commit([done, outcome](bool ok) {
      ok ? done(outcome) : done(ChatError{503, "unavailable", "the upload could not be saved"});
    });
  });
}

void LocalChatService::download(Actor actor, std::int64_t session_id, std::string sha256, Done<Download> done) {
  find_upload(actor, session_id, std::move(sha256), [this, done](Outcome<store::UploadedFile> found) {
    read_download(file_worker_, blobs_, std::move(found), done);
  });
}

void LocalChatService::find_upload(Actor actor, std::int64_t session_id, std::string sha256,
                                   Done<store::UploadedFile> done) {
  write<store::UploadedFile>(done, [this, actor, session_id, sha256](auto& s, auto&, auto done) {
    done(engine_.find_upload(s, actor, session_id, sha256));
  });
}

void LocalChatService::load(store::Store& store) { engine_.load(store); }

template <class T, class Work>
void LocalChatService::write(Done<T> callback, Work work) {
  // A job that fails after registering its hooks would answer twice (its own
  // error, then the failed commit); the first answer wins.
  auto answered = std::make_shared<std::atomic<bool>>(false);
  Done<T> done = [answered, callback](Outcome<T> outcome) {
    if (!answered->exchange(true)) callback(std::move(outcome));
  };
  const bool queued = store_.post_write([this, done, work = std::move(work)](store::Store& s, store::CommitHooks& h) {
    try {
      work(s, h, done);
    } catch (const std::exception& error) {
      done(ChatError{503, "store_error", std::string("the database failed: ") + error.what()});
      throw;  // roll this job back
    }
  });
  if (!queued) done(unavailable());
}

void LocalChatService::start_chat(StartChat request, Done<ChatStartedWithToken> done) {
  auto with_token = [this, done](Outcome<ChatStarted> outcome) {
    if (auto* error = std::get_if<ChatError>(&outcome)) return done(*error);
    auto& started = std::get<ChatStarted>(outcome);
    done(ChatStartedWithToken{started, tokens_.issue_customer(started.customer_id, started.session.id)});
  };
  write<ChatStarted>(with_token, [this, request = std::move(request)](auto& s, auto& h, auto done) {
    engine_.start_chat(s, h, request, done);
  });
}

void LocalChatService::send_message(Actor actor, std::int64_t session_id, NewMessage message, Done<MessageAccepted> done) {
  if (!domain::is_message_type(message.type))
    return done(ChatError{400, "invalid_field", "type must be text, image, file, audio or video"});
  if (message.type == "text") {
    if (const char* problem = domain::text_body_problem(message.body)) return done(ChatError{400, "invalid_field", problem});
  } else if (!message.attachment_id) {
    return done(ChatError{400, "invalid_field", "a " + message.type + " message needs an uploaded attachment"});
  } else if (message.body.size() > domain::max_text_bytes) {
    return done(ChatError{400, "invalid_field", "the caption is longer than 8 KiB"});
  }
  if (message.client_msg_id && (message.client_msg_id->empty() || message.client_msg_id->size() > domain::max_client_msg_id_bytes))
    return done(ChatError{400, "invalid_field", "client_msg_id must be 1 to 64 characters"});
  write<MessageAccepted>(done, [this, actor, session_id, message = std::move(message)](auto& s, auto& h, auto done) {
    engine_.send_message(s, h, actor, session_id, message, done);
  });
}

void LocalChatService::take(Actor agent, std::int64_t session_id, Done<domain::SessionView> done) {
  write<domain::SessionView>(done, [this, agent, session_id](auto& s, auto& h, auto done) {
    engine_.take(s, h, agent, session_id, done);
  });
}

void LocalChatService::assign(Actor supervisor, std::int64_t session_id, std::int64_t agent_id, bool force,
                         Done<domain::SessionView> done) {
  write<domain::SessionView>(done, [=, this](auto& s, auto& h, auto done) {
    engine_.assign(s, h, supervisor, session_id, agent_id, force, done);
  });
}

void LocalChatService::close(Actor actor, std::int64_t session_id, Done<domain::SessionView> done) {
  write<domain::SessionView>(done, [=, this](auto& s, auto& h, auto done) { engine_.close(s, h, actor, session_id, done); });
}

void LocalChatService::rate(Actor customer, std::int64_t session_id, int rating, std::string comment,
                       Done<domain::SessionView> done) {
  write<domain::SessionView>(done, [=, this](auto& s, auto& h, auto done) {
    engine_.rate(s, h, customer, session_id, rating, comment, done);
  });
}

void LocalChatService::receipt(Actor reader, std::int64_t session_id, std::int64_t up_to_seq, std::string status,
                          Done<std::int64_t> done) {
  write<std::int64_t>(done, [=, this](auto& s, auto& h, auto done) {
    engine_.receipt(s, h, reader, session_id, up_to_seq, status, done);
  });
}

void LocalChatService::typing(Actor actor, std::int64_t session_id, bool is_typing) {
  store_.post_write([=, this](store::Store&, store::CommitHooks& h) { engine_.typing(h, actor, session_id, is_typing); });
}

void LocalChatService::set_status(Actor agent, domain::AgentStatus status, Done<std::string> done) {
  write<std::string>(done, [=, this](auto& s, auto& h, auto done) { engine_.set_status(s, h, agent, status, done); });
}

void LocalChatService::session(Actor actor, std::int64_t session_id, Done<domain::SessionView> done) {
  write<domain::SessionView>(done, [=, this](auto& s, auto&, auto done) { done(engine_.session(s, actor, session_id)); });
}

void LocalChatService::messages_after(Actor actor, std::int64_t session_id, std::int64_t after_seq, int limit,
                                 Done<std::vector<domain::MessageView>> done) {
  write<std::vector<domain::MessageView>>(done, [=, this](auto& s, auto&, auto done) {
    done(engine_.messages_after(s, actor, session_id, after_seq, limit));
  });
}

void LocalChatService::waiting(Done<std::vector<domain::SessionView>> done) {
  write<std::vector<domain::SessionView>>(done, [this](auto&, auto&, auto done) { done(engine_.waiting_sessions()); });
}

void LocalChatService::active(Done<std::vector<domain::SessionView>> done) {
  write<std::vector<domain::SessionView>>(done, [this](auto&, auto&, auto done) { done(engine_.active_sessions()); });
}

void LocalChatService::metrics(Done<domain::MetricsView> done) {
  write<domain::MetricsView>(done, [this](auto&, auto&, auto done) { done(engine_.metrics()); });
}

void LocalChatService::agents(Done<std::vector<domain::AgentView>> done) {
  write<std::vector<domain::AgentView>>(done, [this](auto&, auto&, auto done) { done(engine_.agent_views()); });
}

void LocalChatService::sessions_of(Actor agent, Done<std::vector<domain::SessionView>> done) {
  write<std::vector<domain::SessionView>>(done, [this, agent](auto&, auto&, auto done) {
    done(engine_.sessions_of_agent(agent.id));
  });
}

void LocalChatService::resume(Actor actor, std::int64_t session_id, std::int64_t after_seq,
                         std::function<void(Outcome<std::vector<domain::MessageView>>)> follow) {
  // The history is read inside the batch, at this job's place in it: it holds
  // exactly the messages of the jobs before this one, whose events are
  // published before this job's hook. after_delivered then subscribes the
  // connection once those events have gone out, and every later message
  // reaches it live. Each message arrives once.
  const bool queued = store_.post_write([=, this](store::Store& s, store::CommitHooks& h) {
    auto history = engine_.messages_after(s, actor, session_id, after_seq, 1'000'000);
    h.after_commit([this, follow, history = std::move(history)](bool committed) {
      if (!committed) return follow(ChatError{503, "store_error", "the history could not be read"});
      bus_.after_delivered([follow, history] { follow(history); });
    });
  });
  if (!queued) follow(unavailable());
}

void LocalChatService::resume_agent(Actor agent, std::vector<std::pair<std::int64_t, std::int64_t>> resume,
                                    Done<AgentResume> follow) {
  const bool queued = store_.post_write([=, this](store::Store& s, store::CommitHooks& h) {
    AgentResume result;  // read at this job's place in the batch, as in resume()
    result.sessions = engine_.sessions_of_agent(agent.id);
    result.status = engine_.status_of(agent.id);
    for (const auto& [session_id, after_seq] : resume) {
      auto history = engine_.messages_after(s, agent, session_id, after_seq, 1'000'000);
      if (auto* messages = std::get_if<std::vector<domain::MessageView>>(&history))
        result.missed.insert(result.missed.end(), messages->begin(), messages->end());
    }
    h.after_commit([this, follow, result = std::move(result)](bool) {
      bus_.after_delivered([follow, result] { follow(result); });
    });
  });
  if (!queued) follow(unavailable());
}

void LocalChatService::request_transfer(Actor agent, std::int64_t session_id, std::optional<std::int64_t> to_agent_id,
                                   std::string reason, Done<domain::TransferView> done) {
  write<domain::TransferView>(done, [=, this](auto& s, auto& h, auto done) {
    engine_.request_transfer(s, h, agent, session_id, to_agent_id, reason, done);
  });
}

void LocalChatService::answer_transfer(Actor agent, std::int64_t transfer_id, bool accept, Done<domain::TransferView> done) {
  write<domain::TransferView>(done, [=, this](auto& s, auto& h, auto done) {
    engine_.answer_transfer(s, h, agent, transfer_id, accept, done);
  });
}

void LocalChatService::transfers(Actor actor, std::int64_t session_id, Done<std::vector<domain::TransferView>> done) {
  write<std::vector<domain::TransferView>>(done, [=, this](auto& s, auto&, auto done) {
    done(engine_.transfers(s, actor, session_id));
  });
}

void LocalChatService::barge_in(Actor supervisor, std::int64_t session_id, Done<domain::SessionView> done) {
  write<domain::SessionView>(done, [=, this](auto& s, auto& h, auto done) { engine_.barge_in(s, h, supervisor, session_id, done); });
}

void LocalChatService::block(Actor actor, std::optional<std::int64_t> customer_id, std::optional<std::string> email,
                        std::string reason, Done<domain::BlockView> done) {
  write<domain::BlockView>(done, [=, this](auto& s, auto& h, auto done) {
    engine_.block(s, h, actor, customer_id, email, reason, done);
  });
}

void LocalChatService::unblock(Actor actor, std::string email, Done<domain::BlockView> done) {
  write<domain::BlockView>(done, [=, this](auto& s, auto& h, auto done) { engine_.unblock(s, h, actor, email, done); });
}

void LocalChatService::blocks(Done<std::vector<domain::BlockView>> done) {
  write<std::vector<domain::BlockView>>(done, [this](auto& s, auto&, auto done) { done(engine_.blocks(s)); });
}

void LocalChatService::add_note(Actor actor, std::int64_t session_id, std::string kind, std::string body,
                           Done<domain::NoteView> done) {
  write<domain::NoteView>(done, [=, this](auto& s, auto& h, auto done) {
    engine_.add_note(s, h, actor, session_id, kind, body, done);
  });
}

void LocalChatService::edit_note(Actor actor, std::int64_t note_id, std::optional<std::string> body,
                            Done<domain::NoteView> done) {
  write<domain::NoteView>(done, [=, this](auto& s, auto& h, auto done) { engine_.edit_note(s, h, actor, note_id, body, done); });
}

void LocalChatService::notes(Actor actor, std::int64_t session_id, Done<std::vector<domain::NoteView>> done) {
  write<std::vector<domain::NoteView>>(done, [=, this](auto& s, auto&, auto done) { done(engine_.notes(s, actor, session_id)); });
}

void LocalChatService::save_canned(Actor actor, std::optional<std::int64_t> id, NewCanned canned, Done<domain::CannedView> done) {
  write<domain::CannedView>(done, [=, this](auto& s, auto& h, auto done) { engine_.save_canned(s, h, actor, id, canned, done); });
}

void LocalChatService::delete_canned(Actor actor, std::int64_t id, Done<domain::CannedView> done) {
  write<domain::CannedView>(done, [=, this](auto& s, auto& h, auto done) { engine_.delete_canned(s, h, actor, id, done); });
}

void LocalChatService::search_canned(Actor actor, std::string prefix, Done<std::vector<domain::CannedView>> done) {
  write<std::vector<domain::CannedView>>(done, [=, this](auto& s, auto&, auto done) {
    done(engine_.search_canned(s, actor, prefix));
  });
}

void LocalChatService::render_canned(Actor actor, std::int64_t canned_id, std::int64_t session_id, Done<std::string> done) {
  write<std::string>(done, [=, this](auto& s, auto&, auto done) { done(engine_.render_canned(s, actor, canned_id, session_id)); });
}

void LocalChatService::watch(Actor actor, std::int64_t session_id, std::function<void(bool)> follow) {
  const bool queued = store_.post_write([=, this](store::Store&, store::CommitHooks& h) {
    const bool allowed = engine_.may_watch(actor, session_id);
    h.after_commit([this, follow, allowed](bool) { bus_.after_delivered([follow, allowed] { follow(allowed); }); });
  });
  if (!queued) follow(false);
}

void LocalChatService::staff_connected(Actor staff) {
  store_.post_write([=, this](store::Store& s, store::CommitHooks& h) { engine_.staff_connected(s, h, staff); });
}

void LocalChatService::staff_disconnected(Actor staff) {
  store_.post_write([=, this](store::Store&, store::CommitHooks&) { engine_.staff_disconnected(staff); });
}

void LocalChatService::customer_connected(std::int64_t session_id) {
  store_.post_write([=, this](store::Store&, store::CommitHooks&) { engine_.customer_connected(session_id); });
}

void LocalChatService::customer_disconnected(std::int64_t session_id) {
  store_.post_write([=, this](store::Store&, store::CommitHooks&) { engine_.customer_disconnected(session_id); });
}

void LocalChatService::tick() {
  store_.post_write([this](store::Store& s, store::CommitHooks& h) { engine_.tick(s, h); });
}

std::optional<Actor> LocalChatService::verify_customer(std::string_view token) const {
  return customer_from_token(tokens_, token);
}

}  // namespace livedesk::service
