#include "wink/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "wink/errors.h"

namespace wink::json {
namespace {

bool continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence starting at s[i] (RFC 3629 table 3-7), 0 when it is
// not one: overlong forms, surrogates and code points above U+10FFFF are rejected, as nlohmann does.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  auto at = [&](std::size_t k) -> unsigned char { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0; };
  unsigned char c = at(0);
  if (c >= 0xC2 && c <= 0xDF) return continuation(at(1)) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
    return at(1) >= lo && at(1) <= hi && continuation(at(2)) ? 3 : 0;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
    return at(1) >= lo && at(1) <= hi && continuation(at(2)) && continuation(at(3)) ? 4 : 0;
  }
  return 0;
}

}  // namespace

void Writer::key(std::string_view name) {
  separate();
  out_ += '"';
  key_ = name;
  escaped(name);
  out_ += "\":";
  comma_ = false;
}

void Writer::null() {
  separate();
  out_ += "null";
  comma_ = true;
}

void Writer::boolean(bool v) {
  separate();
  out_ += v ? "true" : "false";
  comma_ = true;
}

void Writer::integer(std::int64_t v) {
  separate();
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
  out_.append(buffer, end);
  comma_ = true;
}

void Writer::number(double v) {
  if (!std::isfinite(v)) return null();
  separate();
  char buffer[64];
  // nlohmann's own formatter (what dump() calls), so that the text is the same to the byte.
  auto end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, v);
  out_.append(buffer, end);
  comma_ = true;
}

void Writer::string(std::string_view v) {
  separate();
  out_ += '"';
  escaped(v);
  out_ += '"';
  comma_ = true;
}

void Writer::raw(std::string_view json_text) {
  separate();
  out_ += json_text;
  comma_ = true;
}

void Writer::escaped(std::string_view v) {
  std::size_t run = 0;  // start of the bytes copied as they are
  for (std::size_t i = 0; i < v.size();) {
    auto c = static_cast<unsigned char>(v[i]);
    if (c >= 0x80) {
      std::size_t n = utf8_length(v, i);
      if (n == 0) {
        char byte[8];
        std::snprintf(byte, sizeof byte, "0x%02X", c);
        std::string where = key_.empty() ? std::string("a value") : "property \"" + std::string(key_) + "\"";
        throw EncodeError("cannot write " + where + " as JSON: invalid UTF-8 byte " + byte + " at index " +
                          std::to_string(i) + " of the string");
      }
      i += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out_.append(v.data() + run, i - run);
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default: {
        char u[8];
        std::snprintf(u, sizeof u, "\\u%04x", c);
        out_ += u;
      }
    }
    run = ++i;
  }
  out_.append(v.data() + run, v.size() - run);
}

}  // namespace wink::json
