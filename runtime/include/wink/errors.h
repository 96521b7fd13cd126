// Errors thrown by the runtime and by generated code. One style: exceptions derived from
// wink::Error. No message ever contains a client secret or a token.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include <nlohmann/json_fwd.hpp>

#include "wink/http.h"

namespace wink {
namespace json {
template <class T>
void decode_text(const std::string& text, T& out);  // wink/json.h
}  // namespace json

// InvalidArgument: the request cannot be sent as asked (a header that is not a token or carries
// control characters, an empty path parameter); nothing was sent.
enum class ErrorKind { Api, Transport, Auth, Scope, Decode, Config, Encode, InvalidArgument };

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const noexcept { return kind_; }

 private:
  ErrorKind kind_;
};

// The server answered with a non-success status.
class ApiError : public Error {
 public:
  ApiError(std::string operation_id, HttpResponse response);
  long status() const noexcept { return response_.status; }
  const std::string& operation_id() const noexcept { return operation_id_; }
  const HttpResponse& response() const noexcept { return response_; }
  const Headers& headers() const noexcept { return response_.headers; }
  const std::string& body() const noexcept { return response_.body; }
  // The body parsed as JSON, or nullopt when it is not JSON (needs <nlohmann/json.hpp>).
  std::optional<nlohmann::json> body_json() const;
  // The body decoded as a declared error model (e.g. ProblemDetail); nullopt when it does not fit.
  template <class T>
  std::optional<T> body_as() const {
    std::optional<T> value(std::in_place);
    try {
      json::decode_text(response_.body, *value);
    } catch (const std::exception&) {
      return std::nullopt;
    }
    return value;
  }

 private:
  std::string operation_id_;
  HttpResponse response_;
};

// No usable HTTP response: DNS, connect, TLS, timeout, stall, connection dropped, body too large.
class TransportError : public Error {
 public:
  // `request_sent`: whether any of the request may have reached the server. A transport that
  // cannot tell says true, so that nothing is replayed on a guess.
  TransportError(const std::string& message, int curl_code = 0, bool request_sent = true)
      : Error(ErrorKind::Transport, message), curl_code_(curl_code), request_sent_(request_sent) {}
  int curl_code() const noexcept { return curl_code_; }
  // False when the exchange failed before any byte was sent (DNS, connect, TLS handshake): the
  // server cannot have acted on it, so any request may be sent again.
  bool request_sent() const noexcept { return request_sent_; }

 private:
  int curl_code_;
  bool request_sent_;
};

// A request that changes state was sent and no answer came (timeout, connection dropped):
// whether the server acted on it is unknown, and it was not sent again because doing so is not
// known to be safe (a conditional request, a POST/PATCH without idempotency key, or attempts
// exhausted). Look the outcome up before acting on it.
class OutcomeUnknownError : public TransportError {
 public:
  OutcomeUnknownError(const std::string& message, int curl_code) : TransportError(message, curl_code, true) {}
};

// The token endpoint (or discovery, registration, login) refused or failed. `error()` /
// `error_description()` are the server's (`login_required` when a non-interactive provider
// would need the user). `transient()`: the same request may succeed later (the endpoint was
// unreachable, timed out or answered 408/429/5xx); the configuration or grant is not at fault.
class AuthError : public Error {
 public:
  AuthError(const std::string& message, std::string error = {}, std::string description = {},
            long status = 0, bool transient = false, int curl_code = 0)
      : Error(ErrorKind::Auth, message), error_(std::move(error)), description_(std::move(description)),
        status_(status), transient_(transient), curl_code_(curl_code) {}
  const std::string& error() const noexcept { return error_; }
  const std::string& error_description() const noexcept { return description_; }
  long status() const noexcept { return status_; }
  bool transient() const noexcept { return transient_; }
  // The transport's error code (see TransportError::curl_code) when no answer came; 0 otherwise.
  int curl_code() const noexcept { return curl_code_; }
  // The token endpoint's raw answer (secrets in headers and body redacted), when there was one.
  const std::optional<HttpResponse>& response() const noexcept { return response_; }
  void set_response(HttpResponse response) { response_ = std::move(response); }

 private:
  std::string error_;
  std::string description_;
  long status_;
  bool transient_;
  int curl_code_;
  std::optional<HttpResponse> response_;
};

// A requested scope is unknown, or an operation needs a scope the token was not granted.
class ScopeError : public Error {
 public:
  ScopeError(const std::string& message, std::string operation_id = {}, std::string scope = {})
      : Error(ErrorKind::Scope, message), operation_id_(std::move(operation_id)), scope_(std::move(scope)) {}
  const std::string& operation_id() const noexcept { return operation_id_; }
  const std::string& scope() const noexcept { return scope_; }

 private:
  std::string operation_id_;
  std::string scope_;
};

// A response body did not match the model; `path()` is the JSON path, e.g. `$.items[3].name`.
class DecodeError : public Error {
 public:
  DecodeError(const std::string& path, const std::string& what)
      : Error(ErrorKind::Decode, path + ": " + what), path_(path) {}
  const std::string& path() const noexcept { return path_; }

 private:
  std::string path_;
};

// A value could not be written as JSON: a string that is not UTF-8. The message names the
// property being written and the offending byte, never the value itself.
class EncodeError : public Error {
 public:
  explicit EncodeError(const std::string& what) : Error(ErrorKind::Encode, what) {}
};

}  // namespace wink
