// Builds the conformance program's call for every operation: argument values come from the
// document (parameter `example`, schema `example`/`examples`/`default`/`const`/first enum value)
// and otherwise from the schema (format-aware synthetic values that honour minLength/maxLength,
// minimum/maximum and minItems/maxItems). Values travel as JSON text that the program decodes into
// the argument's C++ type, so the SDK's own codecs turn them back into the request.
#include "ir/conformance.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "ir/naming.h"
#include "spec/all_of.h"

namespace wink::codegen::ir {
namespace {

using Json = nlohmann::ordered_json;
using spec::Schema;

constexpr int kOptionalDepth = 4;  // optional properties are filled down to this depth
constexpr int kMaxDepth = 16;      // required ones further, up to here
// A document's minLength/minItems asks for this much at most: made-up values stay small.
constexpr std::uint64_t kMaxLength = 4096, kMaxItems = 16;

// A raw string literal holding `text`, with a delimiter that does not occur in it: readable JSON.
// Text with other than printable ASCII (line ends, bidi controls) is an escaped literal instead.
std::string raw_literal(const std::string& text) {
  if (std::any_of(text.begin(), text.end(), [](char c) { return c < 0x20 || c > 0x7E; }))
    return "\"" + cpp_string_literal_body(text) + "\"";
  std::string delim = "wink";
  for (int i = 0; text.find(")" + delim + "\"") != std::string::npos; ++i) delim = "wink" + std::to_string(i);
  return "R\"" + delim + "(" + text + ")" + delim + "\"";
}

class Synthesizer {
 public:
  explicit Synthesizer(const spec::Document& doc) : doc_(doc) {}

  const Schema* resolve(const Schema* s) const { return doc_.resolve(s); }

  // The schema a value is really checked against: refs followed, `allOf: [X]` wrappers unwrapped.
  const Schema* effective(const Schema* s) const {
    for (int i = 0; i < 64; ++i) {
      s = resolve(s);
      if (!s) return nullptr;
      if (s->all_of.size() == 1 && s->properties.empty() && s->types == 0 && s->enum_values.empty())
        s = s->all_of.front().get();
      else
        return s;
    }
    return s;
  }

  Json value(const Schema* schema, int depth = 0) {
    if (!schema) return Json::object();
    if (schema->const_value) return *schema->const_value;
    for (const auto& e : schema->examples)  // examples that contradict their schema are skipped
      if (fits(e, schema)) return e;
    if (schema->is_ref()) {
      if (stack_.count(schema->ref) || depth > kMaxDepth) return Json();  // null: a cycle
      stack_.insert(schema->ref);
      Json out = value(doc_.find_schema(schema->ref), depth);
      stack_.erase(schema->ref);
      return out;
    }
    if (const auto& d = schema->default_value;  // `default: ""` (common in Wink's documents) says nothing: skipped
        d && !d->is_null() && *d != Json("") && fits(*d, schema))
      return *d;
    if (!schema->enum_values.empty()) return schema->enum_values.front();  // (null is never one)
    if (!schema->one_of.empty() || !schema->any_of.empty()) return alternative(*schema, depth);
    // `type: null` allows nothing else, properties or not (also behind an `allOf: [$ref]` wrapper).
    if (const Schema* eff = effective(schema); eff && eff->is_null_only()) return Json();
    const spec::MergedObject merged = spec::merge_all_of(doc_, *schema);
    const auto& props = merged.properties;
    bool object = schema->has_type(spec::kObject) || !props.empty();
    if (!object && !schema->all_of.empty()) {
      // allOf of non-object parts: the first part's value.
      return value(schema->all_of.front().get(), depth);
    }
    if (object) {
      Json out = Json::object();
      for (const auto* p : props) {
        const Schema* ps = resolve(p->schema.get());
        if (ps && ps->read_only) continue;  // requests never carry readOnly properties
        bool req = merged.is_required(p->name);
        if (!req && depth >= kOptionalDepth) continue;
        Json v = value(p->schema.get(), depth + 1);
        if (v.is_null() && !(ps && (ps->nullable || ps->has_type(spec::kNull)))) {
          if (!req) continue;  // a cycle: leave the optional property out
          v = Json::object();
        }
        out[p->name] = std::move(v);
      }
      // Discriminated parents: name the concrete type when the parent says so.
      if (schema->discriminator && !schema->discriminator->mapping.empty() && !out.contains(schema->discriminator->property))
        out[schema->discriminator->property] = schema->discriminator->mapping.front().first;
      if (props.empty() && schema->additional_properties && !schema->additional_properties->is_free_form()) {
        Json v = value(schema->additional_properties.get(), depth + 1);
        if (!v.is_null()) out["key"] = std::move(v);
      }
      return out;
    }
    if (schema->has_type(spec::kArray) || (schema->types == 0 && schema->items)) {
      Json out = Json::array();
      std::uint64_t n = std::clamp<std::uint64_t>(schema->min_items.value_or(1), 1, kMaxItems);
      if (schema->max_items) n = std::min(n, *schema->max_items);
      for (std::uint64_t i = 0; i < n && schema->items; ++i) {
        Json v = value(schema->items.get(), depth + 1);
        if (v.is_null()) break;
        out.push_back(std::move(v));
      }
      return out;
    }
    if (schema->has_type(spec::kString) || (schema->types == 0 && !schema->format.empty())) return string(*schema);
    if (schema->has_type(spec::kInteger)) return static_cast<std::int64_t>(numeric(*schema, 1, true));
    if (schema->has_type(spec::kNumber)) return numeric(*schema, 1.5, false);
    if (schema->has_type(spec::kBoolean)) return true;
    return Json::object();  // free-form
  }

  // Whether `v` fits `schema` in shape (types, required properties, enums): examples that do not
  // are replaced by synthesized values.
  bool fits(const Json& v, const Schema* schema, int depth = 0) const {
    schema = resolve(schema);
    if (!schema || depth > 32) return true;
    if (v.is_null()) return schema->nullable || schema->has_type(spec::kNull);
    if (schema->is_null_only()) return false;
    for (const auto& part : schema->all_of)
      if (!fits(v, part.get(), depth + 1)) return false;
    if (!schema->one_of.empty() || !schema->any_of.empty()) {
      const auto& alts = schema->one_of.empty() ? schema->any_of : schema->one_of;
      bool any = false;
      for (const auto& a : alts) any = any || fits(v, a.get(), depth + 1);
      if (!any) return false;
    }
    if (!schema->enum_values.empty() &&
        std::find(schema->enum_values.begin(), schema->enum_values.end(), v) == schema->enum_values.end())
      return false;
    if (schema->types) {
      bool ok = (v.is_object() && schema->has_type(spec::kObject)) || (v.is_array() && schema->has_type(spec::kArray)) ||
                (v.is_string() && schema->has_type(spec::kString)) || (v.is_boolean() && schema->has_type(spec::kBoolean)) ||
                (v.is_number_integer() && (schema->has_type(spec::kInteger) || schema->has_type(spec::kNumber))) ||
                (v.is_number_float() && (schema->has_type(spec::kNumber) ||
                                         (schema->has_type(spec::kInteger) && std::floor(v.get<double>()) == v.get<double>())));
      if (!ok) return false;
    }
    if (v.is_object()) {
      const spec::MergedObject merged = spec::merge_all_of(doc_, *schema);
      for (const auto& r : merged.required)
        if (!v.contains(r)) return false;
      for (const auto* p : merged.properties) {
        auto it = v.find(p->name);
        if (it == v.end()) continue;
        const Schema* ps = resolve(p->schema.get());
        if (ps && ps->read_only) return false;
        if (!fits(*it, p->schema.get(), depth + 1)) return false;
      }
    }
    if (v.is_array() && schema->items)
      for (const auto& e : v)
        if (!fits(e, schema->items.get(), depth + 1)) return false;
    if (v.is_string()) {
      if (!format_fits(v.get_ref<const std::string&>(), schema->format)) return false;
      const std::size_t length = v.get_ref<const std::string&>().size();
      if (schema->min_length && length < *schema->min_length) return false;
      if (schema->max_length && length > *schema->max_length) return false;
    }
    return true;
  }

  // A parameter's example as the parameter's type wants it (path and query examples are often
  // written as strings whatever the type).
  Json coerce(Json v, const Schema* schema) const {
    const Schema* s = effective(schema);
    if (!s) return v;
    if (s->has_type(spec::kArray) && !v.is_array()) v = Json::array({v});
    if (v.is_array() && s->items) {
      for (auto& e : v) e = coerce(e, s->items.get());
      return v;
    }
    if (s->has_type(spec::kString) && (v.is_number() || v.is_boolean())) return v.dump();
    if (v.is_string() && (s->has_type(spec::kInteger) || s->has_type(spec::kNumber) || s->has_type(spec::kBoolean))) {
      const std::string& t = v.get_ref<const std::string&>();
      if (s->has_type(spec::kBoolean) && (t == "true" || t == "false")) return t == "true";
      Json n = Json::parse(t, nullptr, false);
      if (!n.is_discarded() && n.is_number()) return n;
    }
    if (v.is_number_float() && s->has_type(spec::kInteger) && !s->has_type(spec::kNumber) &&
        std::floor(v.get<double>()) == v.get<double>())
      return static_cast<std::int64_t>(v.get<double>());
    return v;
  }

 private:
  Json alternative(const Schema& s, int depth) {
    const auto& alts = s.one_of.empty() ? s.any_of : s.one_of;
    for (const auto& a : alts) {
      const Schema* r = resolve(a.get());
      if (r && r->types == spec::kNull) continue;
      Json v = value(a.get(), depth + 1);
      if (v.is_null()) continue;
      if (s.discriminator && v.is_object() && a->is_ref()) {
        std::string tag = a->ref;
        for (const auto& [key, target] : s.discriminator->mapping)
          if (target == a->ref) {
            tag = key;
            break;
          }
        v[s.discriminator->property] = tag;
      }
      return v;
    }
    return Json();
  }

  // The formats a validator such as Prism checks.
  static bool format_fits(const std::string& v, const std::string& format) {
    static const std::map<std::string, std::regex> kChecks = {
        {"uuid", std::regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")},
        {"date", std::regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")},
        {"date-time", std::regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$")},
        {"time", std::regex("^[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?$")},
        {"email", std::regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")},
        {"uri", std::regex("^[a-zA-Z][a-zA-Z0-9+.-]*:[^\\s]*$")},
        {"ipv4", std::regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$")},
    };
    auto it = kChecks.find(format);
    return it == kChecks.end() || std::regex_match(v, it->second);
  }

  static Json string(const Schema& s) {
    static const std::map<std::string, std::string> kFormats = {
        {"uuid", "3fa85f64-5717-4562-b3fc-2c963f66afa6"},
        {"date", "2026-07-01"},
        {"date-time", "2026-07-01T12:00:00Z"},
        {"time", "12:00:00"},
        {"email", "user@example.com"},
        {"uri", "https://example.com/resource"},
        {"url", "https://example.com/resource"},
        {"uri-reference", "https://example.com/resource"},
        {"hostname", "example.com"},
        {"ipv4", "192.0.2.1"},
        {"ipv6", "2001:db8::1"},
        {"byte", "ZXhhbXBsZQ=="},
        {"password", "example-password"},
    };
    auto it = kFormats.find(s.format);
    std::string text = it != kFormats.end() ? it->second : "example";
    if (s.min_length && text.size() < *s.min_length) text.resize(std::min(*s.min_length, kMaxLength), 'x');
    if (s.max_length && text.size() > *s.max_length) text.resize(*s.max_length);
    return text;
  }

  // `fallback` moved inside the bounds; an exclusive bound is passed by a step.
  static double numeric(const Schema& s, double fallback, bool integer) {
    const double step = integer ? 1 : 0.5;
    double v = fallback;
    if (s.minimum) v = std::max(v, s.minimum->value + (s.minimum->exclusive ? step : 0));
    if (s.maximum) v = std::min(v, s.maximum->value - (s.maximum->exclusive ? step : 0));
    return integer ? std::ceil(v) : v;
  }

  const spec::Document& doc_;
  std::set<std::string> stack_;
};

const Model* find_model(const Sdk& sdk, const std::string& name) {
  for (const auto& m : sdk.models)
    if (m.name == name) return &m;
  return nullptr;
}

// The example the document gives for a value: its own, else its schema's first.
std::optional<Json> example_of(const std::optional<spec::Value>& own, const Schema* schema) {
  if (own) return *own;
  if (schema && !schema->examples.empty()) return schema->examples.front();
  return std::nullopt;
}

// The argument value of a parameter: its example when it fits, else a synthesized one.
std::string parameter_json(Synthesizer& synth, const spec::Parameter& p) {
  const Schema* schema = p.schema.get();
  if (auto example = example_of(p.example, schema)) {
    Json v = synth.coerce(*example, schema);
    if (synth.fits(v, schema)) return v.dump();
  }
  return synth.coerce(synth.value(schema), schema).dump();
}

std::string body_json(Synthesizer& synth, const spec::MediaType& mt) {
  const Schema* schema = mt.schema.get();
  if (auto example = example_of(mt.example, schema); example && synth.fits(*example, schema)) return example->dump();
  return synth.value(schema).dump();
}

// Multipart / form bodies, field by field; files are tiny FileParts.
void form_fields(Synthesizer& synth, const spec::Document& doc, const Sdk& sdk, const Method& m,
                 std::vector<std::string>& setup) {
  const Model* model = m.body.type.kind() == Type::Kind::kModel ? find_model(sdk, m.body.type.name()) : nullptr;
  if (!model) return;
  const auto props = spec::merge_all_of(doc, *m.body.media->schema).properties;
  for (const auto& f : model->fields) {
    const spec::Property* prop = nullptr;
    for (const auto* p : props)
      if (p->name == f.wire_name) prop = p;
    const Schema* ps = prop ? synth.resolve(prop->schema.get()) : nullptr;
    if (ps && ps->read_only) continue;
    const std::string lhs = "body." + f.name;
    const std::string quoted = "\"" + cpp_string_literal_body(f.wire_name) + "\"";
    const Type& value = f.type.unwrapped();
    if (value.kind() == Type::Kind::kVector && value.element().kind() == Type::Kind::kFilePart)
      // Two files: a single part is indistinguishable from a non-array field on the wire.
      setup.push_back(lhs + " = std::vector<wink::FilePart>{file_part(" + quoted + "), file_part(" + quoted + ")};");
    else if (value.kind() == Type::Kind::kFilePart)
      setup.push_back(lhs + " = file_part(" + quoted + ");");
    else {
      Json v = prop ? synth.value(prop->schema.get(), 1) : Json("example");
      if (v.is_null() && !f.required) continue;
      setup.push_back(lhs + " = value<decltype(" + lhs + ")>(" + raw_literal(v.dump()) + ");");
    }
  }
}

ConformanceCall call_of(Synthesizer& synth, const spec::Document& doc, const Sdk& sdk, const Method& m) {
  ConformanceCall call;
  call.operation_id = m.operation_id;
  call.http_method = m.http_method;
  call.path = m.path;
  call.method = m.name;
  auto param_value = [&](const Param& p) { return raw_literal(parameter_json(synth, *p.source)); };
  std::vector<std::string> args;
  for (std::size_t i = 0; i < m.positional.size(); ++i) {
    const Param& p = m.positional[i];
    std::string var = "a" + std::to_string(i);
    call.setup.push_back("const auto " + var + " = value<" + p.type.cpp() + ">(" + param_value(p) + ");");
    args.push_back(var);
  }
  const spec::MediaType* mt = m.body.media;
  switch (m.body.kind) {
    case BodyKind::None: break;
    case BodyKind::Json:
      call.setup.push_back("const auto body = value<" + m.body.type.cpp() + ">(" + raw_literal(body_json(synth, *mt)) +
                           ");");
      break;
    case BodyKind::Raw: {
      std::string text = "example";
      if (mt->example) text = mt->example->is_string() ? mt->example->get<std::string>() : mt->example->dump();
      call.setup.push_back("const std::string body = " + raw_literal(text) + ";");
      break;
    }
    case BodyKind::Multipart:
    case BodyKind::Form:
      call.setup.push_back(m.body.type.cpp() + " body{};");
      form_fields(synth, doc, sdk, m, call.setup);
      break;
  }
  if (m.body.kind != BodyKind::None) args.push_back("body");
  if (!m.params_struct.empty()) {
    call.setup.push_back(m.params_struct + " params{};");
    for (const auto& p : m.optional) {
      std::string lhs = "params." + p.name;
      call.setup.push_back(lhs + " = value<decltype(" + lhs + ")>(" + param_value(p) + ");");
    }
    args.push_back("params");
  }
  for (std::size_t i = 0; i < args.size(); ++i) call.arguments += (i ? ", " : "") + args[i];
  return call;
}

}  // namespace

Conformance build_conformance(const spec::Document& doc, const Sdk& sdk) {
  Conformance out;
  out.operation_count = sdk.operations.size();
  Synthesizer synth(doc);
  for (const auto& api : sdk.apis) {
    ConformanceApi a;
    a.class_name = api.name;
    a.variable = "api_" + api.file_stem;
    out.apis.push_back(a);
    for (const auto& m : api.methods) {
      out.calls.push_back(call_of(synth, doc, sdk, m));
      out.calls.back().api_variable = a.variable;
    }
  }
  return out;
}

}  // namespace wink::codegen::ir
