#pragma once
// The contract's error body {"error": {"code", "message"}}: ApiError carries it
// out of a handler, error_response writes it.
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/http_types.hpp"

namespace livedesk::api {

// A failure the client caused or must hear about; the router turns it into a response.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }
  // Headers the error response carries (Retry-After of a 429).
  const std::vector<std::pair<std::string, std::string>>& headers() const { return headers_; }
  ApiError& with_header(std::string name, std::string value) {
    headers_.emplace_back(std::move(name), std::move(value));
    return *this;
  }

 private:
  int status_;
  std::string code_;
  std::vector<std::pair<std::string, std::string>> headers_;
};

Response error_response(int status, std::string_view code, std::string_view message);

}  // namespace livedesk::api
