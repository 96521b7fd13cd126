// Compact JSON text written straight from models, without building an nlohmann::json tree
// first (that tree costs more than parsing). The bytes equal nlohmann::json::dump() of the same
// value: generated code writes object fields sorted by wire name (nlohmann's key order), strings
// are escaped the same way and numbers use nlohmann's shortest round-trip formatting.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wink::json {

class Writer {
 public:
  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // An object key; the next call writes its value.
  void key(std::string_view name);
  void null();
  void boolean(bool v);
  void integer(std::int64_t v);
  void number(double v);  // NaN and infinities are written as null, as nlohmann does
  // Throws wink::EncodeError when `v` is not valid UTF-8.
  void string(std::string_view v);
  // A value that is already JSON text.
  void raw(std::string_view json_text);

  const std::string& text() const noexcept { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void separate() {
    if (comma_) out_ += ',';
  }
  void open(char c) {
    separate();
    out_ += c;
    comma_ = false;
  }
  void close(char c) {
    out_ += c;
    comma_ = true;
  }
  void escaped(std::string_view v);

  std::string out_;
  std::string_view key_;  // the last key, named in errors
  bool comma_ = false;
};

}  // namespace wink::json
