// JSON encode/decode helpers for generated models. Decoding tracks the JSON path so that an
// error names exactly where the document did not fit (`$.content[3].status: expected string`).
//
// Only nlohmann::json's forward declaration is included: <nlohmann/json.hpp> is a large header that
// every generated model would otherwise parse. Whatever needs the complete type is compiled in the
// runtime (src/json_codec.cpp) or lives in wink/json_tree.h (nlohmann::json trees of values).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "wink/errors.h"
#include "wink/json_writer.h"
#include "wink/values.h"

namespace wink::json {

using Json = nlohmann::json;

// The current position while decoding; formatted only when an error is raised.
class Path {
 public:
  void push(const char* key);
  void push(std::size_t index);
  void pop() { segments_.pop_back(); }
  std::string str() const;

 private:
  struct Segment {
    const char* key;
    std::size_t index;
  };
  std::vector<Segment> segments_;
};

// Everything that does not depend on a model type is compiled once, in the runtime library
// (src/json_codec.cpp), instead of being inlined into every generated model: that is most of
// the compile time of an SDK.
std::string type_name(const Json& j);
[[noreturn]] void fail(const Path& path, const std::string& what);
[[noreturn]] void mismatch(const Path& path, const char* expected, const Json& j);

// Checked access to a value, so that generated code needs neither nlohmann's complete type nor
// its throwing accessors.
bool is_null(const Json& j);
// The number of items of an array; a DecodeError when `j` is not one.
std::size_t expect_array(const Json& j, Path& p);
const Json& array_item(const Json& array, std::size_t index);  // index < expect_array()
// Calls `visit(context, key, value)` for each member of an object, in key order; a DecodeError
// when `j` is not one.
using MemberVisitor = void (*)(void* context, const std::string& key, const Json& value);
void for_each_member(const Json& j, Path& p, MemberVisitor visit, void* context);
const std::string& expect_string(const Json& j, const char* expected, Path& p);

// ---- decode: declarations first so that every overload sees every other one ------------------
void decode(const Json& j, std::string& out, Path& p);
void decode(const Json& j, bool& out, Path& p);
void decode(const Json& j, std::int32_t& out, Path& p);
void decode(const Json& j, std::int64_t& out, Path& p);
void decode(const Json& j, float& out, Path& p);
void decode(const Json& j, double& out, Path& p);
void decode(const Json& j, Json& out, Path& p);
template <class T> void decode(const Json& j, std::optional<T>& out, Path& p);
template <class T> void decode(const Json& j, Nullable<T>& out, Path& p);
template <class T> void decode(const Json& j, Box<T>& out, Path& p);
template <class T> void decode(const Json& j, std::vector<T>& out, Path& p);
template <class T> void decode(const Json& j, std::map<std::string, T>& out, Path& p);
template <class E> void decode(const Json& j, EnumValue<E>& out, Path& p);

template <class T>
void decode(const Json& j, std::optional<T>& out, Path& p) {
  if (is_null(j)) {
    out.reset();
    return;
  }
  decode(j, out.emplace(), p);
}
template <class T>
void decode(const Json& j, Nullable<T>& out, Path& p) {
  if (is_null(j)) {
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
  const std::size_t size = expect_array(j, p);
  std::vector<T> values(size);  // sized up front: no growth path instantiated per model
  for (std::size_t i = 0; i < size; ++i) {
    p.push(i);
    decode(array_item(j, i), values[i], p);
    p.pop();
  }
  out.swap(values);
}
template <class T>
void decode(const Json& j, std::map<std::string, T>& out, Path& p) {
  struct Target {
    std::map<std::string, T>& out;
    Path& p;
  } target{out, p};
  out.clear();
  for_each_member(j, p, [](void* context, const std::string& key, const Json& value) {
    auto& [values, path] = *static_cast<Target*>(context);
    path.push(key.c_str());
    decode(value, values[key], path);
    path.pop();
  }, &target);
}
template <class E>
void decode(const Json& j, EnumValue<E>& out, Path& p) {
  out = EnumValue<E>::parse(expect_string(j, "string (enum)", p));
}

// Object fields (struct models read theirs with decode_fields(), below). Unknown properties are
// ignored on read.
void expect_object(const Json& j, Path& p);
// The member `key` of the object `obj`, nullptr when absent.
const Json* member(const Json& obj, const char* key);
// The member `key`; a DecodeError naming it when absent.
const Json& required_member(const Json& obj, const char* key, Path& p);

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
std::string discriminator(const Json& j, const char* property, Path& p);

// ---- write: JSON text without an intermediate tree (see json_writer.h) ------------------------
inline void write(Writer& w, const std::string& v) { w.string(v); }
inline void write(Writer& w, bool v) { w.boolean(v); }
inline void write(Writer& w, std::int32_t v) { w.integer(v); }
inline void write(Writer& w, std::int64_t v) { w.integer(v); }
inline void write(Writer& w, float v) { w.number(static_cast<double>(v)); }  // nlohmann keeps floats as double
inline void write(Writer& w, double v) { w.number(v); }
void write(Writer& w, const Json& v);  // free-form values: nlohmann writes them
template <class T> void write(Writer& w, const std::optional<T>& v);
template <class T> void write(Writer& w, const Nullable<T>& v);
template <class T> void write(Writer& w, const Box<T>& v);
template <class T> void write(Writer& w, const std::vector<T>& v);
template <class T> void write(Writer& w, const std::map<std::string, T>& v);
template <class E> void write(Writer& w, const EnumValue<E>& v);

template <class T>
void write(Writer& w, const std::optional<T>& v) {
  if (v) write(w, *v);
  else w.null();
}
template <class T>
void write(Writer& w, const Nullable<T>& v) {
  if (v.has_value()) write(w, *v);
  else w.null();
}
template <class T>
void write(Writer& w, const Box<T>& v) {
  write(w, *v);
}
template <class T>
void write(Writer& w, const std::vector<T>& v) {
  w.begin_array();
  for (const auto& e : v) write(w, e);
  w.end_array();
}
template <class T>
void write(Writer& w, const std::map<std::string, T>& v) {
  w.begin_object();
  for (const auto& [k, e] : v) {
    w.key(k);
    write(w, e);
  }
  w.end_object();
}
template <class E>
void write(Writer& w, const EnumValue<E>& v) {
  w.string(v.text());
}

// A model (or any value above) as compact JSON text, equal to `encode(value).dump()`.
template <class T>
std::string dump(const T& value) {
  Writer w;
  write(w, value);
  return w.take();
}

// A model as an nlohmann::json tree (what to_json() gives): its text parsed again. Models write
// text directly; building trees field by field would cost compile time in every model for a
// path that only conversions to nlohmann::json take. Using the tree needs <nlohmann/json.hpp>.
void assign_tree(Json& out, const std::string& json_text);
template <class J = Json, class T>
J to_tree(const T& value) {
  J tree;
  assign_tree(tree, dump(value));
  return tree;
}

// ---- models as tables of fields --------------------------------------------------------------
// A generated struct model describes its fields as data (wire name, presence, the operations on
// the member's type) and one function giving a field's address; decoding, writing and comparing
// loop over that table here, in the runtime, so an SDK compiles one loop instead of code per
// field, three times per model.

// What the codec does with a member of one C++ type: `Member<T>::ops`.
struct MemberOps {
  void (*decode)(const Json& j, void* out, Path& p);
  void (*write)(Writer& w, const void* value);
  bool (*equal)(const void* a, const void* b);
  bool (*absent)(const void* value);  // an optional member with nothing to write
};

template <class T> bool is_absent(const std::optional<T>& v) { return !v.has_value(); }
template <class T> bool is_absent(const Nullable<T>& v) { return v.is_absent(); }
template <class T> bool is_absent(const T&) { return false; }

template <class T>
struct Member {
  // Not named decode/write: unqualified calls inside must find the namespace's overloads and,
  // by ADL, the models' own.
  static void decode_member(const Json& j, void* out, Path& p) { decode(j, *static_cast<T*>(out), p); }
  static void write_member(Writer& w, const void* v) { write(w, *static_cast<const T*>(v)); }
  static bool equal_members(const void* a, const void* b) {
    return *static_cast<const T*>(a) == *static_cast<const T*>(b);
  }
  static bool absent_member(const void* v) { return is_absent(*static_cast<const T*>(v)); }
  static const MemberOps ops;
};
template <class T>
const MemberOps Member<T>::ops = {&Member<T>::decode_member, &Member<T>::write_member,
                                  &Member<T>::equal_members, &Member<T>::absent_member};

struct Field {
  const char* key;  // wire name
  bool required;    // decoding fails when absent; written even when empty
  const MemberOps* ops;
};

// A model's fields in declaration order (the order they are decoded in), `at(model, i)` the
// address of field i, and `write_order` the indices sorted by wire name (the order written).
struct Fields {
  const Field* fields;
  std::size_t count;
  void* (*at)(void* model, std::size_t index);
  const std::uint16_t* write_order;
};

void decode_fields(const Json& j, void* model, const Fields& fields, Path& p);
void write_fields(Writer& w, const void* model, const Fields& fields);
bool equal_fields(const void* a, const void* b, const Fields& fields);
// A model's from_json() and to_json(): decode_fields() from `$`; the tree of what write_fields() writes.
void decode_fields(const Json& j, void* model, const Fields& fields);
void assign_fields(Json& out, const void* model, const Fields& fields);

// The member types most fields have, compiled once in the runtime (src/json_codec.cpp).
// (Not std::vector<bool>: its elements are no `bool&` to decode into.)
#define WINK_JSON_SCALAR_MEMBER_TYPES(X, T) \
  X(T)                                       \
  X(std::optional<T>)                        \
  X(Nullable<T>)
#define WINK_JSON_MEMBER_TYPES(X, T)  \
  WINK_JSON_SCALAR_MEMBER_TYPES(X, T) \
  X(std::vector<T>)                   \
  X(std::optional<std::vector<T>>)    \
  X(Nullable<std::vector<T>>)
#define WINK_JSON_COMMON_MEMBER_TYPES(X)        \
  WINK_JSON_MEMBER_TYPES(X, std::string)        \
  WINK_JSON_SCALAR_MEMBER_TYPES(X, bool)        \
  WINK_JSON_MEMBER_TYPES(X, std::int32_t)       \
  WINK_JSON_MEMBER_TYPES(X, std::int64_t)       \
  WINK_JSON_MEMBER_TYPES(X, float)              \
  WINK_JSON_MEMBER_TYPES(X, double)             \
  WINK_JSON_MEMBER_TYPES(X, Json)
#define WINK_JSON_EXTERN_MEMBER(...) extern template struct Member<__VA_ARGS__>;
WINK_JSON_COMMON_MEMBER_TYPES(WINK_JSON_EXTERN_MEMBER)
#undef WINK_JSON_EXTERN_MEMBER

// ---- whole documents ------------------------------------------------------------------------
// A DecodeError (path `$`) when `text` is not JSON.
Json parse(const std::string& text);

template <class T>
T decode_document(const Json& j) {
  T value{};
  Path p;
  decode(j, value, p);
  return value;
}

// Parses `text` and decodes it into `*out` with `decode_into`; a DecodeError (path `$`) when
// `text` is not JSON. The parse happens in the runtime, so callers need no complete Json type.
using DecodeInto = void (*)(const Json& j, void* out, Path& p);
void decode_text_with(const std::string& text, DecodeInto decode_into, void* out);

template <class T>
void decode_text(const std::string& text, T& out) {
  decode_text_with(text, [](const Json& j, void* target, Path& p) { decode(j, *static_cast<T*>(target), p); },
                   &out);
}
template <class T>
T decode_text(const std::string& text) {
  T value{};
  decode_text(text, value);
  return value;
}

}  // namespace wink::json
