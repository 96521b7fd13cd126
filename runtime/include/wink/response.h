// The result of a generated operation: the typed value plus the raw HTTP response.
#pragma once

#include <string>
#include <type_traits>
#include <utility>

#include "wink/errors.h"
#include "wink/http.h"
#include "wink/json.h"
#include "wink/values.h"

namespace wink {

template <class T>
class Response;

namespace detail {
template <class T>
Response<T> finish_json(const char* operation_id, HttpResponse raw);
}  // namespace detail

template <class T>
class Response {
 public:
  Response(T value, HttpResponse raw) : value_(std::move(value)), raw_(std::move(raw)) {}
  const T& value() const& { return value_; }
  T& value() & { return value_; }
  T&& value() && { return std::move(value_); }
  const T& operator*() const { return value_; }
  T& operator*() { return value_; }
  const T* operator->() const { return &value_; }
  T* operator->() { return &value_; }
  long status() const noexcept { return raw_.status; }
  const Headers& headers() const noexcept { return raw_.headers; }
  const HttpResponse& raw() const noexcept { return raw_; }

 private:
  // finish_json decodes into the value in place: a generated SDK then needs no move of a model
  // (implicit, so inlined and emitted wherever it is used) to make a result.
  friend Response detail::finish_json<T>(const char* operation_id, HttpResponse raw);
  explicit Response(HttpResponse raw) : value_(), raw_(std::move(raw)) {}

  T value_;
  HttpResponse raw_;
};

namespace detail {

inline void throw_if_error(const char* operation_id, HttpResponse& raw) {
  if (raw.status < 200 || raw.status > 299) throw ApiError(operation_id, std::move(raw));
}

// JSON success body decoded into T. Generated model headers declare the instantiations for
// their models (`extern template`) and their sources define them, so that the code decoding,
// destroying and moving a model is compiled once, not in every API source that returns it.
template <class T>
Response<T> finish_json(const char* operation_id, HttpResponse raw) {
  throw_if_error(operation_id, raw);
  Response<T> response(std::move(raw));
  if constexpr (std::is_same_v<T, std::string>) {
    // A string result declared under `*/*` may come as text/plain: taken as it came.
    const std::string* type = response.raw_.headers.find("Content-Type");
    if (type && type->find("json") == std::string::npos) {
      response.value_ = response.raw_.body;
      return response;
    }
  }
  json::decode_text(response.raw_.body, response.value_);
  return response;
}

// Non-JSON success body (text/csv, application/pdf, ...): the bytes as they came.
inline Response<std::string> finish_text(const char* operation_id, HttpResponse raw) {
  throw_if_error(operation_id, raw);
  std::string body = raw.body;
  return Response<std::string>(std::move(body), std::move(raw));
}

inline Response<Empty> finish_empty(const char* operation_id, HttpResponse raw) {
  throw_if_error(operation_id, raw);
  return Response<Empty>(Empty{}, std::move(raw));
}

}  // namespace detail
}  // namespace wink
