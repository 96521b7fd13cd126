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

enum class ErrorKind { Api, Transport, Auth, Scope, Decode, Config, Encode };

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

// No usable HTTP response: DNS, connect, TLS, timeout, connection dropped, body too large.
class TransportError : public Error {
 public:
  TransportError(const std::string& message, int curl_code = 0)
      : Error(ErrorKind::Transport, message), curl_code_(curl_code) {}
  int curl_code() const noexcept { return curl_code_; }

 private:
  int curl_code_;
};

// The token endpoint refused or failed. `error()` / `error_description()` are the server's.
class AuthError : public Error {
 public:
  AuthError(const std::string& message, std::string error = {}, std::string description = {},
            long status = 0)
      : Error(ErrorKind::Auth, message), error_(std::move(error)), description_(std::move(description)),
        status_(status) {}
  const std::string& error() const noexcept { return error_; }
  const std::string& error_description() const noexcept { return description_; }
  long status() const noexcept { return status_; }
  // The token endpoint's raw answer (secrets in headers and body redacted), when there was one.
  const std::optional<HttpResponse>& response() const noexcept { return response_; }
  void set_response(HttpResponse response) { response_ = std::move(response); }

 private:
  std::string error_;
  std::string description_;
  long status_;
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
