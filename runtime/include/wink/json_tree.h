// nlohmann::json trees of SDK values: `encode(value)` for strings, numbers, optionals, vectors,
// maps and enums (models have their own `encode()` and `to_json()`), on top of wink/json.h.
// Generated code never needs these; they are for programs that work with nlohmann::json.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wink/json.h"

namespace wink::json {

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

}  // namespace wink::json
