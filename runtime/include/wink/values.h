// Value wrappers used by generated models.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace wink {

// An optional field that may also be explicitly null: absent, null and a value are three
// different things on the wire (a PATCH sends `null` to clear a field and omits it to keep it).
template <class T>
class Nullable {
 public:
  enum class State { Absent, Null, Value };

  Nullable() = default;
  Nullable(std::nullptr_t) : state_(State::Null) {}  // NOLINT(google-explicit-constructor)
  Nullable(T value) : state_(State::Value), value_(std::move(value)) {}  // NOLINT
  static Nullable null() { return Nullable(nullptr); }

  State state() const noexcept { return state_; }
  bool is_absent() const noexcept { return state_ == State::Absent; }
  bool is_null() const noexcept { return state_ == State::Null; }
  bool has_value() const noexcept { return state_ == State::Value; }
  explicit operator bool() const noexcept { return has_value(); }

  const T& value() const {
    if (!has_value()) throw std::logic_error("wink::Nullable has no value");
    return *value_;
  }
  T& value() {
    if (!has_value()) throw std::logic_error("wink::Nullable has no value");
    return *value_;
  }
  const T& operator*() const { return value(); }
  T& operator*() { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  T& emplace() {
    state_ = State::Value;
    return value_.emplace();
  }
  void set_null() { state_ = State::Null; value_.reset(); }
  void reset() { state_ = State::Absent; value_.reset(); }

  friend bool operator==(const Nullable& a, const Nullable& b) {
    return a.state_ == b.state_ && (a.state_ != State::Value || *a.value_ == *b.value_);
  }
  friend bool operator!=(const Nullable& a, const Nullable& b) { return !(a == b); }

 private:
  State state_ = State::Absent;
  // No T until there is a value: a model holding Nullable<Box<Itself>> would otherwise build
  // itself without end.
  std::optional<T> value_;
};

// A heap-allocated value with value semantics, used where a model contains itself.
template <class T>
class Box {
 public:
  Box() : ptr_(std::make_unique<T>()) {}
  Box(T value) : ptr_(std::make_unique<T>(std::move(value))) {}  // NOLINT
  Box(const Box& other) : ptr_(std::make_unique<T>(*other.ptr_)) {}
  Box(Box&&) noexcept = default;
  Box& operator=(const Box& other) {
    if (this != &other) ptr_ = std::make_unique<T>(*other.ptr_);
    return *this;
  }
  Box& operator=(Box&&) noexcept = default;
  ~Box() = default;

  T& operator*() { return *ptr_; }
  const T& operator*() const { return *ptr_; }
  T* operator->() { return ptr_.get(); }
  const T* operator->() const { return ptr_.get(); }
  friend bool operator==(const Box& a, const Box& b) { return *a == *b; }
  friend bool operator!=(const Box& a, const Box& b) { return !(a == b); }

 private:
  std::unique_ptr<T> ptr_;
};

// An enum field value that keeps what the server sent even when this SDK does not know it.
// `E` is a generated `enum class` whose first enumerator is `kUnknown`; the generated namespace
// provides `to_string(E)` and `from_string(std::string_view, E&)`, found by ADL.
template <class E>
class EnumValue {
 public:
  EnumValue() = default;
  EnumValue(E value) : value_(value) {}  // NOLINT(google-explicit-constructor)
  static EnumValue parse(std::string_view text) {
    EnumValue v;
    if (!from_string(text, v.value_)) {
      v.value_ = E::kUnknown;
      v.unknown_ = std::string(text);
    }
    return v;
  }
  E value() const noexcept { return value_; }
  bool is_unknown() const noexcept { return value_ == E::kUnknown; }
  // The wire text: the known name, or what the server sent.
  std::string_view text() const { return is_unknown() ? std::string_view(unknown_) : to_string(value_); }
  operator E() const noexcept { return value_; }  // NOLINT(google-explicit-constructor)

  friend bool operator==(const EnumValue& a, const EnumValue& b) {
    return a.value_ == b.value_ && a.unknown_ == b.unknown_;
  }
  friend bool operator!=(const EnumValue& a, const EnumValue& b) { return !(a == b); }
  friend bool operator==(const EnumValue& a, E b) { return a.value_ == b; }
  friend bool operator!=(const EnumValue& a, E b) { return a.value_ != b; }

 private:
  E value_ = E::kUnknown;
  std::string unknown_;
};

// A file to upload in a multipart/form-data body.
struct FilePart {
  std::string filename;
  std::string content_type = "application/octet-stream";
  std::string data;
  friend bool operator==(const FilePart& a, const FilePart& b) {
    return a.filename == b.filename && a.content_type == b.content_type && a.data == b.data;
  }
  friend bool operator!=(const FilePart& a, const FilePart& b) { return !(a == b); }
};

// The result type of an operation whose success response has no body.
struct Empty {
  friend bool operator==(const Empty&, const Empty&) { return true; }
};

}  // namespace wink
