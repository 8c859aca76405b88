#pragma once
// The contract's error body {"error": {"code", "message"}}: ApiError carries it
// out of a handler, error_response writes it.
#include <stdexcept>
#include <string>
#include <string_view>

#include "api/http_types.hpp"

namespace livedesk::api {

// A failure the client caused or must hear about; the router turns it into a response.
class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, std::string message)
      : std::runtime_error(message), status_(status), code_(std::move(code)) {}
  int status() const { return status_; }
  const std::string& code() const { return code_; }

 private:
  int status_;
  std::string code_;
};

Response error_response(int status, std::string_view code, std::string_view message);

}  // namespace livedesk::api
