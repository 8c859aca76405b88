#pragma once
// Turns a service outcome into the REST answer: the error body of a refusal,
// or `to_json(value)` with `status`. One helper for every REST route.
#include "api/api_error.hpp"
#include "api/json_io.hpp"
#include "service/chat_types.hpp"

namespace livedesk::api {

template <class T, class ToJson>
service::Done<T> reply(Responder respond, int status, ToJson to_json) {
  return [respond, status, to_json](service::Outcome<T> outcome) {
    if (auto* error = std::get_if<service::ChatError>(&outcome))
      return respond(error_response(error->http_status, error->code, error->message));
    respond(json_response(status, to_json(std::get<T>(outcome))));
  };
}

}  // namespace livedesk::api
