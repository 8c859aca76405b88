// The cluster call (service/chat_call_dispatcher over service/chat_call_codec):
// the input is the JSON body of POST /internal/v1/cluster/call, read as
// api/cluster_routes reads it, and dispatched to a real LocalChatService on
// SQLite (two staff accounts, a chat started). Checks:
// - a request that decodes re-encodes to JSON that decodes to the same JSON;
// - every dispatch answers exactly once, {"ok": ...} or {"error": {...}};
// - a request that does not decode (or an unknown op) is answered 400 bad_call, and nothing throws.
#include <atomic>
#include <cstddef>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <string_view>
#include <unistd.h>

#include "auth/token_service.hpp"
#include "bus/event_bus.hpp"
#include "domain/calendar.hpp"
#include "domain/clock.hpp"
#include "fakes/fuzz_check.hpp"
#include "service/chat_call_codec.hpp"
#include "service/chat_call_dispatcher.hpp"
#include "service/cluster_calls.hpp"
#include "service/local_chat_service.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/store.hpp"
#include "store/store_executor.hpp"
#include "support/worker_thread.hpp"

namespace {
namespace json = boost::json;
using namespace livedesk;

// The leader's half of a cluster, as app/ wires it; its SQLite file lives in RAM when /dev/shm is there.
struct Leader {
  static std::filesystem::path folder() {
    const std::filesystem::path ram = "/dev/shm";
    const auto base = std::filesystem::is_directory(ram) ? ram : std::filesystem::temp_directory_path();
    return base / ("livedesk-fuzz-calls-" + std::to_string(::getpid()));
  }

  Leader() {
    std::atexit([] {
      std::error_code ignored;
      std::filesystem::remove_all(folder(), ignored);
    });
    std::promise<void> loaded;
    executor.post([&](store::Store& s) {
      s.accounts().create({"ann", "Ann", domain::Role::agent, "h", 0});
      s.accounts().create({"sam", "Sam", domain::Role::supervisor, "h", 0});
      local.load(s);
      loaded.set_value();
    });
    loaded.get_future().get();
  }

  static std::unique_ptr<store::Store> open_store() {
    std::filesystem::create_directories(folder());
    return store::open_sqlite_store(folder() / "livedesk.db");
  }

  domain::SystemClock clock;
  domain::Calendar calendar;
  auth::TokenService tokens{"livedesk-fuzz-secret-0123456789abcdef", clock, std::chrono::hours(1),
                            std::chrono::hours(1)};
  store::StoreExecutor executor{open_store()};
  support::WorkerThread fanout{"fanout"};
  bus::InProcessBus bus{fanout};
  service::LocalChatService local{executor, tokens, clock, calendar, bus, service::ChatSettings{}};
  service::ChatCallDispatcher dispatcher{local};
};

Leader& leader() {
  static auto* built = new Leader;  // never destroyed: the threads run until exit
  return *built;
}

// Decodes `request` as the call named `op` the way the dispatcher does; true when one is named so and it decodes.
bool decodes_and_round_trips(std::string_view op, const json::value& request) {
  bool decoded = false;
  auto try_call = [&]<class Call>(std::type_identity<Call>) {
    if (Call::name != op) return;
    try {
      const auto call = json::value_to<Call>(request);
      decoded = true;
      const json::value encoded = json::value_from(call);
      FUZZ_CHECK(json::value_from(json::value_to<Call>(encoded)) == encoded);
    } catch (const std::exception&) {
      FUZZ_CHECK(!decoded);  // a call that decoded decodes again from its own encoding
    }
  };
  service::ChatCalls::for_each(try_call);
  try_call(std::type_identity<service::calls::ReportPresence>{});
  return decoded;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  boost::system::error_code ec;
  const auto body = json::parse(std::string_view(reinterpret_cast<const char*>(bytes), size), ec);
  const json::object* call = !ec && body.is_object() ? &body.as_object() : nullptr;
  const json::value* op = call ? call->if_contains("op") : nullptr;
  const json::value* request = call ? call->if_contains("request") : nullptr;
  if (!op || !op->is_string() || !request || !request->is_object()) return 0;  // the route answers 400 itself
  const std::string_view name = op->get_string();
  const bool decodes = decodes_and_round_trips(name, *request);

  auto answers = std::make_shared<std::atomic<int>>(0);
  auto answer = std::make_shared<std::promise<json::value>>();
  leader().dispatcher.dispatch(name, *request, [answers, answer](json::value encoded) {
    FUZZ_CHECK(++*answers == 1);
    answer->set_value(std::move(encoded));
  });
  auto future = answer->get_future();
  FUZZ_CHECK(future.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  const json::value encoded = future.get();
  FUZZ_CHECK(encoded.is_object() && encoded.as_object().size() == 1);
  const auto& outcome = encoded.as_object();
  FUZZ_CHECK(outcome.contains("ok") || outcome.contains("error"));
  if (const auto* error = outcome.if_contains("error")) {
    const auto refusal = json::value_to<service::ChatError>(*error);
    FUZZ_CHECK(refusal.http_status >= 400 && refusal.http_status <= 599 && !refusal.code.empty());
    if (!decodes) FUZZ_CHECK(refusal.http_status == 400 && refusal.code == "bad_call");
  } else {
    FUZZ_CHECK(decodes);
  }
  return 0;
}
