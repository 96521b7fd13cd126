// Node tree -> validated Document. Reports every problem with its location and keeps going, so
// one run shows all errors. Component schemas stay references (by name); other $refs are inlined.
#include "spec/parse.h"

#include "load/json_value.h"
#include "spec/path_template.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace wink::codegen::spec {
namespace {

using load::Node;

// The byte offset of the first C0 control, DEL or C1 control (U+0080..U+009F) in `text`, or npos.
std::size_t first_control_character(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0) return i;
  }
  return std::string::npos;
}

// A node plus where it lives: its file (for relative $refs) and, when the node is absent, the
// object it is missing from and its name. The JSON pointer for messages is computed from the
// tree only when asked for: most nodes are visited and never reported.
struct At {
  const Node* node = nullptr;
  const std::string* file = nullptr;
  const Node* parent = nullptr;       // when `node` is null: the object it would be in
  const char* missing_key = nullptr;  // when `node` is null: its name (a string literal), if known

  // `key` must be a string literal (kept, unowned, for the pointer of an absent member).
  At child(const char* key) const {
    if (!node) return *this;  // still points at the first absent member
    if (const Node* n = node->find(key)) return {n, file};
    return {nullptr, file, node, key};
  }
  At item(const Node& n) const { return {&n, file}; }
  At member(const Node::Member& m) const { return {&m.second, file}; }
  std::string pointer() const {
    if (node) return load::pointer_of(*node);
    if (!parent) return {};
    std::string p = load::pointer_of(*parent);
    if (missing_key) p += "/" + load::escape_pointer_token(missing_key);
    return p;
  }
  explicit operator bool() const { return node != nullptr; }
};

const std::set<std::string> kMethods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Parser {
 public:
  Parser(load::Loader& loader, Diagnostics& diags) : loader_(loader), diags_(diags) {}

  std::optional<Document> run(const Node& root) {
    Document doc;
    doc.file = loader_.root_file();
    doc.location = root.location;
    At at{&root, loader_.intern_file_name(loader_.root_file())};
    if (!expect(at, Node::Kind::Object, "an OpenAPI document (object)")) return std::nullopt;
    if (!parse_version(at, doc)) return std::nullopt;
    parse_info(at, doc);
    for (const auto& s : string_list_objects(at.child("servers"), "url")) doc.servers.push_back({s, {}});
    parse_components(at.child("components"), doc);
    if (auto sec = at.child("security")) doc.security = parse_security(sec);
    if (!at.node->find("paths") && !doc.is_3_1) error(at, "missing required field 'paths' (required in OpenAPI 3.0)");
    parse_paths(at.child("paths"), doc);
    // External component schemas discovered while parsing.
    while (!pending_.empty()) {
      auto [name, target] = pending_.front();
      pending_.erase(pending_.begin());
      doc.schemas.emplace_back(name, parse_schema(target));
    }
    check_ref_cycles(doc);
    check_operation_ids(doc);
    if (!diags_.has_errors()) check_container_depth(doc);
    if (diags_.has_errors()) return std::nullopt;
    return doc;
  }

 private:
  // ---- helpers -------------------------------------------------------------------------------
  void error(const At& at, const std::string& msg) {
    diags_.error(at.node ? at.node->location : SourceLocation{}, msg, at.pointer());
  }
  void warn(const At& at, const std::string& msg) {
    diags_.warning(at.node ? at.node->location : SourceLocation{}, msg, at.pointer());
  }
  bool expect(const At& at, Node::Kind kind, const char* what) {
    if (!at) return false;
    bool ok = at.node->kind == kind || (kind == Node::Kind::Number && at.node->is_number());
    if (!ok) error(at, std::string("expected ") + what + ", got " + std::string(at.node->kind_name()));
    return ok;
  }
  // Names (of properties, parameters, operations, ...) become C++ literals and go on the wire: a
  // control character in one is refused where it is written (NUL would cut the name short in
  // C strings; the others make names that look alike but differ). False when refused.
  bool name_ok(const At& at, const std::string& name, const char* what) {
    std::size_t at_byte = first_control_character(name);
    if (at_byte == std::string::npos) return true;
    error(at, std::string(what) + " '" + name + "' holds a control character at byte " + std::to_string(at_byte + 1));
    return false;
  }
  std::string name_of(const At& at, const char* what) {
    std::string name = string_of(at, what);
    return at && name_ok(at, name, what) ? name : std::string();
  }
  std::string string_of(const At& at, const char* what) {
    if (!at) return {};
    if (!at.node->is_string()) {
      error(at, std::string("expected ") + what + " (string), got " + std::string(at.node->kind_name()));
      return {};
    }
    return at.node->text;
  }
  bool bool_of(const At& at, bool fallback) {
    if (!at) return fallback;
    if (!at.node->is_bool()) {
      error(at, "expected boolean, got " + std::string(at.node->kind_name()));
      return fallback;
    }
    return at.node->boolean;
  }
  std::vector<std::string> string_list_objects(const At& at, const char* key) {
    std::vector<std::string> out;
    if (!at || !expect(at, Node::Kind::Array, "an array")) return out;
    for (std::size_t i = 0; i < at.node->items.size(); ++i) {
      At it = at.item(at.node->items[i]);
      if (expect(it, Node::Kind::Object, "an object")) {
        auto v = string_of(it.child(key), key);
        if (!v.empty()) out.push_back(v);
      }
    }
    return out;
  }

  // Follows `$ref` chains of non-schema objects (parameters, responses, ...).
  At deref(At at) {
    std::set<std::string> seen;
    while (at && at.node->is_object()) {
      const Node* ref = at.node->find("$ref");
      if (!ref) break;
      At ref_at = at.child("$ref");
      if (!ref->is_string()) {
        error(ref_at, "expected $ref to be a string");
        return {nullptr, at.file, at.node};
      }
      auto target = loader_.resolve(ref->text, *at.file, ref->location);
      if (!target.node) return {nullptr, at.file, at.node};
      if (!seen.insert(target.file + "#" + target.pointer).second) {
        error(ref_at, "$ref cycle through '" + ref->text + "'");
        return {nullptr, at.file, at.node};
      }
      at = {target.node, loader_.intern_file_name(target.file)};
    }
    return at;
  }

  // ---- top level -----------------------------------------------------------------------------
  bool parse_version(const At& at, Document& doc) {
    if (at.node->find("swagger")) {
      error(at.child("swagger"), "Swagger 2.0 documents are not supported; convert to OpenAPI 3.x (openapi: 3.0.x or 3.1.x)");
      return false;
    }
    At v = at.child("openapi");
    if (!v) {
      error(at, "missing required field 'openapi' (expected \"3.0.x\" or \"3.1.x\")");
      return false;
    }
    if (!v.node->is_string()) {
      error(v, "expected 'openapi' to be a version string such as \"3.1.0\", got " + std::string(v.node->kind_name()));
      return false;
    }
    doc.openapi_version = v.node->text;
    if (doc.openapi_version.rfind("3.0", 0) == 0) {
      doc.is_3_1 = false;
    } else if (doc.openapi_version.rfind("3.1", 0) == 0) {
      doc.is_3_1 = true;
    } else {
      error(v, "unsupported openapi version '" + doc.openapi_version + "' (expected 3.0.x or 3.1.x)");
      return false;
    }
    return true;
  }

  void parse_info(const At& at, Document& doc) {
    At info = at.child("info");
    if (!info) {
      error(at, "missing required field 'info'");
      return;
    }
    if (!expect(info, Node::Kind::Object, "'info' to be an object")) return;
    doc.title = string_of(info.child("title"), "info.title");
    doc.version = string_of(info.child("version"), "info.version");
    doc.description = string_of(info.child("description"), "info.description");
    if (!info.node->find("title")) error(info, "missing required field 'info.title'");
    if (!info.node->find("version")) error(info, "missing required field 'info.version'");
  }

  void parse_components(const At& at, Document& doc) {
    if (!at || !expect(at, Node::Kind::Object, "'components' to be an object")) return;
    At schemas = at.child("schemas");
    if (schemas && expect(schemas, Node::Kind::Object, "'components.schemas' to be an object")) {
      // Register every name first so that refs between components resolve by name.
      for (const auto& m : schemas.node->members) {
        At s = schemas.member(m);
        name_ok(s, m.first, "schema name");
        component_names_[s.node] = m.first;
        used_names_.insert(m.first);
      }
      for (const auto& m : schemas.node->members) doc.schemas.emplace_back(m.first, parse_schema(schemas.member(m)));
    }
    At schemes = at.child("securitySchemes");
    if (schemes && expect(schemes, Node::Kind::Object, "'components.securitySchemes' to be an object"))
      for (const auto& m : schemes.node->members)
        if (auto s = parse_security_scheme(m.first, deref(schemes.member(m)))) doc.security_schemes.push_back(*s);
  }

  std::optional<SecurityScheme> parse_security_scheme(const std::string& name, const At& at) {
    if (!at || !expect(at, Node::Kind::Object, "a security scheme object")) return std::nullopt;
    SecurityScheme s;
    s.location = at.node->location;
    s.name = name;
    s.type = string_of(at.child("type"), "security scheme type");
    s.description = string_of(at.child("description"), "description");
    static const std::set<std::string> kTypes = {"apiKey", "http", "mutualTLS", "oauth2", "openIdConnect"};
    if (!at.node->find("type")) error(at, "security scheme '" + name + "' is missing 'type'");
    else if (!s.type.empty() && !kTypes.count(s.type))
      error(at.child("type"), "unknown security scheme type '" + s.type + "' (expected apiKey, http, mutualTLS, oauth2 or openIdConnect)");
    At flows = at.child("flows");
    if (flows && expect(flows, Node::Kind::Object, "'flows' to be an object")) {
      s.client_credentials = parse_flow(flows.child("clientCredentials"));
      s.authorization_code = parse_flow(flows.child("authorizationCode"));
      s.implicit = parse_flow(flows.child("implicit"));
      s.password = parse_flow(flows.child("password"));
    }
    return s;
  }

  std::optional<OAuthFlow> parse_flow(const At& at) {
    if (!at || !expect(at, Node::Kind::Object, "an OAuth flow object")) return std::nullopt;
    OAuthFlow f;
    f.authorization_url = string_of(at.child("authorizationUrl"), "authorizationUrl");
    f.token_url = string_of(at.child("tokenUrl"), "tokenUrl");
    f.refresh_url = string_of(at.child("refreshUrl"), "refreshUrl");
    At scopes = at.child("scopes");
    if (scopes && expect(scopes, Node::Kind::Object, "'scopes' to be an object"))
      for (const auto& m : scopes.node->members)
        if (scope_ok(scopes.member(m), m.first))
          f.scopes.emplace_back(m.first, m.second.is_string() ? m.second.text : std::string());
    return f;
  }

  // Scopes reach the SDK's string literals and comments: OAuth scope tokens only.
  bool scope_ok(const At& at, const std::string& scope) {
    if (is_scope_token(scope)) return true;
    error(at, "'" + scope + "' is not an OAuth scope (" + kScopeTokenRule + ")");
    return false;
  }

  std::vector<SecurityRequirement> parse_security(const At& at) {
    std::vector<SecurityRequirement> out;
    if (!expect(at, Node::Kind::Array, "'security' to be an array")) return out;
    for (std::size_t i = 0; i < at.node->items.size(); ++i) {
      At req = at.item(at.node->items[i]);
      if (!expect(req, Node::Kind::Object, "a security requirement object")) continue;
      SecurityRequirement r;
      r.location = req.node->location;
      for (const auto& m : req.node->members) {
        At scopes = req.member(m);
        std::vector<std::string> list;
        if (expect(scopes, Node::Kind::Array, "a list of scopes"))
          for (std::size_t k = 0; k < scopes.node->items.size(); ++k) {
            At scope = scopes.item(scopes.node->items[k]);
            std::string name = string_of(scope, "scope");
            if (scope.node->is_string() && scope_ok(scope, name)) list.push_back(std::move(name));
          }
        r.schemes.emplace_back(m.first, std::move(list));
      }
      out.push_back(std::move(r));
    }
    return out;
  }

  // ---- paths and operations ------------------------------------------------------------------
  void parse_paths(const At& at, Document& doc) {
    if (!at || !expect(at, Node::Kind::Object, "'paths' to be an object")) return;
    for (const auto& m : at.node->members) {
      At item = at.member(m);
      if (m.first.rfind("x-", 0) == 0) continue;
      if (m.first.empty() || m.first[0] != '/') {
        error(item, "path '" + m.first + "' must start with '/'");
        continue;
      }
      if (!name_ok(item, m.first, "path")) continue;
      if (!path_template_ok(item, m.first)) continue;
      item = deref(item);
      if (!item || !expect(item, Node::Kind::Object, "a path item object")) continue;
      std::vector<Parameter> shared = parse_parameters(item.child("parameters"));
      for (const auto& om : item.node->members) {
        if (!kMethods.count(om.first)) continue;
        At op_at = item.member(om);
        if (!expect(op_at, Node::Kind::Object, "an operation object")) continue;
        doc.operations.push_back(parse_operation(op_at, om.first, m.first, shared));
      }
    }
  }

  Operation parse_operation(const At& at, const std::string& method, const std::string& path,
                            const std::vector<Parameter>& shared) {
    Operation op;
    op.location = at.node->location;
    op.node = at.node;
    op.method = upper(method);
    op.path = path;
    op.operation_id = name_of(at.child("operationId"), "operationId");
    if (op.operation_id.empty()) {
      if (At id = at.child("operationId"); id && id.node->is_string())
        warn(id, "empty operationId: the method is named from '" + method + " " + path + "' instead");
      op.operation_id_synthesised = true;
      op.operation_id = method + " " + path;  // named by the IR's word splitter
    }
    if (At tags = at.child("tags"); tags && expect(tags, Node::Kind::Array, "'tags' to be an array"))
      for (std::size_t i = 0; i < tags.node->items.size(); ++i)
        op.tags.push_back(name_of(tags.item(tags.node->items[i]), "tag"));
    op.summary = string_of(at.child("summary"), "summary");
    op.description = string_of(at.child("description"), "description");
    op.deprecated = bool_of(at.child("deprecated"), false);
    // Operation parameters override path-item ones with the same name and location.
    op.parameters = shared;
    for (auto& p : parse_parameters(at.child("parameters"))) {
      auto same = std::find_if(op.parameters.begin(), op.parameters.end(),
                               [&](const Parameter& q) { return q.name == p.name && q.in == p.in; });
      if (same != op.parameters.end()) *same = std::move(p);
      else op.parameters.push_back(std::move(p));
    }
    check_path_parameters(at, op);
    if (At body = at.child("requestBody")) op.request_body = parse_request_body(deref(body));
    At responses = at.child("responses");
    if (!responses) {
      error(at, "operation '" + op.operation_id + "' is missing required field 'responses'");
    } else if (expect(responses, Node::Kind::Object, "'responses' to be an object")) {
      for (const auto& m : responses.node->members) {
        if (m.first.rfind("x-", 0) == 0) continue;
        At r = deref(responses.member(m));
        if (!r || !expect(r, Node::Kind::Object, "a response object")) continue;
        Response resp;
        resp.location = r.node->location;
        resp.status = m.first;
        resp.description = string_of(r.child("description"), "description");
        resp.content = parse_content(r.child("content"));
        resp.headers = parse_headers(r.child("headers"));
        op.responses.push_back(std::move(resp));
      }
    }
    if (At sec = at.child("security")) op.security = parse_security(sec);
    return op;
  }

  // Braces pair up, do not nest, enclose a name, and no name appears twice: otherwise the
  // template would be split differently from what the document's author meant.
  bool path_template_ok(const At& at, const std::string& path) {
    std::set<std::string> names;
    std::size_t open = std::string::npos;
    for (std::size_t i = 0; i < path.size(); ++i) {
      if (path[i] == '{') {
        if (open != std::string::npos) {
          error(at, "path '" + path + "' has a '{' inside a path template parameter");
          return false;
        }
        open = i;
      } else if (path[i] == '}') {
        if (open == std::string::npos) {
          error(at, "path '" + path + "' has a '}' without a matching '{'");
          return false;
        }
        const std::string name = path.substr(open + 1, i - open - 1);
        if (name.empty()) {
          error(at, "path '" + path + "' has an empty path template parameter '{}'");
          return false;
        }
        if (!names.insert(name).second) {
          error(at, "path '" + path + "' uses the path template parameter {" + name + "} twice");
          return false;
        }
        open = std::string::npos;
      }
    }
    if (open != std::string::npos) {
      error(at, "path '" + path + "' has a '{' without a matching '}'");
      return false;
    }
    return true;
  }

  void check_path_parameters(const At& at, const Operation& op) {
    std::set<std::string> in_template;
    for (const auto& part : split_path_template(op.path))
      if (part.is_parameter) in_template.insert(part.text);
    for (const auto& name : in_template) {
      bool declared = std::any_of(op.parameters.begin(), op.parameters.end(), [&](const Parameter& p) {
        return p.in == ParameterIn::Path && p.name == name;
      });
      if (!declared)
        error(at, "path '" + op.path + "' uses {" + name + "} but operation '" + op.operation_id +
                      "' declares no path parameter '" + name + "'");
    }
    for (const auto& p : op.parameters)
      if (p.in == ParameterIn::Path && !in_template.count(p.name))
        diags_.error(p.location, "path parameter '" + p.name + "' does not appear in path '" + op.path + "'",
                     p.pointer());
  }

  std::vector<Parameter> parse_parameters(const At& at) {
    std::vector<Parameter> out;
    if (!at || !expect(at, Node::Kind::Array, "'parameters' to be an array")) return out;
    for (std::size_t i = 0; i < at.node->items.size(); ++i) {
      At p = deref(at.item(at.node->items[i]));
      if (!p || !expect(p, Node::Kind::Object, "a parameter object")) continue;
      Parameter param;
      param.location = p.node->location;
      param.node = p.node;
      param.name = name_of(p.child("name"), "parameter name");
      if (!p.node->find("name")) error(p, "parameter is missing required field 'name'");
      std::string in = string_of(p.child("in"), "parameter location");
      if (in == "path") param.in = ParameterIn::Path;
      else if (in == "query") param.in = ParameterIn::Query;
      else if (in == "header") param.in = ParameterIn::Header;
      else if (in == "cookie") param.in = ParameterIn::Cookie;
      else {
        error(p.node->find("in") ? p.child("in") : p,
              "parameter '" + param.name + "': 'in' must be path, query, header or cookie" +
                  (in.empty() ? std::string() : ", got '" + in + "'"));
        continue;
      }
      param.required = bool_of(p.child("required"), false);
      if (param.in == ParameterIn::Path && !param.required) {
        warn(p, "path parameter '" + param.name + "' is not marked required; treating it as required");
        param.required = true;
      }
      param.deprecated = bool_of(p.child("deprecated"), false);
      param.description = string_of(p.child("description"), "description");
      bool form = param.in == ParameterIn::Query || param.in == ParameterIn::Cookie;
      param.style = p.node->find("style") ? string_of(p.child("style"), "style") : (form ? "form" : "simple");
      param.explode = bool_of(p.child("explode"), param.style == "form");
      if (At s = p.child("schema")) param.schema = parse_schema(s);
      else if (At c = p.child("content"); c && c.node->is_object() && !c.node->members.empty())
        param.schema = parse_schema(c.member(c.node->members.front()).child("schema"));
      if (!param.schema) param.schema = std::make_shared<Schema>();
      if (const Node* ex = p.node->find("example")) param.example = load::to_json_value(*ex);
      out.push_back(std::move(param));
    }
    return out;
  }

  std::vector<Header> parse_headers(const At& at) {
    std::vector<Header> out;
    if (!at || !expect(at, Node::Kind::Object, "'headers' to be an object")) return out;
    for (const auto& m : at.node->members) {
      if (lower(m.first) == "content-type") continue;  // OpenAPI: "it SHALL be ignored"
      At h = deref(at.member(m));
      if (!h || !expect(h, Node::Kind::Object, "a header object")) continue;
      name_ok(h, m.first, "header name");
      Header header;
      header.location = h.node->location;
      header.name = m.first;
      header.required = bool_of(h.child("required"), false);
      header.deprecated = bool_of(h.child("deprecated"), false);
      if (At s = h.child("schema")) header.schema = parse_schema(s);
      if (!header.schema) header.schema = std::make_shared<Schema>();
      out.push_back(std::move(header));
    }
    return out;
  }

  std::optional<RequestBody> parse_request_body(const At& at) {
    if (!at || !expect(at, Node::Kind::Object, "a request body object")) return std::nullopt;
    RequestBody body;
    body.location = at.node->location;
    body.required = bool_of(at.child("required"), false);
    body.description = string_of(at.child("description"), "description");
    body.content = parse_content(at.child("content"));
    return body;
  }

  std::vector<MediaType> parse_content(const At& at) {
    std::vector<MediaType> out;
    if (!at || !expect(at, Node::Kind::Object, "'content' to be an object")) return out;
    for (const auto& m : at.node->members) {
      At mt = at.member(m);
      if (!expect(mt, Node::Kind::Object, "a media type object")) continue;
      name_ok(mt, m.first, "media type");
      MediaType media;
      media.content_type = m.first;
      if (At s = mt.child("schema")) media.schema = parse_schema(s);
      if (const Node* ex = mt.node->find("example")) media.example = load::to_json_value(*ex);
      out.push_back(std::move(media));
    }
    return out;
  }

  // ---- schemas -------------------------------------------------------------------------------
  SchemaPtr parse_schema(const At& at) {
    auto s = std::make_shared<Schema>();
    if (!at) return s;
    s->location = at.node->location;
    s->node = at.node;
    if (at.node->is_bool()) {  // `true` = anything, `false` = nothing (treated as free-form)
      return s;
    }
    if (!expect(at, Node::Kind::Object, "a schema object")) return s;
    if (depth_ > 256) {
      error(at, "schema nesting deeper than 256 levels");
      return s;
    }
    ++depth_;
    if (const Node* ref = at.node->find("$ref")) {
      parse_schema_ref(at, *ref, *s);
      --depth_;
      return s;
    }
    parse_schema_body(at, *s);
    --depth_;
    return s;
  }

  void parse_schema_ref(const At& at, const Node& ref, Schema& s) {
    if (!ref.is_string()) {
      error(at.child("$ref"), "expected $ref to be a string, got " + std::string(ref.kind_name()));
      return;
    }
    // 3.1 allows siblings: annotations are kept, `nullable`/"null" make the reference nullable.
    s.description = at.node->find("description") && at.node->find("description")->is_string()
                        ? at.node->find("description")->text : std::string();
    if (const Node* n = at.node->find("nullable"); n && n->is_bool()) s.nullable = n->boolean;
    auto target = loader_.resolve(ref.text, *at.file, ref.location);
    if (!target.node) return;
    if (auto it = component_names_.find(target.node); it != component_names_.end()) {
      s.ref = it->second;
      return;
    }
    static const std::string kPrefix = "/components/schemas/";
    if (target.pointer.rfind(kPrefix, 0) == 0 && target.pointer.find('/', kPrefix.size()) == std::string::npos) {
      // A component schema of another file: becomes a component of ours (renamed on collision).
      std::string base = target.pointer.substr(kPrefix.size());
      std::string name = base;
      for (int n = 2; used_names_.count(name); ++n) name = base + "_" + std::to_string(n);
      used_names_.insert(name);
      component_names_[target.node] = name;
      pending_.emplace_back(name, At{target.node, loader_.intern_file_name(target.file)});
      s.ref = name;
      return;
    }
    // Anything else is inlined; a cycle through inlined refs has no name to break it.
    if (!inlining_.insert(target.node).second) {
      error(at.child("$ref"), "$ref cycle through '" + ref.text + "' (only components/schemas may be recursive)");
      return;
    }
    auto inlined = parse_schema({target.node, loader_.intern_file_name(target.file)});
    inlining_.erase(target.node);
    bool nullable = s.nullable;
    s = *inlined;
    s.nullable = s.nullable || nullable;
  }

  void parse_types(const At& at, Schema& s) {
    static const std::map<std::string, std::uint8_t> kTypes = {
        {"string", kString}, {"integer", kInteger}, {"number", kNumber}, {"boolean", kBoolean},
        {"object", kObject}, {"array", kArray}, {"null", kNull}};
    auto add = [&](const At& t) {
      if (!t.node->is_string()) {
        error(t, "expected schema 'type' to be a string or an array of strings, got " + std::string(t.node->kind_name()));
        return;
      }
      auto it = kTypes.find(t.node->text);
      if (it == kTypes.end()) {
        error(t, "unknown schema type '" + t.node->text + "' (expected string, integer, number, boolean, object, array or null)");
        return;
      }
      s.types |= it->second;
    };
    At type = at.child("type");
    if (!type) return;
    if (type.node->is_array()) {
      for (std::size_t i = 0; i < type.node->items.size(); ++i) add(type.item(type.node->items[i]));
    } else {
      add(type);
    }
    if (s.types & kNull) s.nullable = true;
  }

  void parse_schema_body(const At& at, Schema& s) {
    parse_types(at, s);
    s.written_types = s.types;
    if (const Node* n = at.node->find("nullable"); n) s.nullable = bool_of(at.child("nullable"), false) || s.nullable;
    s.format = string_of(at.child("format"), "format");
    s.title = string_of(at.child("title"), "title");
    s.description = string_of(at.child("description"), "description");
    s.read_only = bool_of(at.child("readOnly"), false);
    s.write_only = bool_of(at.child("writeOnly"), false);
    s.deprecated = bool_of(at.child("deprecated"), false);
    if (const Node* d = at.node->find("default")) s.default_value = load::to_json_value(*d);
    if (const Node* e = at.node->find("example")) s.examples.push_back(load::to_json_value(*e));
    if (At ex = at.child("examples"); ex && ex.node->is_array())
      for (const auto& e : ex.node->items) s.examples.push_back(load::to_json_value(e));
    if (const Node* c = at.node->find("const")) {
      if (c->is_string() && c->text.find('\0') != std::string::npos)
        error(at.child("const"), "'const' holds a NUL character (C strings would cut it short)");
      s.const_value = load::to_json_value(*c);
    }
    parse_limits(at, s);
    if (At en = at.child("enum"); en && expect(en, Node::Kind::Array, "'enum' to be an array")) {
      // An empty enum admits no value; mixed kinds ([1, "1"]) have no one C++ type: both would
      // otherwise change meaning silently in the generated code.
      if (en.node->items.empty()) error(en, "'enum' is empty: no value would be valid");
      const Node* first_value = nullptr;
      for (const auto& v : en.node->items) {
        if (v.is_null()) continue;
        const auto kind_of = [](const Node& n) { return n.is_number() ? Node::Kind::Number : n.kind; };
        if (!first_value) {
          first_value = &v;
        } else if (kind_of(v) != kind_of(*first_value)) {
          error(at.item(v), "'enum' mixes value kinds (" + std::string(first_value->kind_name()) + " and " +
                                std::string(v.kind_name()) + "); one enum holds values of one kind");
          break;
        }
      }
      for (const auto& v : en.node->items) {
        if (v.is_string() && v.text.find('\0') != std::string::npos)
          error(at.item(v), "enum value holds a NUL character (C strings would cut it short)");
        if (!v.is_null()) s.enum_values.push_back(load::to_json_value(v));
        else s.nullable = true;  // `enum: [a, b, null]` means nullable
      }
    }
    if (At props = at.child("properties"); props && expect(props, Node::Kind::Object, "'properties' to be an object"))
      for (const auto& m : props.node->members) {
        name_ok(props.member(m), m.first, "property name");
        s.properties.push_back({m.first, parse_schema(props.member(m))});
      }
    if (At req = at.child("required")) {
      if (req.node->is_array()) {
        for (std::size_t i = 0; i < req.node->items.size(); ++i)
          s.required.push_back(string_of(req.item(req.node->items[i]), "required property name"));
      } else if (!req.node->is_bool()) {  // a boolean `required` belongs to 2.0-style misuse; ignore
        error(req, "expected 'required' to be an array of property names, got " + std::string(req.node->kind_name()));
      }
    }
    if (At items = at.child("items")) {
      if (items.node->is_array()) error(items, "expected 'items' to be a schema, got array (tuple validation is not supported; use prefixItems)");
      else s.items = parse_schema(items);
    }
    if (At ap = at.child("additionalProperties")) {
      if (ap.node->is_bool()) {
        if (ap.node->boolean) s.additional_properties = std::make_shared<Schema>();
        else s.additional_properties_forbidden = true;
      } else {
        s.additional_properties = parse_schema(ap);
      }
    }
    for (auto [key, list] : {std::pair{"allOf", &s.all_of}, std::pair{"oneOf", &s.one_of}, std::pair{"anyOf", &s.any_of}}) {
      At c = at.child(key);
      if (!c || !expect(c, Node::Kind::Array, "a list of schemas")) continue;
      for (std::size_t i = 0; i < c.node->items.size(); ++i) list->push_back(parse_schema(c.item(c.node->items[i])));
    }
    if (At d = at.child("discriminator"); d && expect(d, Node::Kind::Object, "'discriminator' to be an object")) {
      Discriminator disc;
      disc.property = name_of(d.child("propertyName"), "discriminator.propertyName");
      if (At map = d.child("mapping"); map && expect(map, Node::Kind::Object, "'mapping' to be an object")) {
        for (const auto& m : map.node->members) {
          At v = map.member(m);
          if (!name_ok(v, m.first, "discriminator value")) continue;
          std::string target = string_of(v, "mapping target");
          if (target.empty()) continue;
          // Mapping values are refs or bare component names.
          if (target.find('#') != std::string::npos || target.find('/') != std::string::npos) {
            auto t = loader_.resolve(target, *v.file, v.node->location);
            if (!t.node) continue;
            auto it = component_names_.find(t.node);
            if (it == component_names_.end()) {
              error(v, "discriminator mapping '" + target + "' must point to a component schema");
              continue;
            }
            target = it->second;
          } else if (!used_names_.count(target)) {
            error(v, "discriminator mapping '" + m.first + "' names '" + target + "', which is no component schema");
            continue;
          }
          disc.mapping.emplace_back(m.first, target);
        }
      }
      s.discriminator = std::move(disc);
    }
    // Implied types: properties imply object, items imply array.
    if (s.types == 0 || s.types == kNull) {
      if (!s.properties.empty() || s.additional_properties) s.types |= kObject;
      else if (s.items) s.types |= kArray;
    }
  }

  // Validation keywords. A value of the wrong kind is reported as a warning and ignored: they
  // never change the generated types, only what `diff` compares.
  void parse_limits(const At& at, Schema& s) {
    auto count = [&](const char* key, std::optional<std::uint64_t>& out) {
      const Node* n = at.node->find(key);
      if (!n) return;
      if (n->kind == Node::Kind::Integer && n->integer >= 0) out = static_cast<std::uint64_t>(n->integer);
      else warn(at.child(key), std::string("expected '") + key + "' to be a non-negative integer; ignored");
    };
    count("minLength", s.min_length);
    count("maxLength", s.max_length);
    count("minItems", s.min_items);
    count("maxItems", s.max_items);
    if (At p = at.child("pattern")) {
      if (p.node->is_string()) s.pattern = p.node->text;
      else warn(p, "expected 'pattern' to be a string; ignored");
    }
    // 3.0: `minimum: 5, exclusiveMinimum: true`; 3.1: `exclusiveMinimum: 5` (the stricter one wins).
    auto bound = [&](const char* key, const char* exclusive_key, bool lower_bound, std::optional<Bound>& out) {
      const Node* n = at.node->find(key);
      const Node* x = at.node->find(exclusive_key);
      if (n && !n->is_number()) warn(at.child(key), std::string("expected '") + key + "' to be a number; ignored");
      if (x && !x->is_number() && !x->is_bool())
        warn(at.child(exclusive_key), std::string("expected '") + exclusive_key + "' to be a number or a boolean; ignored");
      if (n && n->is_number()) out = Bound{n->number, n->text, x && x->is_bool() && x->boolean};
      if (x && x->is_number()) {
        bool stricter = !out || (lower_bound ? x->number >= out->value : x->number <= out->value);
        if (stricter) out = Bound{x->number, x->text, true};
      }
    };
    bound("minimum", "exclusiveMinimum", true, s.minimum);
    bound("maximum", "exclusiveMaximum", false, s.maximum);
  }

  // ---- whole-document checks -----------------------------------------------------------------
  // Each component's chain of pure references is walked once (a 10,000-link chain is linear).
  void check_ref_cycles(const Document& doc) {
    enum class State { kNew, kOnChain, kDone };
    std::unordered_map<std::string_view, State> state;
    for (const auto& [name, schema] : doc.schemas) {
      std::vector<std::string_view> chain;
      std::string_view at = name;
      const Schema* s = schema.get();
      while (s && s->is_ref() && state[at] == State::kNew) {
        state[at] = State::kOnChain;
        chain.push_back(at);
        at = s->ref;
        s = doc.find_schema(s->ref);
      }
      if (s && s->is_ref() && state[at] == State::kOnChain) {
        std::string path;
        for (auto c = std::find(chain.begin(), chain.end(), at); c != chain.end(); ++c) path += std::string(*c) + " -> ";
        const Schema* first = doc.find_schema(std::string(at));
        diags_.error(first->location, "$ref cycle with no structure to break it: " + path + std::string(at),
                     first->pointer());
      }
      for (auto c : chain) state[c] = State::kDone;
    }
  }

  // Arrays and maps of arrays and maps become nested templates (std::vector<std::vector<...>>);
  // compilers give up on deep ones (about 30 levels take minutes and gigabytes to compile), so
  // the generated code allows kMaxContainerDepth. Depths are memoised per schema: one pass.
  static constexpr std::size_t kMaxContainerDepth = 16;

  std::size_t container_depth(const Document& doc, const Schema* s) {
    if (!s) return 0;
    if (auto known = container_depths_.find(s); known != container_depths_.end()) return known->second;
    container_depths_[s] = 0;  // a cycle through a reference counts as a struct (recursion goes through Box)
    std::size_t depth = 0;
    if (s->is_ref()) {
      depth = container_depth(doc, doc.find_schema(s->ref));
    } else if (s->properties.empty() && s->items && s->has_type(kArray)) {
      depth = 1 + container_depth(doc, s->items.get());
    } else if (s->properties.empty() && s->additional_properties) {
      depth = 1 + container_depth(doc, s->additional_properties.get());
    }
    if (depth == kMaxContainerDepth + 1 && !s->is_ref()) {
      diags_.error(s->location,
                   "arrays and maps nest " + std::to_string(depth) + " deep here; the generated C++ type (std::vector<...>, "
                   "std::map<...>) allows at most " + std::to_string(kMaxContainerDepth) +
                   " (a named object in between breaks the nesting)",
                   s->pointer());
    }
    container_depths_[s] = depth;
    return depth;
  }

  void visit_depths(const Document& doc, const Schema* s) {
    if (!s || !visited_.insert(s).second) return;
    container_depth(doc, s);
    for (const auto& p : s->properties) visit_depths(doc, p.schema.get());
    visit_depths(doc, s->items.get());
    visit_depths(doc, s->additional_properties.get());
    for (const auto* list : {&s->all_of, &s->one_of, &s->any_of})
      for (const auto& part : *list) visit_depths(doc, part.get());
  }

  void check_container_depth(const Document& doc) {
    for (const auto& [name, schema] : doc.schemas) visit_depths(doc, schema.get());
    for (const auto& op : doc.operations) {
      for (const auto& p : op.parameters) visit_depths(doc, p.schema.get());
      if (op.request_body)
        for (const auto& media : op.request_body->content) visit_depths(doc, media.schema.get());
      for (const auto& r : op.responses) {
        for (const auto& media : r.content) visit_depths(doc, media.schema.get());
        for (const auto& h : r.headers) visit_depths(doc, h.schema.get());
      }
    }
  }

  void check_operation_ids(const Document& doc) {
    std::map<std::string, const Operation*> seen;
    for (const auto& op : doc.operations) {
      auto [it, inserted] = seen.emplace(op.operation_id, &op);
      if (!inserted)
        diags_.error(op.location, "duplicate operationId '" + op.operation_id + "' (" + op.method + " " + op.path +
                                      "; first used by " + it->second->method + " " + it->second->path + ")",
                     op.pointer() + "/operationId");
    }
  }

  load::Loader& loader_;
  Diagnostics& diags_;
  // Keyed by the node a $ref resolves to: the same schema whatever spelling reaches it.
  std::map<const Node*, std::string> component_names_;  // node -> component name
  std::set<std::string> used_names_;
  std::vector<std::pair<std::string, At>> pending_;
  std::unordered_map<const Schema*, std::size_t> container_depths_;  // container_depth's memo
  std::unordered_set<const Schema*> visited_;             // check_container_depth's walk
  std::set<const Node*> inlining_;
  int depth_ = 0;
};

}  // namespace

std::optional<Document> parse_document(load::Loader& loader, const load::Node& root, Diagnostics& diags) {
  return Parser(loader, diags).run(root);
}

}  // namespace wink::codegen::spec
