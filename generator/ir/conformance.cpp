// Builds the conformance program's call for every operation: argument values come from the
// document (parameter `example`, schema `example`/`examples`/`default`/`const`/first enum value)
// and otherwise from the schema (format-aware synthetic values that honour minLength/maxLength,
// minimum/maximum and minItems). Values travel as JSON text that the program decodes into the
// argument's C++ type, so the SDK's own codecs turn them back into the request.
#include "ir/conformance.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "ir/naming.h"

namespace wink::codegen::ir {
namespace {

using Json = nlohmann::ordered_json;
using spec::Schema;

constexpr int kOptionalDepth = 4;  // optional properties are filled down to this depth
constexpr int kMaxDepth = 16;      // required ones further, up to here

std::optional<Json> parse(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  Json j = Json::parse(*text, nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

// A raw string literal holding `text`, with a delimiter that does not occur in it.
std::string raw_literal(const std::string& text) {
  std::string delim = "wink";
  for (int i = 0; text.find(")" + delim + "\"") != std::string::npos; ++i) delim = "wink" + std::to_string(i);
  return "R\"" + delim + "(" + text + ")" + delim + "\"";
}

class Synthesizer {
 public:
  Synthesizer(const spec::Document& doc, load::Loader* loader) : doc_(doc), loader_(loader) {}

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

  // Properties (and required names) of an object schema, allOf parts merged, in document order.
  void collect(const Schema* s, std::vector<const spec::Property*>& props, std::set<std::string>& required,
               int depth = 0) const {
    s = resolve(s);
    if (!s || depth > 32) return;
    for (const auto& part : s->all_of) collect(part.get(), props, required, depth + 1);
    for (const auto& p : s->properties) {
      auto same = [&](const spec::Property* q) { return q->name == p.name; };
      auto it = std::find_if(props.begin(), props.end(), same);
      if (it == props.end()) props.push_back(&p);
      else *it = &p;
    }
    for (const auto& r : s->required) required.insert(r);
  }

  Json value(const Schema* schema, int depth = 0) {
    if (!schema) return Json::object();
    if (schema->const_value)
      if (auto j = parse(schema->const_value)) return *j;
    for (const auto& e : schema->examples)  // examples that contradict their schema are skipped
      if (auto j = parse(e); j && fits(*j, schema)) return *j;
    if (schema->is_ref()) {
      if (stack_.count(schema->ref) || depth > kMaxDepth) return Json();  // null: a cycle
      stack_.insert(schema->ref);
      Json out = value(doc_.find_schema(schema->ref), depth);
      stack_.erase(schema->ref);
      return out;
    }
    if (schema->default_value)  // `default: ""` (common in Wink's documents) says nothing: skipped
      if (auto j = parse(schema->default_value); j && !j->is_null() && *j != Json("") && fits(*j, schema)) return *j;
    for (const auto& e : schema->enum_values)
      if (auto j = parse(e); j && !j->is_null()) return *j;
    if (!schema->one_of.empty() || !schema->any_of.empty()) return alternative(*schema, depth);
    // `type: null` allows nothing else, properties or not (also behind an `allOf: [$ref]` wrapper).
    if (const Schema* eff = effective(schema); eff && only_null(*eff)) return Json();
    std::vector<const spec::Property*> props;
    std::set<std::string> required;
    collect(schema, props, required);
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
        bool req = required.count(p->name) > 0;
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
    const load::Node* raw = node(*schema);
    if (schema->has_type(spec::kArray) || (schema->types == 0 && schema->items)) {
      Json out = Json::array();
      std::int64_t n = std::max<std::int64_t>(1, number(raw, "minItems").value_or(1));
      if (auto max = number(raw, "maxItems")) n = std::min<std::int64_t>(n, static_cast<std::int64_t>(*max));
      for (std::int64_t i = 0; i < n && schema->items; ++i) {
        Json v = value(schema->items.get(), depth + 1);
        if (v.is_null()) break;
        out.push_back(std::move(v));
      }
      return out;
    }
    if (schema->has_type(spec::kString) || (schema->types == 0 && !schema->format.empty())) return string(*schema, raw);
    if (schema->has_type(spec::kInteger)) return static_cast<std::int64_t>(numeric(raw, 1, true));
    if (schema->has_type(spec::kNumber)) return numeric(raw, 1.5, false);
    if (schema->has_type(spec::kBoolean)) return true;
    return Json::object();  // free-form
  }

  // Whether `v` fits `schema` in shape (types, required properties, enums): examples that do not
  // are replaced by synthesized values.
  bool fits(const Json& v, const Schema* schema, int depth = 0) const {
    schema = resolve(schema);
    if (!schema || depth > 32) return true;
    if (v.is_null()) return schema->nullable || schema->has_type(spec::kNull);
    if (only_null(*schema)) return false;
    for (const auto& part : schema->all_of)
      if (!fits(v, part.get(), depth + 1)) return false;
    if (!schema->one_of.empty() || !schema->any_of.empty()) {
      const auto& alts = schema->one_of.empty() ? schema->any_of : schema->one_of;
      bool any = false;
      for (const auto& a : alts) any = any || fits(v, a.get(), depth + 1);
      if (!any) return false;
    }
    if (!schema->enum_values.empty()) {
      bool found = false;
      for (const auto& e : schema->enum_values)
        if (auto j = parse(e); j && *j == v) found = true;
      if (!found) return false;
    }
    if (schema->types) {
      bool ok = (v.is_object() && schema->has_type(spec::kObject)) || (v.is_array() && schema->has_type(spec::kArray)) ||
                (v.is_string() && schema->has_type(spec::kString)) || (v.is_boolean() && schema->has_type(spec::kBoolean)) ||
                (v.is_number_integer() && (schema->has_type(spec::kInteger) || schema->has_type(spec::kNumber))) ||
                (v.is_number_float() && (schema->has_type(spec::kNumber) ||
                                         (schema->has_type(spec::kInteger) && std::floor(v.get<double>()) == v.get<double>())));
      if (!ok) return false;
    }
    if (v.is_object()) {
      std::vector<const spec::Property*> props;
      std::set<std::string> required;
      collect(schema, props, required);
      for (const auto& r : required)
        if (!v.contains(r)) return false;
      for (const auto* p : props) {
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
      const load::Node* raw = node(*schema);
      auto len = static_cast<double>(v.get<std::string>().size());
      if (auto min = number(raw, "minLength"); min && len < *min) return false;
      if (auto max = number(raw, "maxLength"); max && len > *max) return false;
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

  // `type: "null"` as written: the validated model implies `object` when such a schema has
  // properties (Wink's documents have some), a validator does not.
  bool only_null(const Schema& s) const {
    if (s.types == spec::kNull) return true;
    const load::Node* raw = node(s);
    const load::Node* type = raw ? raw->find("type") : nullptr;
    if (!type) return false;
    if (type->is_string()) return type->text == "null";
    if (!type->is_array() || type->items.empty()) return false;
    for (const auto& t : type->items)
      if (!t.is_string() || t.text != "null") return false;
    return true;
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

  Json string(const Schema& s, const load::Node* raw) const {
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
    if (auto min = number(raw, "minLength"); min && text.size() < *min)
      text.append(static_cast<std::size_t>(*min) - text.size(), 'x');
    if (auto max = number(raw, "maxLength"); max && text.size() > *max) text.resize(static_cast<std::size_t>(*max));
    return text;
  }

  double numeric(const load::Node* raw, double fallback, bool integer) const {
    double v = fallback;
    auto min = number(raw, "minimum"), max = number(raw, "maximum");
    const load::Node* xmin = raw ? raw->find("exclusiveMinimum") : nullptr;
    const load::Node* xmax = raw ? raw->find("exclusiveMaximum") : nullptr;
    double step = integer ? 1 : 0.5;
    if (xmin && xmin->is_number()) min = xmin->number + step;
    else if (min && xmin && xmin->is_bool() && xmin->boolean) *min += step;
    if (xmax && xmax->is_number()) max = xmax->number - step;
    else if (max && xmax && xmax->is_bool() && xmax->boolean) *max -= step;
    if (min && v < *min) v = *min;
    if (max && v > *max) v = *max;
    return integer ? std::ceil(v) : v;
  }

  static std::optional<double> number(const load::Node* raw, const char* key) {
    const load::Node* n = raw ? raw->find(key) : nullptr;
    if (!n || !n->is_number()) return std::nullopt;
    return n->number;
  }

  // The schema's node as written, for the keywords the validated model leaves out.
  const load::Node* node(const Schema& s) const { return loader_ ? s.node : nullptr; }

  const spec::Document& doc_;
  load::Loader* loader_;
  std::set<std::string> stack_;
};

const Model* find_model(const Sdk& sdk, const std::string& name) {
  for (const auto& m : sdk.models)
    if (m.name == name) return &m;
  return nullptr;
}

// The argument value of a parameter: its example when it fits, else a synthesized one.
std::string parameter_json(Synthesizer& synth, const spec::Parameter& p) {
  const Schema* schema = p.schema.get();
  std::optional<std::string> example = p.example;
  if (!example && schema && !schema->examples.empty()) example = schema->examples.front();
  if (auto j = parse(example)) {
    Json v = synth.coerce(*j, schema);
    if (synth.fits(v, schema)) return v.dump();
  }
  return synth.coerce(synth.value(schema), schema).dump();
}

std::string body_json(Synthesizer& synth, const Method& m, const spec::MediaType* mt) {
  const Schema* schema = mt ? mt->schema.get() : nullptr;
  if (auto j = parse(m.body_example); j && synth.fits(*j, schema)) return j->dump();
  return synth.value(schema).dump();
}

}  // namespace

Conformance build_conformance(const spec::Document& doc, const Sdk& sdk, load::Loader* loader) {
  Conformance out;
  out.operation_count = sdk.operations.size();
  Synthesizer synth(doc, loader);
  std::map<std::string, const spec::Operation*> ops;  // "GET /path" (escaped) -> operation
  for (const auto& op : doc.operations) ops[op.method + " " + cpp_string_literal_body(op.path)] = &op;

  for (const auto& api : sdk.apis) {
    ConformanceApi a;
    a.class_name = api.name;
    a.variable = "api_" + api.file_stem;
    out.apis.push_back(a);
    for (const auto& m : api.methods) {
      ConformanceCall call;
      call.operation_id = m.operation_id;
      call.http_method = m.http_method;
      call.path = m.path;
      call.api_variable = a.variable;
      call.method = m.name;
      auto it = ops.find(m.http_method + " " + m.path);
      const spec::Operation* op = it == ops.end() ? nullptr : it->second;
      auto spec_param = [&](const Param& p) -> const spec::Parameter* {
        if (!op) return nullptr;
        for (const auto& sp : op->parameters) {
          bool same_in = (sp.in == spec::ParameterIn::Path && p.in_path) || (sp.in == spec::ParameterIn::Query && p.in_query) ||
                         (sp.in == spec::ParameterIn::Header && p.in_header) ||
                         (sp.in == spec::ParameterIn::Cookie && p.in_cookie);
          if (same_in && sp.name == p.raw_name) return &sp;
        }
        return nullptr;
      };
      auto param_value = [&](const Param& p) {
        const spec::Parameter* sp = spec_param(p);
        return raw_literal(sp ? parameter_json(synth, *sp) : p.example.value_or("\"example\""));
      };
      std::vector<std::string> args;
      for (std::size_t i = 0; i < m.positional.size(); ++i) {
        const Param& p = m.positional[i];
        std::string var = "a" + std::to_string(i);
        call.setup.push_back("const auto " + var + " = value<" + p.type + ">(" + param_value(p) + ");");
        args.push_back(var);
      }
      if (m.body_kind != BodyKind::None) {
        const spec::MediaType* mt = nullptr;
        if (op && op->request_body)
          for (const auto& c : op->request_body->content) {
            bool match = m.body_kind == BodyKind::Json ? spec::is_json_media(c.content_type)
                                                       : cpp_string_literal_body(c.content_type) == m.body_content_type;
            if (match) {
              mt = &c;
              break;
            }
          }
        if (m.body_kind == BodyKind::Json) {
          call.setup.push_back("const auto body = value<" + m.body_type + ">(" + raw_literal(body_json(synth, m, mt)) + ");");
        } else if (m.body_kind == BodyKind::Raw) {
          std::string text = "example";
          if (auto j = parse(m.body_example)) text = j->is_string() ? j->get<std::string>() : j->dump();
          else if (mt && mt->example) text = *mt->example;
          call.setup.push_back("const std::string body = " + raw_literal(text) + ";");
        } else {  // multipart / form: field by field, files as a tiny FilePart
          call.setup.push_back(m.body_type + " body{};");
          std::vector<const spec::Property*> props;
          std::set<std::string> required;
          if (mt) synth.collect(mt->schema.get(), props, required);
          if (const Model* model = find_model(sdk, m.body_type)) {
            for (const auto& f : model->fields) {
              const spec::Property* prop = nullptr;
              for (const auto* p : props)
                if (cpp_string_literal_body(p->name) == f.wire_name) prop = p;
              const Schema* ps = prop ? synth.resolve(prop->schema.get()) : nullptr;
              if (ps && ps->read_only) continue;
              std::string lhs = "body." + f.name;
              if (f.type.find("std::vector<wink::FilePart>") != std::string::npos)
                // Two files: a single part is indistinguishable from a non-array field on the wire.
                call.setup.push_back(lhs + " = std::vector<wink::FilePart>{file_part(\"" + f.wire_name + "\"), file_part(\"" +
                                     f.wire_name + "\")};");
              else if (f.type.find("wink::FilePart") != std::string::npos)
                call.setup.push_back(lhs + " = file_part(\"" + f.wire_name + "\");");
              else {
                Json v = prop ? synth.value(prop->schema.get(), 1) : Json("example");
                if (v.is_null() && !f.required) continue;
                call.setup.push_back(lhs + " = value<decltype(" + lhs + ")>(" + raw_literal(v.dump()) + ");");
              }
            }
          }
        }
        args.push_back("body");
      }
      if (!m.params_struct.empty()) {
        call.setup.push_back(m.params_struct + " params{};");
        for (const auto& p : m.optional) {
          std::string lhs = "params." + p.name;
          call.setup.push_back(lhs + " = value<decltype(" + lhs + ")>(" + param_value(p) + ");");
        }
        args.push_back("params");
      }
      for (std::size_t i = 0; i < args.size(); ++i) call.arguments += (i ? ", " : "") + args[i];
      out.calls.push_back(std::move(call));
    }
  }
  return out;
}

}  // namespace wink::codegen::ir
