#include "app/curl_webhook_transport.hpp"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netdb.h>
#include <sys/socket.h>

#include <boost/url.hpp>
#include <charconv>
#include <map>
#include <stdexcept>

namespace livedesk::app {

namespace {

std::string address_text(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
  else
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text, sizeof text);
  return text;
}

std::string lowercase(std::string text) {
  for (auto& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

// One request on its way: the easy handle and what it collects.
struct CurlWebhookTransport::Transfer {
  service::WebhookRequest request;
  std::function<void(service::WebhookResponse)> done;
  std::optional<std::string> refused;  // failed the checks: answered without a connection
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  curl_slist* resolve = nullptr;
  std::size_t kept = 0;
  std::size_t cap = 0;
  bool over_cap = false;
  std::optional<std::chrono::milliseconds> retry_after;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  ~Transfer() {
    if (easy) curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
    curl_slist_free_all(resolve);
  }

  static std::size_t on_body(char*, std::size_t size, std::size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    const auto bytes = size * count;
    if (t->kept + bytes > t->cap) {
      t->over_cap = true;
      return 0;  // aborts the transfer: the rest is never read
    }
    t->kept += bytes;
    return bytes;
  }

  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self) {
    auto* t = static_cast<Transfer*>(self);
    const std::string_view line(data, size * count);
    constexpr std::string_view kName = "retry-after:";
    if (line.size() > kName.size() && lowercase(std::string(line.substr(0, kName.size()))) == kName) {
      auto value = line.substr(kName.size());
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      long long seconds = 0;
      auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
      if (error == std::errc() && seconds >= 0) t->retry_after = std::chrono::seconds(seconds);  // dates: ignored
    }
    return size * count;
  }
};

CurlWebhookTransport::CurlWebhookTransport(CurlWebhookOptions options) : options_(std::move(options)) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  multi_ = curl_multi_init();
  if (!multi_) throw std::runtime_error("curl_multi_init failed");
  thread_ = std::thread([this] { run(); });
}

CurlWebhookTransport::~CurlWebhookTransport() {
  stop();
  curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

void CurlWebhookTransport::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  curl_multi_wakeup(static_cast<CURLM*>(multi_));
  if (thread_.joinable()) thread_.join();
}

CurlWebhookTransport::Destination CurlWebhookTransport::destination(const std::string& url) const {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) throw std::invalid_argument("url is not an absolute URL");
  const auto scheme = lowercase(std::string(parsed->scheme()));
  if (scheme != "http" && scheme != "https") throw std::invalid_argument("url must be http:// or https://");
  if (parsed->has_userinfo()) throw std::invalid_argument("url must not carry credentials (user:password@)");
  if (parsed->has_fragment()) throw std::invalid_argument("url must not have a #fragment");
  Destination d;
  d.host = lowercase(std::string(parsed->encoded_host_address()));
  if (d.host.empty()) throw std::invalid_argument("url has no host");
  d.port = parsed->has_port() ? parsed->port_number() : (scheme == "https" ? 443 : 80);
  if (d.port == 0) throw std::invalid_argument("url has a bad port");
  std::string lookup = d.host;
  if (lookup.size() > 2 && lookup.front() == '[') lookup = lookup.substr(1, lookup.size() - 2);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (const int error = getaddrinfo(lookup.c_str(), nullptr, &hints, &found); error != 0)
    throw std::invalid_argument("host " + d.host + " does not resolve (" + gai_strerror(error) + ")");
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> owned(found, &freeaddrinfo);
  // Every address the name has must pass, so a name cannot mix a public address with a private one.
  for (auto* a = found; a; a = a->ai_next) {
    if (a->ai_family != AF_INET && a->ai_family != AF_INET6) continue;
    const auto text = address_text(a->ai_addr);
    const auto address = domain::IpAddress::parse(text);
    if (!address) continue;
    if (auto why = options_.policy.refusal(lookup, *address))
      throw std::invalid_argument("host " + d.host + " resolves to " + text + " (" + *why +
                                  "), which is refused unless on --webhook-allow");
    if (d.address.empty()) d.address = text;
  }
  if (d.address.empty()) throw std::invalid_argument("host " + d.host + " has no IPv4 or IPv6 address");
  return d;
}

std::optional<std::string> CurlWebhookTransport::refusal(const std::string& url) {
  try {
    destination(url);
    return std::nullopt;
  } catch (const std::invalid_argument& why) {
    return why.what();
  }
}

void CurlWebhookTransport::send(service::WebhookRequest request, std::function<void(service::WebhookResponse)> done) {
  auto transfer = std::make_unique<Transfer>();
  transfer->cap = options_.max_response_bytes;
  try {
    const auto d = destination(request.url);
    transfer->easy = curl_easy_init();
    if (!transfer->easy) throw std::runtime_error("curl_easy_init failed");
    std::string host = d.host;
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    const bool v6 = d.address.find(':') != std::string::npos;
    const std::string pin = host + ":" + std::to_string(d.port) + ":" + (v6 ? "[" + d.address + "]" : d.address);
    transfer->resolve = curl_slist_append(nullptr, pin.c_str());
    for (const auto& [name, value] : request.headers)
      transfer->headers = curl_slist_append(transfer->headers, (name + ": " + value).c_str());
    transfer->headers = curl_slist_append(transfer->headers, "Expect:");  // no 100-continue round trip
    CURL* e = transfer->easy;
    curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(e, CURLOPT_RESOLVE, transfer->resolve);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(e, CURLOPT_PROXY, "");  // never through a proxy from the environment
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, long(options_.timeout.count()));
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, long(options_.timeout.count()));
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, transfer->headers);
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, long(request.body.size()));
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, transfer.get());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, transfer.get());
    curl_easy_setopt(e, CURLOPT_PRIVATE, transfer.get());
  } catch (const std::exception& why) {
    transfer->refused = why.what();
  }
  transfer->request = std::move(request);
  // The body is set once it sits in the transfer (curl keeps the pointer, not a copy).
  if (transfer->easy) curl_easy_setopt(transfer->easy, CURLOPT_POSTFIELDS, transfer->request.body.c_str());
  transfer->done = std::move(done);
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    queued_.push_back(std::move(transfer));
  }
  curl_multi_wakeup(static_cast<CURLM*>(multi_));
}

void CurlWebhookTransport::run() {
  auto* multi = static_cast<CURLM*>(multi_);
  std::map<CURL*, std::unique_ptr<Transfer>> running;
  for (;;) {
    std::deque<std::unique_ptr<Transfer>> queued;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      queued.swap(queued_);
    }
    for (auto& transfer : queued) {
      if (transfer->refused) {
        service::WebhookResponse response;
        response.error = "refused: " + *transfer->refused;
        transfer->done(std::move(response));
        continue;
      }
      curl_multi_add_handle(multi, transfer->easy);
      running.emplace(transfer->easy, std::move(transfer));
    }
    int still_running = 0;
    curl_multi_perform(multi, &still_running);
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi, &left)) {
      if (message->msg != CURLMSG_DONE) continue;
      auto found = running.find(message->easy_handle);
      if (found == running.end()) continue;
      auto transfer = std::move(found->second);
      running.erase(found);
      curl_multi_remove_handle(multi, transfer->easy);
      service::WebhookResponse response;
      response.latency =
          std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - transfer->started);
      long status = 0;
      curl_easy_getinfo(transfer->easy, CURLINFO_RESPONSE_CODE, &status);
      const CURLcode result = message->data.result;
      if (result == CURLE_OK || (transfer->over_cap && status > 0)) {
        response.status = int(status);
        response.retry_after = transfer->retry_after;
      } else if (result == CURLE_OPERATION_TIMEDOUT) {
        response.error = "timeout";
      } else {
        response.error = curl_easy_strerror(result);
      }
      transfer->done(std::move(response));
    }
    curl_multi_poll(multi, nullptr, 0, 1000, nullptr);
  }
  for (auto& [easy, transfer] : running) curl_multi_remove_handle(multi, easy);
}

}  // namespace livedesk::app
