#include "support/event_stream_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <stdexcept>

namespace livedesk::it {
namespace {

struct Database {
  explicit Database(const std::filesystem::path& path) {
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path.string());
    sqlite3_busy_timeout(db, 30'000);
  }
  ~Database() { sqlite3_close(db); }
  void exec(const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "?";
      sqlite3_free(error);
      throw std::runtime_error("sqlite: " + message + " in " + sql.substr(0, 200));
    }
  }
  sqlite3* db = nullptr;
};

}  // namespace

std::int64_t append_events(const std::filesystem::path& database, int count, const std::string& type,
                           std::size_t data_bytes) {
  Database db(database);
  db.exec("BEGIN IMMEDIATE");
  sqlite3_stmt* insert = nullptr;
  sqlite3_prepare_v2(db.db, "INSERT INTO events(event_id, type, created_ms, payload) VALUES (?1, ?2, ?3, ?4)", -1,
                     &insert, nullptr);
  const std::string filler(data_bytes, 'x');
  static std::int64_t serial = 0;
  for (int i = 0; i < count; ++i) {
    const std::string id = "evt-test-" + std::to_string(::getpid()) + "-" + std::to_string(++serial);
    const std::string payload =
        R"({"type":"message_created","data":{"n":)" + std::to_string(serial) + R"(,"body":")" + filler + R"("}})";
    sqlite3_bind_text(insert, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(insert, 2, type.c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(insert, 3, 1'700'000'000'000 + serial);
    sqlite3_bind_text(insert, 4, payload.c_str(), -1, SQLITE_TRANSIENT);
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db.db));
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  db.exec("COMMIT");
  return sqlite3_last_insert_rowid(db.db);
}

void prune_events(const std::filesystem::path& database, std::int64_t position) {
  Database db(database);
  db.exec("DELETE FROM events WHERE position <= " + std::to_string(position));
}

SseConsumer::SseConsumer(unsigned short port, const std::string& token, const std::string& query,
                         const std::string& last_event_id, int receive_buffer) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  if (receive_buffer > 0) ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    throw std::runtime_error(std::string("connect: ") + std::strerror(errno));
  std::string request = "GET /api/v1/events" + (query.empty() ? "" : "?" + query) +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token +
                        "\r\n";
  if (!last_event_id.empty()) request += "Last-Event-ID: " + last_event_id + "\r\n";
  request += "\r\n";
  if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) != ssize_t(request.size()))
    throw std::runtime_error("send failed");
}

SseConsumer::~SseConsumer() { close(); }

void SseConsumer::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool SseConsumer::read_more(std::chrono::steady_clock::time_point until) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
  if (left.count() <= 0)
    throw std::runtime_error("SSE consumer: deadline passed; body so far: " + body_.substr(0, 500));
  pollfd p{fd_, POLLIN, 0};
  if (::poll(&p, 1, int(left.count())) <= 0) return true;  // the loop checks the deadline again
  char buffer[64 * 1024];
  const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
  if (n <= 0) return false;
  raw_.append(buffer, std::size_t(n));
  parse();
  return true;
}

void SseConsumer::parse() {
  if (!head_done_) {
    const auto end = raw_.find("\r\n\r\n");
    if (end == std::string::npos) return;
    status_ = std::stoi(raw_.substr(9, 3));
    raw_.erase(0, end + 4);
    head_done_ = true;
  }
  for (;;) {  // chunked transfer coding
    const auto line_end = raw_.find("\r\n");
    if (line_end == std::string::npos) break;
    const auto size = std::stoul(raw_.substr(0, line_end), nullptr, 16);
    if (raw_.size() < line_end + 2 + size + 2) break;
    body_.append(raw_, line_end + 2, size);
    raw_.erase(0, line_end + 2 + size + 2);
    if (size == 0) break;
  }
  for (;;) {  // SSE messages end with a blank line
    const auto end = body_.find("\n\n");
    if (end == std::string::npos) break;
    const std::string message = body_.substr(0, end);
    body_.erase(0, end + 2);
    SseEvent event;
    bool has_data = false;
    std::size_t start = 0;
    while (start < message.size()) {
      auto stop = message.find('\n', start);
      if (stop == std::string::npos) stop = message.size();
      const std::string line = message.substr(start, stop - start);
      start = stop + 1;
      if (line.starts_with(":"))
        comments_.push_back(line);
      else if (line.starts_with("id: "))
        event.id = std::stoll(line.substr(4));
      else if (line.starts_with("event: "))
        event.event = line.substr(7);
      else if (line.starts_with("data: "))
        event.data = line.substr(6), has_data = true;
      else if (line.starts_with("retry: "))
        retry_ms_ = std::stoi(line.substr(7));
    }
    if (has_data) events_.push_back(std::move(event));
  }
}

int SseConsumer::status(std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (!head_done_)
    if (!read_more(until)) throw std::runtime_error("SSE consumer: closed before the response head");
  return status_;
}

std::vector<SseEvent> SseConsumer::read_events(std::size_t count, std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (events_.size() < count)
    if (!read_more(until))
      throw std::runtime_error("SSE consumer: closed after " + std::to_string(events_.size()) + " events");
  std::vector<SseEvent> out(events_.begin(), events_.begin() + long(count));
  events_.erase(events_.begin(), events_.begin() + long(count));
  return out;
}

std::string SseConsumer::read_comment(std::chrono::milliseconds deadline) {
  const auto until = std::chrono::steady_clock::now() + deadline;
  while (comments_.empty())
    if (!read_more(until)) throw std::runtime_error("SSE consumer: closed before a comment");
  std::string out = comments_.front();
  comments_.erase(comments_.begin());
  return out;
}

long resident_kib(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
  throw std::runtime_error("no VmRSS for pid " + std::to_string(pid));
}

}  // namespace livedesk::it
