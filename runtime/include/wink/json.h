// JSON encode/decode helpers for generated models. Decoding tracks the JSON path so that an
// error names exactly where the document did not fit (`$.content[3].status: expected string`).
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "wink/errors.h"
#include "wink/values.h"

namespace wink::json {

using Json = nlohmann::json;

// The current position while decoding; formatted only when an error is raised.
class Path {
 public:
  void push(const char* key) { segments_.push_back({key, 0}); }
  void push(std::size_t index) { segments_.push_back({nullptr, index}); }
  void pop() { segments_.pop_back(); }
  std::string str() const {
    std::string out = "$";
    for (const auto& s : segments_) {
      if (s.key) {
        out += '.';
        out += s.key;
      } else {
        out += '[' + std::to_string(s.index) + ']';
      }
    }
    return out;
  }

 private:
  struct Segment {
    const char* key;
    std::size_t index;
  };
  std::vector<Segment> segments_;
};

inline std::string type_name(const Json& j) {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned: return "integer";
    case Json::value_t::number_float: return "number";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    default: return "value";
  }
}

[[noreturn]] inline void fail(const Path& path, const std::string& what) { throw DecodeError(path.str(), what); }
[[noreturn]] inline void mismatch(const Path& path, const char* expected, const Json& j) {
  fail(path, std::string("expected ") + expected + ", got " + type_name(j));
}

// ---- decode: declarations first so that every overload sees every other one ------------------
inline void decode(const Json& j, std::string& out, Path& p);
inline void decode(const Json& j, bool& out, Path& p);
inline void decode(const Json& j, std::int32_t& out, Path& p);
inline void decode(const Json& j, std::int64_t& out, Path& p);
inline void decode(const Json& j, float& out, Path& p);
inline void decode(const Json& j, double& out, Path& p);
inline void decode(const Json& j, Json& out, Path& p);
template <class T> void decode(const Json& j, std::optional<T>& out, Path& p);
template <class T> void decode(const Json& j, Nullable<T>& out, Path& p);
template <class T> void decode(const Json& j, Box<T>& out, Path& p);
template <class T> void decode(const Json& j, std::vector<T>& out, Path& p);
template <class T> void decode(const Json& j, std::map<std::string, T>& out, Path& p);
template <class E> void decode(const Json& j, EnumValue<E>& out, Path& p);

inline void decode(const Json& j, std::string& out, Path& p) {
  if (!j.is_string()) mismatch(p, "string", j);
  out = j.get_ref<const std::string&>();
}
inline void decode(const Json& j, bool& out, Path& p) {
  if (!j.is_boolean()) mismatch(p, "boolean", j);
  out = j.get<bool>();
}
inline void decode(const Json& j, std::int64_t& out, Path& p) {
  if (j.is_number_integer()) {
    if (j.is_number_unsigned() && j.get<std::uint64_t>() > std::uint64_t(std::numeric_limits<std::int64_t>::max()))
      fail(p, "integer out of range for int64");
    out = j.get<std::int64_t>();
    return;
  }
  // Some servers write integral values as 3.0; accept them when exact.
  if (j.is_number_float()) {
    double d = j.get<double>();
    if (d == static_cast<double>(static_cast<std::int64_t>(d))) {
      out = static_cast<std::int64_t>(d);
      return;
    }
  }
  mismatch(p, "integer", j);
}
inline void decode(const Json& j, std::int32_t& out, Path& p) {
  std::int64_t v = 0;
  decode(j, v, p);
  if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max())
    fail(p, "integer out of range for int32");
  out = static_cast<std::int32_t>(v);
}
inline void decode(const Json& j, double& out, Path& p) {
  if (!j.is_number()) mismatch(p, "number", j);
  out = j.get<double>();
}
inline void decode(const Json& j, float& out, Path& p) {
  if (!j.is_number()) mismatch(p, "number", j);
  out = j.get<float>();
}
inline void decode(const Json& j, Json& out, Path&) { out = j; }

template <class T>
void decode(const Json& j, std::optional<T>& out, Path& p) {
  if (j.is_null()) {
    out.reset();
    return;
  }
  decode(j, out.emplace(), p);
}
template <class T>
void decode(const Json& j, Nullable<T>& out, Path& p) {
  if (j.is_null()) {
    out.set_null();
    return;
  }
  decode(j, out.emplace(), p);
}
template <class T>
void decode(const Json& j, Box<T>& out, Path& p) {
  decode(j, *out, p);
}
template <class T>
void decode(const Json& j, std::vector<T>& out, Path& p) {
  if (!j.is_array()) mismatch(p, "array", j);
  out.clear();
  out.resize(j.size());
  for (std::size_t i = 0; i < j.size(); ++i) {
    p.push(i);
    decode(j[i], out[i], p);
    p.pop();
  }
}
template <class T>
void decode(const Json& j, std::map<std::string, T>& out, Path& p) {
  if (!j.is_object()) mismatch(p, "object", j);
  out.clear();
  for (auto it = j.begin(); it != j.end(); ++it) {
    p.push(it.key().c_str());
    decode(it.value(), out[it.key()], p);
    p.pop();
  }
}
template <class E>
void decode(const Json& j, EnumValue<E>& out, Path& p) {
  if (!j.is_string()) mismatch(p, "string (enum)", j);
  out = EnumValue<E>::parse(j.get_ref<const std::string&>());
}

// Object fields. Unknown properties are ignored on read.
inline void expect_object(const Json& j, Path& p) {
  if (!j.is_object()) mismatch(p, "object", j);
}
template <class T>
void read_required(const Json& obj, const char* key, T& out, Path& p) {
  auto it = obj.find(key);
  p.push(key);
  if (it == obj.end()) fail(p, "missing required property");
  decode(*it, out, p);
  p.pop();
}
template <class T>
void read_optional(const Json& obj, const char* key, T& out, Path& p) {
  auto it = obj.find(key);
  if (it == obj.end()) return;
  p.push(key);
  decode(*it, out, p);
  p.pop();
}

// Tries one alternative of a oneOf/anyOf; false when it does not fit.
template <class T, class V>
bool try_decode(const Json& j, V& out, Path& p) {
  try {
    T value{};
    decode(j, value, p);
    out = std::move(value);
    return true;
  } catch (const DecodeError&) {
    return false;
  }
}
// The discriminator property of a oneOf object.
inline std::string discriminator(const Json& j, const char* property, Path& p) {
  expect_object(j, p);
  auto it = j.find(property);
  p.push(property);
  if (it == j.end() || !it->is_string()) fail(p, "missing discriminator property (string)");
  p.pop();
  return it->get<std::string>();
}

// ---- encode ---------------------------------------------------------------------------------
inline Json encode(const std::string& v) { return v; }
inline Json encode(bool v) { return v; }
inline Json encode(std::int32_t v) { return v; }
inline Json encode(std::int64_t v) { return v; }
inline Json encode(float v) { return v; }
inline Json encode(double v) { return v; }
inline Json encode(const Json& v) { return v; }
template <class T> Json encode(const std::optional<T>& v);
template <class T> Json encode(const Nullable<T>& v);
template <class T> Json encode(const Box<T>& v);
template <class T> Json encode(const std::vector<T>& v);
template <class T> Json encode(const std::map<std::string, T>& v);
template <class E> Json encode(const EnumValue<E>& v);

template <class T>
Json encode(const std::optional<T>& v) {
  return v ? encode(*v) : Json(nullptr);
}
template <class T>
Json encode(const Nullable<T>& v) {
  return v.has_value() ? encode(*v) : Json(nullptr);
}
template <class T>
Json encode(const Box<T>& v) {
  return encode(*v);
}
template <class T>
Json encode(const std::vector<T>& v) {
  Json out = Json::array();
  for (const auto& e : v) out.push_back(encode(e));
  return out;
}
template <class T>
Json encode(const std::map<std::string, T>& v) {
  Json out = Json::object();
  for (const auto& [k, e] : v) out[k] = encode(e);
  return out;
}
template <class E>
Json encode(const EnumValue<E>& v) {
  return std::string(v.text());
}

template <class T>
void write_required(Json& obj, const char* key, const T& v) {
  obj[key] = encode(v);
}
template <class T>
void write_optional(Json& obj, const char* key, const std::optional<T>& v) {
  if (v) obj[key] = encode(*v);
}
template <class T>
void write_optional(Json& obj, const char* key, const Nullable<T>& v) {
  if (!v.is_absent()) obj[key] = encode(v);
}
template <class T>
void write_optional(Json& obj, const char* key, const T& v) {  // maps/vectors: omit when empty
  if (!v.empty()) obj[key] = encode(v);
}

// ---- whole documents ------------------------------------------------------------------------
inline Json parse(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e999
    throw DecodeError("$", std::string("invalid JSON: ") + e.what());
  }
}

template <class T>
T decode_document(const Json& j) {
  T value{};
  Path p;
  decode(j, value, p);
  return value;
}

}  // namespace wink::json
