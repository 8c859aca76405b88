// The event stream's test helpers: events written straight into a server's SQLite log (standing in for chat
// traffic until the engine appends events), and a raw-socket Server-Sent Events consumer that can stop reading.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace livedesk::it {

// Appends `count` events ("message.created", or `type`) to the log of the SQLite database at `database`, in one
// transaction, each with a `data` of about `data_bytes`; returns the last position written.
std::int64_t append_events(const std::filesystem::path& database, int count,
                           const std::string& type = "message.created", std::size_t data_bytes = 16);
// Deletes the events up to `position` (what retention pruning does).
void prune_events(const std::filesystem::path& database, std::int64_t position);

// One SSE message as the consumer saw it.
struct SseEvent {
  std::int64_t id = 0;
  std::string event;
  std::string data;
};

// GET /api/v1/events with Accept: text/event-stream on a raw socket.
class SseConsumer {
 public:
  // `receive_buffer` > 0 caps the socket's receive buffer (set before connecting).
  SseConsumer(unsigned short port, const std::string& token, const std::string& query = "",
              const std::string& last_event_id = "", int receive_buffer = 0);
  ~SseConsumer();
  SseConsumer(const SseConsumer&) = delete;
  SseConsumer& operator=(const SseConsumer&) = delete;

  // Reads until the response head has arrived; returns its status.
  int status(std::chrono::milliseconds deadline = std::chrono::seconds(30));
  // Reads until `count` more events have arrived (throws at the deadline or when the server closes first).
  std::vector<SseEvent> read_events(std::size_t count, std::chrono::milliseconds deadline = std::chrono::seconds(30));
  // Reads until a comment line (": ...") arrives; returns it.
  std::string read_comment(std::chrono::milliseconds deadline = std::chrono::seconds(30));
  // The `retry:` hint seen so far, or -1.
  int retry_ms() const { return retry_ms_; }
  void close();

 private:
  bool read_more(std::chrono::steady_clock::time_point until);  // false on EOF
  void parse();

  int fd_ = -1;
  std::string raw_;  // bytes not yet parsed as HTTP
  bool head_done_ = false;
  int status_ = 0;
  std::string body_;  // dechunked, not yet parsed as SSE
  std::vector<SseEvent> events_;
  std::vector<std::string> comments_;
  int retry_ms_ = -1;
};

// The resident set of process `pid` in KiB (VmRSS of /proc/<pid>/status).
long resident_kib(int pid);

}  // namespace livedesk::it
