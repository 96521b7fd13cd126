// Serialising path, query, header and cookie parameters (OpenAPI styles simple/form, explode).
// What needs nlohmann::json's complete type is compiled in the runtime (src/url.cpp), so that
// generated API sources do not parse <nlohmann/json.hpp> for it.
#pragma once

#include <charconv>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "wink/values.h"

namespace wink::url {

// Percent-encodes everything except RFC 3986 unreserved characters.
std::string encode(std::string_view text);

// The text form of a parameter value.
inline std::string to_text(const std::string& v) { return v; }
inline std::string to_text(const char* v) { return v; }
inline std::string to_text(bool v) { return v ? "true" : "false"; }
inline std::string to_text(std::int32_t v) { return std::to_string(v); }
inline std::string to_text(std::int64_t v) { return std::to_string(v); }
std::string to_text(double v);  // shortest round-trip representation
inline std::string to_text(float v) { return to_text(static_cast<double>(v)); }
std::string to_text(const nlohmann::json& v);  // strings as they are, anything else as JSON
template <class E>
std::string to_text(const EnumValue<E>& v) {
  return std::string(v.text());
}

// OpenAPI parameter styles.
enum class Style { kSimple, kLabel, kMatrix, kForm, kSpaceDelimited, kPipeDelimited, kDeepObject };

namespace detail {
// The encoded text of a (required) path parameter: empty is refused with wink::Error
// (InvalidArgument) naming the parameter, "." and ".." become "%2E" and "%2E%2E" so that they
// cannot act as dot segments and re-target the call.
std::string path_segment(std::string encoded, const char* name);

template <class T>
std::string join_encoded(const std::vector<T>& v, const char* separator) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) out += separator;
    out += encode(to_text(v[i]));
  }
  return out;
}
}  // namespace detail

// Path parameters: simple ("a,b"), label (".a.b" exploded, ".a,b" not), matrix (";id=a;id=b"
// exploded, ";id=a,b" not). Empty values are refused; "." and ".." are escaped.
template <class T>
std::string path_param(const T& v, Style style = Style::kSimple, bool /*explode*/ = false, const char* name = "") {
  std::string value = detail::path_segment(encode(to_text(v)), name);
  if (style == Style::kLabel) return "." + value;
  if (style == Style::kMatrix) return ";" + encode(name) + "=" + value;
  return value;
}
template <class T>
std::string path_param(const std::vector<T>& v, Style style = Style::kSimple, bool explode = false,
                       const char* name = "") {
  if (v.empty()) detail::path_segment({}, name);
  if (style == Style::kLabel) return "." + detail::join_encoded(v, explode ? "." : ",");
  if (style == Style::kMatrix) {
    if (!explode) return ";" + encode(name) + "=" + detail::join_encoded(v, ",");
    std::string out;
    for (const auto& e : v) out += ";" + encode(name) + "=" + encode(to_text(e));
    return out;
  }
  return detail::path_segment(detail::join_encoded(v, ","), name);
}

// Query string builder: form (arrays repeated when exploded, comma-joined otherwise),
// spaceDelimited, pipeDelimited, and deepObject (`name[key]=value`) for objects.
class Query {
 public:
  template <class T>
  void add(const char* name, const T& v, Style /*style*/ = Style::kForm, bool /*explode*/ = true) {
    append(name, encode(to_text(v)));
  }
  template <class T>
  void add(const char* name, const std::optional<T>& v, Style style = Style::kForm, bool explode = true) {
    if (v) add(name, *v, style, explode);
  }
  template <class T>
  void add(const char* name, const std::vector<T>& v, Style style = Style::kForm, bool explode = true) {
    if (style == Style::kSpaceDelimited) return append(name, detail::join_encoded(v, "%20"));
    if (style == Style::kPipeDelimited) return append(name, detail::join_encoded(v, "%7C"));
    if (!explode) return append(name, detail::join_encoded(v, ","));
    for (const auto& e : v) append(name, encode(to_text(e)));
  }
  template <class T>
  void add(const char* name, const std::map<std::string, T>& v, Style style = Style::kForm, bool explode = true) {
    if (style == Style::kDeepObject) {
      for (const auto& [key, value] : v) append((std::string(name) + "[" + key + "]").c_str(), encode(to_text(value)));
    } else if (explode) {
      for (const auto& [key, value] : v) append(key.c_str(), encode(to_text(value)));
    } else {
      std::string joined;
      for (const auto& [key, value] : v) joined += (joined.empty() ? "" : ",") + encode(key) + "," + encode(to_text(value));
      append(name, joined);
    }
  }
  // Free-form values: objects as maps of their members, anything else as text.
  void add(const char* name, const nlohmann::json& v, Style style = Style::kForm, bool explode = true);
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
