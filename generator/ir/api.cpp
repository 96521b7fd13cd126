// Operations -> API classes (one per tag) with typed methods.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <set>

#include "ir/build.h"
#include "ir/model.h"
#include "ir/naming.h"
#include "ir/security.h"
#include "spec/path_template.h"

namespace wink::codegen::ir {
namespace {

bool iequal(const std::string& a, const char* b) {
  std::string x = a, y = b;
  for (auto& c : x) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto& c : y) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return x == y;
}

// Headers the runtime sets on every call; Wink declares some of them on every operation.
bool runtime_header(const std::string& name) {
  for (const char* h : {"Wink-Version", "Accept", "Content-Type", "Authorization", "User-Agent"})
    if (iequal(name, h)) return true;
  return false;
}

std::string style_enumerator(const std::string& style) {
  static const std::map<std::string, std::string> kStyles = {
      {"simple", "kSimple"}, {"label", "kLabel"}, {"matrix", "kMatrix"}, {"form", "kForm"},
      {"spaceDelimited", "kSpaceDelimited"}, {"pipeDelimited", "kPipeDelimited"}, {"deepObject", "kDeepObject"}};
  auto it = kStyles.find(style);
  return "wink::url::Style::" + (it == kStyles.end() ? std::string("kForm") : it->second);
}

// Parenthesises a type for MOCK_METHOD when it contains a top-level comma.
std::string mock_type(const std::string& t) { return t.find(',') != std::string::npos ? "(" + t + ")" : t; }

bool uses_json_values(const Method& m) {
  if (holds_json(m.body_type) || holds_json(m.result_type)) return true;
  for (const auto& p : m.all_params)
    if (holds_json(p.type)) return true;
  for (const auto& f : m.body_fields)
    if (holds_json(f.type)) return true;
  return false;
}

class ApiBuilder {
 public:
  ApiBuilder(const spec::Document& doc, const BuildOptions& options, ModelBuilder& models, NameScope& type_names,
             Diagnostics& diags)
      : doc_(doc), options_(options), models_(models), type_names_(type_names), diags_(diags) {
    for (const auto& scheme : doc.security_schemes)
      for (const auto& s : scheme.all_scopes()) declared_.insert(s);
  }

  void build(Sdk& sdk) {
    std::map<std::string, ApiClass> apis;  // by tag
    std::map<std::string, std::string> api_names;
    NameScope constants;
    for (const auto& op : doc_.operations) {
      std::string tag = op.tags.empty() ? "Default" : op.tags.front();
      auto& api = apis[tag];
      if (api.name.empty()) {
        api.name = type_names_.claim(safe_identifier(pascal_case(tag) + "Api"));
        api.file_stem = file_stem(api.name);
        api.tag = cpp_string_literal_body(tag);
      }
      NameScope& method_names = method_scopes_[tag];
      Method m = build_method(op, method_names);
      m.constant = constants.claim("k" + pascal_case(m.name));
      m.scopes = required_scopes(doc_, op, method_name_for(op.operation_id), options_.scope_map, diags_);
      for (const auto& scope : m.scopes)
        if (!declared_.empty() && !declared_.count(scope))
          diags_.warning(op.location, "operation '" + op.operation_id + "' requires scope '" + scope +
                                          "', which no security scheme of the document declares", op.pointer());
      OperationScopes s;
      s.raw_id = op.operation_id;
      s.constant = m.constant;
      s.operation_id = m.operation_id;
      s.http_method = m.http_method;
      s.path = m.path;
      s.raw_path = op.path;
      s.scopes = m.scopes;
      s.scope_array = m.scopes.empty() ? "" : m.constant + "Scopes";
      s.idempotent = op.method == "GET" || op.method == "HEAD" || op.method == "PUT" || op.method == "DELETE" ||
                     op.method == "OPTIONS";
      sdk.operations.push_back(std::move(s));
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
  // A type for a method signature; remembers the models it names so the API includes them.
  std::string type_for(const spec::Schema& s, const std::string& context, bool files = false) {
    std::size_t before = models_.models().size();
    Model probe;
    probe.name = "__probe";
    std::string t = models_.type_of(s, context, &probe, false, files);
    for (const auto& u : probe.uses) used_types_.insert(u);
    for (std::size_t i = before; i < models_.models().size(); ++i) used_types_.insert(models_.models()[i].name);
    return t;
  }

  Method build_method(const spec::Operation& op, NameScope& method_names) {
    Method m;
    std::string base = method_name_for(op.operation_id);
    m.name = method_names.claim(safe_identifier(base));
    std::string pascal = pascal_case(m.name);
    m.operation_id = cpp_string_literal_body(op.operation_id);
    m.http_method = op.method;
    m.path = cpp_string_literal_body(op.path);
    m.deprecated = op.deprecated;
    m.doc = comment_lines(op.summary);
    for (auto& l : comment_lines(op.description)) m.doc.push_back(l);

    NameScope arg_names;
    for (const char* r : {"body", "params", "options", "request", "path", "query", "raw", "cookies"}) arg_names.reserve(r);
    std::map<std::string, const Param*> path_arg;  // wire name -> parameter
    for (const auto& p : op.parameters) {
      if (p.in == spec::ParameterIn::Header && runtime_header(p.name)) continue;
      Param param;
      param.name = arg_names.claim(safe_identifier(camel_case(p.name)));
      param.wire_name = cpp_string_literal_body(p.name);
      param.raw_name = p.name;
      param.required = p.required;
      param.in_path = p.in == spec::ParameterIn::Path;
      param.in_query = p.in == spec::ParameterIn::Query;
      param.in_header = p.in == spec::ParameterIn::Header;
      param.in_cookie = p.in == spec::ParameterIn::Cookie;
      param.explode = p.explode;
      param.style = style_enumerator(p.style);
      param.access = p.required ? param.name : "params." + param.name;
      param.doc = comment_lines(p.description);
      param.example = p.example;
      if (!param.example && !p.schema->examples.empty()) param.example = p.schema->examples.front();
      std::string t = type_for(*p.schema, pascal + pascal_case(p.name));
      param.type = p.required ? t : "std::optional<" + t + ">";
      bool scalar = param.type == "bool" || param.type == "std::int32_t" || param.type == "std::int64_t" ||
                    param.type == "float" || param.type == "double";
      param.arg_type = scalar ? param.type : "const " + param.type + "&";
      m.has_query = m.has_query || param.in_query;
      m.has_cookies = m.has_cookies || param.in_cookie;
      m.all_params.push_back(param);
      (p.required ? m.positional : m.optional).push_back(std::move(param));
    }
    // Path template -> literal and parameter segments.
    for (const auto& p : m.all_params)
      if (p.in_path) path_arg[p.raw_name] = &p;
    for (const auto& part : spec::split_path_template(op.path)) {
      PathSegment seg;
      seg.is_literal = !part.is_parameter;
      seg.text = cpp_string_literal_body(part.text);
      if (auto it = path_arg.find(part.text); part.is_parameter && it != path_arg.end()) {
        seg.text = it->second->name;
        seg.wire_name = it->second->wire_name;
        seg.style = it->second->style;
        seg.explode = it->second->explode;
      }
      m.path_segments.push_back(std::move(seg));
    }

    build_body(op, pascal, m);
    build_result(op, pascal, m);

    if (!m.optional.empty()) m.params_struct = type_names_.claim(safe_identifier(pascal + "Params"));
    // Signatures.
    std::vector<std::string> decl, def, mock;
    for (const auto& p : m.positional) {
      decl.push_back(p.arg_type + " " + p.name);
      mock.push_back(mock_type(p.arg_type));
    }
    if (m.body_kind != BodyKind::None) {
      std::string t = m.body_required ? "const " + m.body_type + "&" : "const std::optional<" + m.body_type + ">&";
      decl.push_back(t + " body");
      mock.push_back(mock_type(t));
    }
    def = decl;
    if (m.body_kind != BodyKind::None && !m.body_required) decl.back() += " = std::nullopt";
    if (!m.params_struct.empty()) {
      decl.push_back("const " + m.params_struct + "& params = {}");
      def.push_back("const " + m.params_struct + "& params");
      mock.push_back("const " + m.params_struct + "&");
    }
    decl.push_back("const wink::CallOptions& options = {}");
    def.push_back("const wink::CallOptions& options");
    mock.push_back("const wink::CallOptions&");
    auto join = [](const std::vector<std::string>& v) {
      std::string out;
      for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
      return out;
    };
    m.signature_args = join(decl);
    m.definition_args = join(def);
    m.mock_args = "(" + join(mock) + ")";
    m.mock_return = mock_type("wink::Response<" + m.result_type + ">");
    return m;
  }

  void build_body(const spec::Operation& op, const std::string& pascal, Method& m) {
    if (!op.request_body || op.request_body->content.empty()) return;
    const auto& content = op.request_body->content;
    auto pick = [&](auto pred) -> const spec::MediaType* {
      for (const auto& mt : content)
        if (pred(mt.content_type)) return &mt;
      return nullptr;
    };
    const spec::MediaType* mt = pick(spec::is_json_media);
    m.body_required = op.request_body->required;
    if (mt) {
      m.body_kind = BodyKind::Json;
      m.body_type = mt->schema ? type_for(*mt->schema, pascal + "Request") : "nlohmann::json";
      m.body_content_type = "application/json";
      m.body_example = mt->example;
      if (!m.body_example && mt->schema && !mt->schema->examples.empty()) m.body_example = mt->schema->examples.front();
      return;
    }
    mt = pick([](const std::string& ct) { return ct.rfind("multipart/", 0) == 0; });
    BodyKind kind = BodyKind::Multipart;
    if (!mt) {
      mt = pick([](const std::string& ct) { return ct == "application/x-www-form-urlencoded"; });
      kind = BodyKind::Form;
    }
    if (mt && mt->schema) {
      const spec::Schema* obj = models_.resolve(*mt->schema);
      if (obj && models_.has_merged_properties(*obj)) {
        m.body_kind = kind;
        m.body_type = type_for(*mt->schema, pascal + "Request", kind == BodyKind::Multipart);
        m.body_content_type = cpp_string_literal_body(mt->content_type);
        NameScope names;
        auto required = models_.merged_required(*obj);
        for (const spec::Property* p : models_.merged_properties(*obj)) {
          Field f;
          f.name = names.claim(safe_identifier(camel_case(p->name)));
          f.wire_name = cpp_string_literal_body(p->name);
          m.body_fields.push_back(std::move(f));
        }
        // The request struct was just created in a files context: it is not a JSON model.
        for (auto& model : models_.models())
          if (model.name == m.body_type) form_models_.insert(model.name);
        return;
      }
    }
    // Anything else: raw bytes with the declared content type.
    m.body_kind = BodyKind::Raw;
    m.body_type = "std::string";
    m.body_content_type = cpp_string_literal_body(content.front().content_type);
  }

  void build_result(const spec::Operation& op, const std::string& pascal, Method& m) {
    const spec::Response* success = nullptr;
    int best = 1000;
    for (const auto& r : op.responses) {
      int code = r.status == "2XX" || r.status == "2xx" ? 299 : std::atoi(r.status.c_str());
      if (code >= 200 && code < 300 && code < best) {
        best = code;
        success = &r;
      }
      if ((code >= 400 || r.status == "default") && !r.content.empty()) {
        for (const auto& mt : r.content)
          if (spec::is_json_media(mt.content_type) && mt.schema && mt.schema->is_ref()) {
            std::string t = type_for(*mt.schema, pascal + "Error");
            if (std::find(m.error_types.begin(), m.error_types.end(), t) == m.error_types.end())
              m.error_types.push_back(t);
            break;
          }
      }
    }
    m.result_type = "wink::Empty";
    m.finish = "wink::detail::finish_empty";
    if (!success || success->content.empty() || best == 204) return;
    for (const auto& mt : success->content)
      if (spec::is_json_media(mt.content_type) && mt.schema) {
        m.result_type = type_for(*mt.schema, pascal + "Response");
        m.finish = "wink::detail::finish_json<" + m.result_type + ">";
        // Only `*/*` declared (Spring's default): JSON preferred, anything accepted, as declared.
        if (mt.content_type == "*/*" && success->content.size() == 1) m.accept = "application/json, */*;q=0.8";
        return;
      }
    m.result_type = "std::string";
    m.finish = "wink::detail::finish_text";
    // The runtime asks for application/json by default; a text result asks for what it is.
    for (const auto& mt : success->content)
      m.accept += (m.accept.empty() ? "" : ", ") + cpp_string_literal_body(mt.content_type);
  }

 public:
  std::set<std::string> form_models_;

 private:
  const spec::Document& doc_;
  const BuildOptions& options_;
  ModelBuilder& models_;
  NameScope& type_names_;
  Diagnostics& diags_;
  std::map<std::string, NameScope> method_scopes_;
  std::set<std::string> declared_;  // scopes the document's security schemes declare
  std::set<std::string> used_types_;
};

// Model name -> the model and its group's stem.
using ModelIndex = std::map<std::string, std::pair<const Model*, const std::string*>>;

struct OwnedResult {
  std::string type;         // with the SDK's model names qualified
  const std::string* stem;  // the group of those models
};

// A result type naming models of one group, qualified (`std::vector<Room>` ->
// `std::vector<wink::sdk::Room>`); nullopt when it names no model, models of several groups, a
// model without a JSON codec, or an alias (another spelling of a type that may be instantiated
// elsewhere): those stay instantiated where they are used.
std::optional<OwnedResult> owned_result(const std::string& type, const std::string& ns, const ModelIndex& models) {
  auto ident = [&](std::size_t k) { return std::isalnum(static_cast<unsigned char>(type[k])) || type[k] == '_'; };
  OwnedResult out{"", nullptr};
  for (std::size_t i = 0, end; i < type.size(); i = end) {
    if (!ident(i)) {
      out.type += type[i];
      end = i + 1;
      continue;
    }
    for (end = i; end < type.size() && ident(end); ++end) {
    }
    std::string name = type.substr(i, end - i);
    bool after_scope = i >= 2 && type.compare(i - 2, 2, "::") == 0;  // std::string, wink::EnumValue
    auto it = after_scope ? models.end() : models.find(name);
    if (it != models.end()) {
      const auto& [m, stem] = it->second;
      if (m->kind == Model::Kind::Alias || !m->json_codec || (out.stem && *out.stem != *stem)) return std::nullopt;
      out.stem = stem;
      out.type += ns + "::";
    }
    out.type += name;
  }
  if (!out.stem) return std::nullopt;
  return out;
}

// Gives each group the JSON operation results naming its models (see ModelGroup::result_types).
void assign_result_types(Sdk& sdk) {
  ModelIndex models;
  for (const auto& g : sdk.groups)
    for (const Model* m : g.models) models[m->name] = {m, &g.file_stem};
  std::map<std::string, std::set<std::string>> by_stem;
  for (const auto& api : sdk.apis)
    for (const auto& method : api.methods)
      if (method.finish.rfind("wink::detail::finish_json<", 0) == 0)
        if (auto owned = owned_result(method.result_type, sdk.namespace_name, models))
          by_stem[*owned->stem].insert(std::move(owned->type));
  for (auto& g : sdk.groups) {
    auto it = by_stem.find(g.file_stem);
    if (it != by_stem.end()) g.result_types.assign(it->second.begin(), it->second.end());
  }
}

}  // namespace

std::string method_name_for(const std::string& operation_id) { return camel_case(operation_id); }

std::optional<Sdk> build_sdk(const spec::Document& doc, const BuildOptions& options, Diagnostics& diags) {
  Sdk sdk;
  sdk.namespace_name = options.namespace_name;
  sdk.include_prefix = options.namespace_name;
  for (std::size_t p; (p = sdk.include_prefix.find("::")) != std::string::npos;) sdk.include_prefix.replace(p, 2, "/");
  sdk.title = cpp_string_literal_body(doc.title);
  sdk.spec_version = cpp_string_literal_body(doc.version);
  sdk.openapi_version = doc.openapi_version;
  if (!doc.servers.empty()) sdk.server_url = cpp_string_literal_body(doc.servers.front().url);
  std::set<std::string> declared;
  for (const auto& scheme : doc.security_schemes) {
    for (const auto& s : scheme.all_scopes()) declared.insert(s);
    if (scheme.client_credentials && sdk.token_url.empty())
      sdk.token_url = cpp_string_literal_body(scheme.client_credentials->token_url);
  }
  sdk.declared_scopes.assign(declared.begin(), declared.end());

  NameScope type_names;
  for (const char* r : {"Client", "Response", "Error", "Json"}) type_names.reserve(r);
  ModelBuilder models(doc, type_names, diags);
  models.build_components();
  ApiBuilder apis(doc, options, models, type_names, diags);
  apis.build(sdk);
  sdk.groups = models.finish();
  // The models move into the SDK; groups point into the builder's deque, so re-point them
  // by position.
  std::map<const Model*, std::size_t> position;
  auto& built = models.models();
  for (std::size_t i = 0; i < built.size(); ++i) position[&built[i]] = i;
  sdk.models.reserve(built.size());
  for (auto& m : built) {
    if (apis.form_models_.count(m.name)) m.json_codec = false;
    sdk.models.push_back(std::move(m));
  }
  for (auto& g : sdk.groups)
    for (auto& m : g.models) m = &sdk.models[position.at(m)];
  assign_result_types(sdk);
  sdk.model_sources = plan_model_sources(sdk.groups);
  if (diags.has_errors()) return std::nullopt;
  return sdk;
}

}  // namespace wink::codegen::ir
