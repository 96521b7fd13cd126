// The type-independent half of wink/json.h, compiled once instead of in every generated model.
#include <limits>

#include <nlohmann/json.hpp>

#include "wink/json.h"

namespace wink::json {

void Path::push(const char* key) { segments_.push_back({key, 0}); }
void Path::push(std::size_t index) { segments_.push_back({nullptr, index}); }

std::string Path::str() const {
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

std::string type_name(const Json& j) {
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

void fail(const Path& path, const std::string& what) { throw DecodeError(path.str(), what); }

void mismatch(const Path& path, const char* expected, const Json& j) {
  fail(path, std::string("expected ") + expected + ", got " + type_name(j));
}

bool is_null(const Json& j) { return j.is_null(); }

std::size_t expect_array(const Json& j, Path& p) {
  if (!j.is_array()) mismatch(p, "array", j);
  return j.get_ptr<const Json::array_t*>()->size();
}

const Json& array_item(const Json& array, std::size_t index) { return (*array.get_ptr<const Json::array_t*>())[index]; }

namespace {
const Json::object_t& expect_members(const Json& j, Path& p) {
  if (!j.is_object()) mismatch(p, "object", j);
  return *j.get_ptr<const Json::object_t*>();
}
}  // namespace

void for_each_member(const Json& j, Path& p, MemberVisitor visit, void* context) {
  for (const auto& [key, value] : expect_members(j, p)) visit(context, key, value);
}

const std::string& expect_string(const Json& j, const char* expected, Path& p) {
  if (!j.is_string()) mismatch(p, expected, j);
  return *j.get_ptr<const Json::string_t*>();
}

void decode(const Json& j, std::string& out, Path& p) { out = expect_string(j, "string", p); }

void decode(const Json& j, bool& out, Path& p) {
  if (!j.is_boolean()) mismatch(p, "boolean", j);
  out = j.get<bool>();
}

void decode(const Json& j, std::int64_t& out, Path& p) {
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

void decode(const Json& j, std::int32_t& out, Path& p) {
  std::int64_t v = 0;
  decode(j, v, p);
  if (v < std::numeric_limits<std::int32_t>::min() || v > std::numeric_limits<std::int32_t>::max())
    fail(p, "integer out of range for int32");
  out = static_cast<std::int32_t>(v);
}

void decode(const Json& j, double& out, Path& p) {
  if (!j.is_number()) mismatch(p, "number", j);
  out = j.get<double>();
}

void decode(const Json& j, float& out, Path& p) {
  if (!j.is_number()) mismatch(p, "number", j);
  out = j.get<float>();
}

void decode(const Json& j, Json& out, Path&) { out = j; }

void expect_object(const Json& j, Path& p) { expect_members(j, p); }

const Json* member(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

const Json& required_member(const Json& obj, const char* key, Path& p) {
  if (const Json* value = member(obj, key)) return *value;
  p.push(key);
  fail(p, "missing required property");
}

std::string discriminator(const Json& j, const char* property, Path& p) {
  expect_object(j, p);
  const Json* tag = member(j, property);
  if (!tag || !tag->is_string()) {
    p.push(property);
    fail(p, "missing discriminator property (string)");
  }
  return tag->get<std::string>();
}

void write(Writer& w, const Json& v) { w.raw(v.dump()); }

void decode_fields(const Json& j, void* model, const Fields& fields, Path& p) {
  expect_object(j, p);
  for (std::size_t i = 0; i < fields.count; ++i) {
    const Field& f = fields.fields[i];
    const Json* value = f.required ? &required_member(j, f.key, p) : member(j, f.key);
    if (!value) continue;
    p.push(f.key);
    f.ops->decode(*value, fields.at(model, i), p);
    p.pop();
  }
}

void write_fields(Writer& w, const void* model, const Fields& fields) {
  void* m = const_cast<void*>(model);  // `at` only computes an address
  w.begin_object();
  for (std::size_t k = 0; k < fields.count; ++k) {
    const std::size_t i = fields.write_order[k];
    const Field& f = fields.fields[i];
    const void* value = fields.at(m, i);
    if (!f.required && f.ops->absent(value)) continue;
    w.key(f.key);
    f.ops->write(w, value);
  }
  w.end_object();
}

void decode_fields(const Json& j, void* model, const Fields& fields) {
  Path p;
  decode_fields(j, model, fields, p);
}

void assign_fields(Json& out, const void* model, const Fields& fields) {
  Writer w;
  write_fields(w, model, fields);
  assign_tree(out, w.take());
}

bool equal_fields(const void* a, const void* b, const Fields& fields) {
  for (std::size_t i = 0; i < fields.count; ++i) {
    if (!fields.fields[i].ops->equal(fields.at(const_cast<void*>(a), i), fields.at(const_cast<void*>(b), i)))
      return false;
  }
  return true;
}

#define WINK_JSON_MEMBER(...) template struct Member<__VA_ARGS__>;
WINK_JSON_COMMON_MEMBER_TYPES(WINK_JSON_MEMBER)
#undef WINK_JSON_MEMBER

void assign_tree(Json& out, const std::string& json_text) { out = Json::parse(json_text); }

Json parse(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e999
    throw DecodeError("$", std::string("invalid JSON: ") + e.what());
  }
}

void decode_text_with(const std::string& text, DecodeInto decode_into, void* out) {
  const Json j = parse(text);
  Path p;
  decode_into(j, out, p);
}

}  // namespace wink::json
