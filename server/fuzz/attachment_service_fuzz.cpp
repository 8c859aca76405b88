// Upload names and bytes (the checks of service/attachment_service): the
// input's first line is the file name, the rest its bytes, uploaded through
// the real AttachmentService (libmagic, SHA-256) to an in-memory blob store.
// Every upload answers exactly once: 400 invalid_field exactly for an empty
// file or a name that is empty, over 200 bytes or holds NUL (and then nothing
// is stored or recorded), 415 for a type off the allow-list, and otherwise the
// bytes are stored under their SHA-256 and recorded with the name unchanged.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <future>
#include <map>
#include <mutex>
#include <string_view>

#include "fakes/fuzz_check.hpp"
#include "service/attachment_service.hpp"
#include "store/blob_store.hpp"
#include "support/content_inspection.hpp"
#include "support/worker_thread.hpp"

namespace {
using namespace livedesk;

// Blobs in a map; put and get from any thread.
class MemoryBlobStore final : public store::BlobStore {
 public:
  void put(std::string_view sha256, std::string_view bytes) override {
    std::lock_guard lock(mutex_);
    blobs_.emplace(std::string(sha256), std::string(bytes));
  }
  std::optional<std::string> get(std::string_view sha256) override {
    std::lock_guard lock(mutex_);
    auto it = blobs_.find(std::string(sha256));
    return it == blobs_.end() ? std::nullopt : std::optional(it->second);
  }
  void remove(std::string_view sha256) override {
    std::lock_guard lock(mutex_);
    blobs_.erase(std::string(sha256));
  }
  void clear() {
    std::lock_guard lock(mutex_);
    blobs_.clear();
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> blobs_;
};

// Records the upload's row (RecordUpload) and answers it as the engine would; refuses every other call.
class RecordingChat final : public service::ChatService {
 public:
  void execute(service::PendingChatCall call) override {
    auto* record = std::get_if<service::PendingCall<service::calls::RecordUpload>>(&call);
    FUZZ_CHECK(record != nullptr);
    recorded = record->request.file;
    const auto& file = record->request.file;
    record->done(service::Upload{file.sha256, file.name, file.mime, file.size, "/attachments/" + file.sha256});
  }
  void staff_connected(service::Actor) override {}
  void staff_disconnected(service::Actor) override {}
  void customer_connected(std::int64_t) override {}
  void customer_disconnected(std::int64_t) override {}
  void tick() override {}
  std::optional<service::Actor> verify_customer(std::string_view) const override { return std::nullopt; }

  std::optional<service::UploadedFile> recorded;  // written on the files thread before `done`
};

struct Uploads {
  support::WorkerThread files{"files"};
  MemoryBlobStore blobs;
  RecordingChat chat;
  service::AttachmentService attachments{chat, files, blobs};
};

Uploads& uploads() {
  static auto* built = new Uploads;  // never destroyed: the worker runs until exit
  return *built;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string name(input.substr(0, newline));
  const std::string bytes(newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1));
  auto& u = uploads();
  u.blobs.clear();
  u.chat.recorded.reset();

  auto answers = std::make_shared<std::atomic<int>>(0);
  auto answer = std::make_shared<std::promise<service::Outcome<service::Upload>>>();
  u.attachments.upload(service::Actor::customer(7, 11), 11, name, bytes,
                       [answers, answer](service::Outcome<service::Upload> outcome) {
                         FUZZ_CHECK(++*answers == 1);
                         answer->set_value(std::move(outcome));
                       });
  auto future = answer->get_future();
  FUZZ_CHECK(future.wait_for(std::chrono::seconds(20)) == std::future_status::ready);
  const auto outcome = future.get();

  const bool bad_name = name.empty() || name.size() > 200 || name.find('\0') != std::string::npos;
  if (bytes.empty() || bad_name) {
    const auto* error = std::get_if<service::ChatError>(&outcome);
    FUZZ_CHECK(error && error->http_status == 400 && error->code == "invalid_field");
    FUZZ_CHECK(!u.chat.recorded);
    return 0;
  }
  if (const auto* error = std::get_if<service::ChatError>(&outcome)) {
    FUZZ_CHECK(error->http_status == 415 && error->code == "unsupported_media_type");
    FUZZ_CHECK(!u.chat.recorded);
    return 0;
  }
  const auto& upload = std::get<service::Upload>(outcome);
  FUZZ_CHECK(u.chat.recorded && u.chat.recorded->name == name && u.chat.recorded->session_id == 11);
  FUZZ_CHECK(upload.id == support::sha256_hex(bytes) && upload.size == std::int64_t(bytes.size()));
  FUZZ_CHECK(u.blobs.get(upload.id) == bytes);
  return 0;
}
