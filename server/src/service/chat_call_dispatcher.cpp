#include "service/chat_call_dispatcher.hpp"

#include <tuple>
#include <utility>

#include "service/chat_call_codec.hpp"

namespace livedesk::service {
namespace json = boost::json;

namespace {
template <class Callback>
struct CallbackArgument;
template <class R>
struct CallbackArgument<std::function<void(R)>> {
  using type = R;
};

// Decodes the arguments of `method` from `args` and calls it with a callback
// that encodes the answer: the last parameter of every bound method.
template <class... Ps, std::size_t... I>
void invoke(LocalChatService& local, void (LocalChatService::*method)(Ps...), const json::array& args,
            ChatCallDispatcher::Reply reply, std::index_sequence<I...>) {
  using Params = std::tuple<std::decay_t<Ps>...>;
  using Callback = std::tuple_element_t<sizeof...(Ps) - 1, Params>;
  using Result = typename CallbackArgument<Callback>::type;
  if (args.size() != sizeof...(I)) throw std::invalid_argument("wrong number of arguments");
  std::tuple<std::tuple_element_t<I, Params>...> values{json::value_to<std::tuple_element_t<I, Params>>(args[I])...};
  (local.*method)(std::move(std::get<I>(values))...,
                  Callback([reply = std::move(reply)](Result result) { reply(encode_result(result)); }));
}

template <class... Ps>
std::function<void(LocalChatService&, const json::array&, ChatCallDispatcher::Reply)> bind_call(
    void (LocalChatService::*method)(Ps...)) {
  return [method](LocalChatService& local, const json::array& args, ChatCallDispatcher::Reply reply) {
    invoke(local, method, args, std::move(reply), std::make_index_sequence<sizeof...(Ps) - 1>{});
  };
}

json::value refused(int status, const std::string& code, const std::string& message) {
  return encode_result(Outcome<bool>(ChatError{status, code, message}));
}
}  // namespace

ChatCallDispatcher::ChatCallDispatcher(LocalChatService& local) : local_(local) {
  auto add = [this](const char* name, auto method) {
    calls_[name] = [this, call = bind_call(method)](const json::array& args, Reply reply) { call(local_, args, std::move(reply)); };
  };
  using S = LocalChatService;
  add("start_chat", &S::start_chat);
  add("send_message", &S::send_message);
  add("take", &S::take);
  add("assign", &S::assign);
  add("close", &S::close);
  add("rate", &S::rate);
  add("receipt", &S::receipt);
  add("set_status", &S::set_status);
  add("session", &S::session);
  add("messages_after", &S::messages_after);
  add("waiting", &S::waiting);
  add("sessions_of", &S::sessions_of);
  add("active", &S::active);
  add("metrics", &S::metrics);
  add("agents", &S::agents);
  add("record_upload", &S::record_upload);
  add("find_upload", &S::find_upload);
  add("request_transfer", &S::request_transfer);
  add("answer_transfer", &S::answer_transfer);
  add("transfers", &S::transfers);
  add("barge_in", &S::barge_in);
  add("block", &S::block);
  add("unblock", &S::unblock);
  add("blocks", &S::blocks);
  add("add_note", &S::add_note);
  add("edit_note", &S::edit_note);
  add("notes", &S::notes);
  add("save_canned", &S::save_canned);
  add("delete_canned", &S::delete_canned);
  add("search_canned", &S::search_canned);
  add("render_canned", &S::render_canned);
  add("watch", &S::watch);
  add("resume", &S::resume);
  add("resume_agent", &S::resume_agent);
  calls_["typing"] = [this](const json::array& args, Reply reply) {
    if (args.size() != 3) throw std::invalid_argument("wrong number of arguments");
    local_.typing(json::value_to<Actor>(args[0]), args[1].as_int64(), args[2].as_bool());
    reply(encode_result(true));
  };
  calls_["presence"] = [this](const json::array& args, Reply reply) {
    // [node_id, version, complete, [[actor, count]...], [[session_id, count]...]]
    if (args.size() != 5) throw std::invalid_argument("wrong number of arguments");
    PresenceReport report;
    report.node_id = json::value_to<std::string>(args[0]);
    report.version = args[1].as_int64();
    report.complete = args[2].as_bool();
    report.staff = json::value_to<std::vector<std::pair<Actor, int>>>(args[3]);
    report.customers = json::value_to<std::vector<std::pair<std::int64_t, int>>>(args[4]);
    apply_presence(report);
    reply(encode_result(true));
  };
}

void ChatCallDispatcher::dispatch(std::string_view op, const json::array& args, Reply reply) {
  auto it = calls_.find(std::string(op));
  if (it == calls_.end()) return reply(refused(400, "bad_call", "no such call: " + std::string(op)));
  try {
    it->second(args, reply);
  } catch (const std::exception& error) {
    // Only decoding throws here: the call itself answers through `reply`.
    reply(refused(400, "bad_call", std::string("the arguments of ") + std::string(op) + " do not fit: " + error.what()));
  }
}

PresenceDelta ChatCallDispatcher::delta() {
  return {[this](const Actor& a) { local_.staff_connected(a); }, [this](const Actor& a) { local_.staff_disconnected(a); },
          [this](std::int64_t s) { local_.customer_connected(s); },
          [this](std::int64_t s) { local_.customer_disconnected(s); }};
}

void ChatCallDispatcher::apply_presence(const PresenceReport& report) {
  std::lock_guard lock(presence_mutex_);
  presence_.apply(report, delta());
}

void ChatCallDispatcher::forget_node(const std::string& node_id) {
  std::lock_guard lock(presence_mutex_);
  presence_.forget(node_id, delta());
}

}  // namespace livedesk::service
