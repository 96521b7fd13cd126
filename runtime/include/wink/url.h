// Serialising path, query, header and cookie parameters (OpenAPI styles simple/form, explode).
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "wink/values.h"

namespace wink::url {

// Percent-encodes everything except RFC 3986 unreserved characters.
inline std::string encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// The text form of a parameter value.
inline std::string to_text(const std::string& v) { return v; }
inline std::string to_text(const char* v) { return v; }
inline std::string to_text(bool v) { return v ? "true" : "false"; }
inline std::string to_text(std::int32_t v) { return std::to_string(v); }
inline std::string to_text(std::int64_t v) { return std::to_string(v); }
inline std::string to_text(double v) {
  nlohmann::json j = v;  // shortest round-trip representation
  return j.dump();
}
inline std::string to_text(float v) { return to_text(static_cast<double>(v)); }
inline std::string to_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }
template <class E>
std::string to_text(const EnumValue<E>& v) {
  return std::string(v.text());
}

// style=simple: arrays are comma-separated.
template <class T>
std::string path_param(const T& v) {
  return encode(to_text(v));
}
template <class T>
std::string path_param(const std::vector<T>& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + encode(to_text(v[i]));
  return out;
}

// style=form query string builder.
class Query {
 public:
  template <class T>
  void add(const char* name, const T& v, bool /*explode*/) {
    append(name, encode(to_text(v)));
  }
  template <class T>
  void add(const char* name, const std::optional<T>& v, bool explode) {
    if (v) add(name, *v, explode);
  }
  template <class T>
  void add(const char* name, const std::vector<T>& v, bool explode) {
    if (explode) {
      for (const auto& e : v) append(name, encode(to_text(e)));
      return;
    }
    std::string joined;
    for (std::size_t i = 0; i < v.size(); ++i) joined += (i ? "," : "") + encode(to_text(v[i]));
    append(name, joined);
  }
  // "" or "?a=1&b=2".
  const std::string& str() const { return text_; }

 private:
  void append(const char* name, const std::string& encoded_value) {
    text_ += text_.empty() ? '?' : '&';
    text_ += encode(name);
    text_ += '=';
    text_ += encoded_value;
  }
  std::string text_;
};

// Header (style=simple) and cookie (style=form) parameters; absent optionals are skipped.
template <class Headers, class T>
void add_header(Headers& h, const char* name, const T& v) {
  h.add(name, to_text(v));
}
template <class Headers, class T>
void add_header(Headers& h, const char* name, const std::vector<T>& v) {
  std::string joined;
  for (std::size_t i = 0; i < v.size(); ++i) joined += (i ? "," : "") + to_text(v[i]);
  h.add(name, joined);
}
template <class Headers, class T>
void add_header(Headers& h, const char* name, const std::optional<T>& v) {
  if (v) add_header(h, name, *v);
}

class Cookies {
 public:
  template <class T>
  void add(const char* name, const T& v) {
    text_ += (text_.empty() ? "" : "; ") + std::string(name) + "=" + encode(to_text(v));
  }
  template <class T>
  void add(const char* name, const std::optional<T>& v) {
    if (v) add(name, *v);
  }
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

}  // namespace wink::url
