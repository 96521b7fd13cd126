#include "ir/api.h"

#include <algorithm>
#include <map>
#include <set>

#include "ir/naming.h"
#include "ir/operation_shape.h"
#include "ir/security.h"
#include "spec/all_of.h"
#include "spec/path_template.h"

namespace wink::codegen::ir {
namespace {

Style style_of(const std::string& style) {
  static const std::map<std::string, Style> kStyles = {
      {"simple", Style::kSimple}, {"label", Style::kLabel}, {"matrix", Style::kMatrix}, {"form", Style::kForm},
      {"spaceDelimited", Style::kSpaceDelimited}, {"pipeDelimited", Style::kPipeDelimited},
      {"deepObject", Style::kDeepObject}};
  auto it = kStyles.find(style);
  return it == kStyles.end() ? Style::kForm : it->second;
}

bool uses_json_values(const Method& m) {
  if ((m.body.kind != BodyKind::None && m.body.type.holds_json()) || m.result.type.holds_json()) return true;
  return std::any_of(m.all_params.begin(), m.all_params.end(), [](const Param& p) { return p.type.holds_json(); });
}

bool idempotent(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS";
}

class ApiBuilder {
 public:
  ApiBuilder(const spec::Document& doc, const BuildOptions& options, SdkNames& names, ModelBuilder& models,
             Diagnostics& diags)
      : doc_(doc), options_(options), names_(names), models_(models), diags_(diags) {
    for (const auto& scheme : doc.security_schemes)
      for (const auto& s : scheme.all_scopes()) declared_.insert(s);
  }

  void build(Sdk& sdk) {
    std::map<std::string, ApiClass> apis;  // by tag
    NameScope constants;
    for (const auto& op : doc_.operations) {
      std::string tag = api_tag(op);
      auto& api = apis[tag];
      if (api.name.empty()) {
        api.name = names_.api_classes.at(tag);
        api.file_stem = file_stem(api.name);
        api.tag = tag;
      }
      Method m = build_method(op, method_scopes_[tag]);
      m.constant = constants.claim("k" + pascal_case(m.name));
      m.scopes = required_scopes(doc_, op, method_name_for(op.operation_id), options_.scope_map, diags_);
      for (const auto& scope : m.scopes)
        if (!declared_.empty() && !declared_.count(scope))
          diags_.warning(op.location, "operation '" + op.operation_id + "' requires scope '" + scope +
                                          "', which no security scheme of the document declares", op.pointer());
      sdk.operations.push_back(scopes_of(m));
      for (const auto& t : used_types_) {
        std::string stem = models_.stem_of(t);
        if (!stem.empty() &&
            std::find(api.include_stems.begin(), api.include_stems.end(), stem) == api.include_stems.end())
          api.include_stems.push_back(stem);
      }
      used_types_.clear();
      api.uses_json_values = api.uses_json_values || uses_json_values(m);
      api.methods.push_back(std::move(m));
    }
    for (auto& [tag, api] : apis) {
      std::sort(api.include_stems.begin(), api.include_stems.end());
      sdk.apis.push_back(std::move(api));
    }
    std::sort(sdk.apis.begin(), sdk.apis.end(), [](const ApiClass& a, const ApiClass& b) { return a.name < b.name; });
    std::sort(sdk.operations.begin(), sdk.operations.end(),
              [](const OperationScopes& a, const OperationScopes& b) { return a.raw_id < b.raw_id; });
  }

 private:
  // A type for a method signature; remembers the models it names (and any it makes) so that the
  // API class includes their headers.
  Type type_for(const spec::Schema& s, const std::string& context) {
    const std::size_t before = models_.models().size();
    return note_models(models_.type_of(s, context, nullptr, false), before);
  }
  Type note_models(Type t, std::size_t made_from) {
    for (auto& name : t.models()) used_types_.insert(std::move(name));
    for (std::size_t i = made_from; i < models_.models().size(); ++i) used_types_.insert(models_.models()[i].name);
    return t;
  }

  Method build_method(const spec::Operation& op, NameScope& method_names) {
    Method m;
    m.op = &op;
    m.name = method_names.claim(safe_identifier(method_name_for(op.operation_id)));
    const std::string pascal = pascal_case(m.name);
    m.operation_id = op.operation_id;
    m.http_method = op.method;
    m.path = op.path;
    m.deprecated = op.deprecated;
    for (const std::string* text : {&op.summary, &op.description})
      if (!text->empty()) m.doc.push_back(*text);

    // Names and types in document order, so that inline models and collision suffixes do not
    // depend on the order of the signature.
    NameScope arg_names;
    for (const char* r : {"body", "params", "options", "request", "path", "query", "raw", "cookies"}) arg_names.reserve(r);
    for (const auto& p : op.parameters)
      if (!is_runtime_header(p)) m.all_params.push_back(build_param(p, arg_names, pascal));
    auto param_of = [&](const spec::Parameter* p) {
      return *std::find_if(m.all_params.begin(), m.all_params.end(), [&](const Param& q) { return q.source == p; });
    };
    for (const spec::Parameter* p : positional_parameters(op)) m.positional.push_back(param_of(p));
    for (const spec::Parameter* p : optional_parameters(op)) m.optional.push_back(param_of(p));
    for (const auto& p : m.all_params) {
      m.has_query = m.has_query || p.in == spec::ParameterIn::Query;
      m.has_cookies = m.has_cookies || p.in == spec::ParameterIn::Cookie;
    }
    m.path_segments = path_segments(op.path, m.all_params);
    build_body(op, pascal, m);
    build_result(op, pascal, m);
    if (!m.optional.empty()) m.params_struct = names_.types.claim(safe_identifier(pascal + "Params"));
    return m;
  }

  Param build_param(const spec::Parameter& p, NameScope& arg_names, const std::string& method_pascal) {
    Param param;
    param.source = &p;
    param.name = arg_names.claim(safe_identifier(camel_case(p.name)));
    param.wire_name = p.name;
    param.required = p.required;
    param.in = p.in;
    param.style = style_of(p.style);
    param.explode = p.explode;
    if (!p.description.empty()) param.doc.push_back(p.description);
    Type t = type_for(*p.schema, method_pascal + pascal_case(p.name));
    param.type = p.required ? std::move(t) : Type::optional(std::move(t));
    return param;
  }

  // Path template -> literal and parameter segments.
  static std::vector<PathSegment> path_segments(const std::string& path, const std::vector<Param>& params) {
    std::vector<PathSegment> out;
    for (const auto& part : spec::split_path_template(path)) {
      PathSegment seg;
      seg.is_literal = !part.is_parameter;
      seg.text = part.text;
      auto arg = std::find_if(params.begin(), params.end(), [&](const Param& p) {
        return p.in == spec::ParameterIn::Path && p.source->name == part.text;
      });
      if (part.is_parameter && arg != params.end()) {
        seg.text = arg->name;
        seg.wire_name = arg->wire_name;
        seg.style = arg->style;
        seg.explode = arg->explode;
      }
      out.push_back(std::move(seg));
    }
    return out;
  }

  void build_body(const spec::Operation& op, const std::string& pascal, Method& m) {
    const BodyShape shape = body_shape(doc_, op);
    if (shape.kind == BodyKind::None) return;
    Body& body = m.body;
    body.kind = shape.kind;
    body.media = shape.media;
    body.required = op.request_body->required;
    const spec::MediaType& mt = *shape.media;
    switch (shape.kind) {
      case BodyKind::Json:
        body.type = mt.schema ? type_for(*mt.schema, pascal + "Request") : Type(Type::Kind::kJson);
        body.content_type = "application/json";
        return;
      case BodyKind::Multipart:
      case BodyKind::Form: {
        const std::size_t before = models_.models().size();
        body.type = note_models(
            models_.form_type(*mt.schema, pascal + "Request", shape.kind == BodyKind::Multipart), before);
        body.content_type = mt.content_type;
        NameScope names;
        for (const spec::Property* p : spec::merge_all_of(doc_, *doc_.resolve(mt.schema.get())).properties)
          body.parts.push_back({names.claim(safe_identifier(camel_case(p->name))), p->name});
        return;
      }
      case BodyKind::Raw:
        body.type = Type(Type::Kind::kString);
        body.content_type = mt.content_type;
        return;
      case BodyKind::None: return;
    }
  }

  void build_result(const spec::Operation& op, const std::string& pascal, Method& m) {
    for (const auto& r : op.responses) {
      int code = std::atoi(r.status.c_str());
      if (code < 400 && r.status != "default") continue;
      const spec::MediaType* mt = json_media(r.content);
      if (!mt || !mt->schema || !mt->schema->is_ref()) continue;
      Type t = type_for(*mt->schema, pascal + "Error");
      if (std::find(m.error_types.begin(), m.error_types.end(), t) == m.error_types.end())
        m.error_types.push_back(std::move(t));
    }
    Result& result = m.result;
    const spec::Response* success = result_response(op);
    if (!success) return;  // wink::Empty
    const spec::MediaType* mt = json_media(success->content);
    if (mt && mt->schema) {
      result.kind = Result::Kind::Json;
      result.type = type_for(*mt->schema, pascal + "Response");
      // Only `*/*` declared (Spring's default): JSON preferred, anything accepted, as declared.
      if (mt->content_type == "*/*" && success->content.size() == 1) result.accept = "application/json, */*;q=0.8";
      return;
    }
    result.kind = Result::Kind::Text;
    result.type = Type(Type::Kind::kString);
    // The runtime asks for application/json by default; a text result asks for what it is.
    for (const auto& c : success->content)
      result.accept += (result.accept.empty() ? "" : ", ") + c.content_type;
  }

  static OperationScopes scopes_of(const Method& m) {
    OperationScopes s;
    s.raw_id = m.op->operation_id;
    s.constant = m.constant;
    s.operation_id = m.operation_id;
    s.http_method = m.http_method;
    s.path = m.path;
    s.raw_path = m.op->path;
    s.scopes = m.scopes;
    s.scope_array = m.scopes.empty() ? "" : m.constant + "Scopes";
    s.idempotent = idempotent(m.op->method);
    return s;
  }

  const spec::Document& doc_;
  const BuildOptions& options_;
  SdkNames& names_;
  ModelBuilder& models_;
  Diagnostics& diags_;
  std::map<std::string, NameScope> method_scopes_;  // by tag
  std::set<std::string> declared_;  // scopes the document's security schemes declare
  std::set<std::string> used_types_;
};

}  // namespace

void build_apis(const spec::Document& doc, const BuildOptions& options, SdkNames& names, ModelBuilder& models,
                Sdk& sdk, Diagnostics& diags) {
  ApiBuilder(doc, options, names, models, diags).build(sdk);
}

}  // namespace wink::codegen::ir
