#include "emit/render.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>

#include "emit/cpp_text.h"
#include "emit/mustache.h"
#include "emit/parallel.h"
#include "ir/signature.h"

namespace wink::codegen::emit {

const char* const kManifestName = "wink-sdk-files.txt";

namespace {

// Headers that expose nlohmann::json values include its complete type, the others its declaration.
Data json_header(bool complete) { return header_path(complete ? "nlohmann/json.hpp" : "nlohmann/json_fwd.hpp"); }

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

void fill_field(Data& d, const ir::Field& f, std::size_t index) {
  put(d, "index", number(index));
  put(d, "name", identifier(f.name));
  put(d, "wire_name", literal(f.wire_name));
  put(d, "type", code(f.type.cpp()));
  // A required member is value-initialised (no indeterminate scalars), a fixed one set to its value.
  put(d, "initializer", code(f.fixed_value ? " = " + cpp_quoted(*f.fixed_value) : f.required ? "{}" : ""));
  put(d, "required", boolean(f.required));
  put(d, "doc", comment(f.doc));
}

void fill_model(Data& d, const ir::Model& m) {
  using K = ir::Model::Kind;
  put(d, "model_name", identifier(m.name));
  put(d, "doc", comment(m.doc));
  put(d, "deprecated", flag(m.deprecated));
  put(d, "is_enum", flag(m.kind == K::Enum));
  put(d, "is_alias", flag(m.kind == K::Alias));
  put(d, "is_struct", flag(m.kind == K::Struct));
  put(d, "is_variant", flag(m.kind == K::Variant));
  bool object = m.kind == K::Struct || m.kind == K::Variant;
  put(d, "has_codec", flag(object && m.json_codec));
  put(d, "has_equality", flag(object));
  // Struct models with a codec decode, write and compare through a table of their fields; those
  // without fields have no table (no zero-length arrays) and read and write `{}` directly.
  bool coded_struct = m.kind == K::Struct && m.json_codec;
  bool field_table = coded_struct && !m.fields.empty();
  put(d, "has_field_table", flag(field_table));
  if (object && !field_table) {  // the others compare member by member (a variant: its one member)
    std::string equality = "true";
    for (const auto& f : m.fields) equality += " && a." + f.name + " == b." + f.name;
    if (m.kind == K::Variant) equality += " && a.value == b.value";
    put(d, "member_equality", code(equality));
  }
  put(d, "is_empty_object", flag(coded_struct && m.fields.empty()));
  if (m.kind == K::Alias) put(d, "alias_type", code(m.alias_type.cpp()));
  Data& fields = add_list(d, "fields", m.fields.size());
  for (std::size_t i = 0; i < m.fields.size(); ++i) fill_field(add_object(fields), m.fields[i], i);
  std::string write_order;
  for (std::size_t i : m.write_order) write_order += (write_order.empty() ? "" : ", ") + std::to_string(i);
  put(d, "write_order", code("{" + write_order + "}"));
  Data& members = add_list(d, "members", m.members.size());
  std::vector<const ir::EnumMember*> by_raw;
  for (const auto& e : m.members) {
    Data& x = add_object(members);
    put(x, "name", identifier(e.name));
    put(x, "wire_name", literal(e.wire_name));
    by_raw.push_back(&e);
  }
  std::sort(by_raw.begin(), by_raw.end(), [](auto* a, auto* b) { return a->raw < b->raw; });
  Data& sorted = add_list(d, "sorted_members", m.members.size());
  for (const auto* e : by_raw) {  // enumerator values: naming 100,000 enumerators takes GCC minutes
    put(add_object(sorted), "value", number(static_cast<std::size_t>(e - m.members.data()) + 1));
  }
  Data& alternatives = add_list(d, "alternatives", m.alternatives.size());
  std::vector<std::string> types;
  for (const auto& a : m.alternatives) {
    Data& x = add_object(alternatives);
    std::string spelled = a.type.cpp();
    put(x, "type", code(spelled));
    put(x, "discriminator_values", literals(a.discriminator_values));
    types.push_back(std::move(spelled));
  }
  put(d, "variant_types", code(join(types, ", ")));
  put(d, "discriminator", literal(m.discriminator));
  put(d, "has_discriminator", flag(!m.discriminator.empty()));
}

void fill_param(Data& d, const ir::Param& p) {
  put(d, "name", identifier(p.name));
  put(d, "wire_name", literal(p.wire_name));
  put(d, "type", code(p.type.cpp()));
  put(d, "access", code(ir::argument_access(p)));
  put(d, "in_query", flag(p.in == spec::ParameterIn::Query));
  put(d, "in_header", flag(p.in == spec::ParameterIn::Header));
  put(d, "in_cookie", flag(p.in == spec::ParameterIn::Cookie));
  put(d, "explode", boolean(p.explode));
  put(d, "style", code(ir::style_enumerator(p.style)));
  put(d, "doc", comment(p.doc));
}

std::string joined_types(const std::vector<ir::Type>& types) {
  std::vector<std::string> spelled;
  for (const auto& t : types) spelled.push_back(t.cpp());
  return join(spelled, ", ");
}

void fill_method(Data& d, const ir::Method& m, const std::string& class_name) {
  put(d, "class_name", identifier(class_name));
  put(d, "name", identifier(m.name));
  put(d, "operation_id", literal(m.operation_id));
  put(d, "operation_id_doc", comment_line(m.operation_id));
  put(d, "constant", identifier(m.constant));
  put(d, "http_method", identifier(m.http_method));
  put(d, "path", literal(m.path));
  put(d, "path_doc", comment_line(m.path));
  put(d, "doc", comment(m.doc));
  put(d, "deprecated", flag(m.deprecated));
  if (!m.params_struct.empty()) put(d, "params_struct", identifier(m.params_struct));
  put(d, "has_params", flag(!m.params_struct.empty()));
  Data& optional = add_list(d, "optional", m.optional.size());
  for (const auto& p : m.optional) fill_param(add_object(optional), p);
  Data& all = add_list(d, "all_params", m.all_params.size());
  for (const auto& p : m.all_params) fill_param(add_object(all), p);
  put(d, "has_query", flag(m.has_query));
  put(d, "has_cookies", flag(m.has_cookies));
  Data& segments = add_list(d, "path_segments", m.path_segments.size());
  for (const auto& s : m.path_segments) {
    Data& x = add_object(segments);
    put(x, "is_literal", flag(s.is_literal));
    put(x, "text", s.is_literal ? literal(s.text) : identifier(s.text));
    put(x, "wire_name", literal(s.wire_name));
    put(x, "style", code(ir::style_enumerator(s.style)));
    put(x, "explode", boolean(s.explode));
  }
  put(d, "body_json", flag(m.body.kind == ir::BodyKind::Json));
  put(d, "body_multipart", flag(m.body.kind == ir::BodyKind::Multipart));
  put(d, "body_form", flag(m.body.kind == ir::BodyKind::Form));
  put(d, "body_raw", flag(m.body.kind == ir::BodyKind::Raw));
  put(d, "body_guard", code(ir::body_guard(m)));
  put(d, "body_expr", code(ir::body_value(m)));
  put(d, "body_content_type", literal(m.body.content_type));
  Data& parts = add_list(d, "body_fields", m.body.parts.size());
  for (const auto& part : m.body.parts) {
    Data& x = add_object(parts);
    put(x, "name", identifier(part.name));
    put(x, "wire_name", literal(part.wire_name));
  }
  put(d, "result_type", code(m.result.type.cpp()));
  put(d, "finish", code(ir::finish_function(m)));
  put(d, "accept", literal(m.result.accept));
  put(d, "has_accept", flag(!m.result.accept.empty()));
  put(d, "signature_args", code(ir::declaration_args(m)));
  put(d, "definition_args", code(ir::definition_args(m)));
  put(d, "mock_args", code(ir::mock_args(m)));
  put(d, "mock_return", code(ir::mock_return(m)));
  put(d, "mock_packed", flag(ir::mock_packed(m)));
  put(d, "mock_pack", code(ir::mock_packed(m) ? ir::mock_pack(m) : ""));
  put(d, "scope_text", comment_line(m.scopes.empty() ? "none" : join(m.scopes, " ")));
  put(d, "error_text", comment_line(joined_types(m.error_types)));
  put(d, "has_errors", flag(!m.error_types.empty()));
}

// Every template the SDK uses, parsed once here so that an error in one is reported once.
using Compiled = std::map<std::string, Template>;

Compiled compile_templates(const TemplateSet& templates, bool conformance, Diagnostics& diags) {
  std::vector<std::string> names = {"api.cpp.mustache",      "api.h.mustache",       "mock_api.h.mustache",
                                    "model.cpp.mustache",    "model.h.mustache",     "models.h.mustache",
                                    "sdk.h.mustache",        "security.cpp.mustache", "security.h.mustache"};
  if (conformance) names.push_back("conformance.cpp.mustache");
  Compiled compiled;
  for (const auto& name : names) {
    auto it = templates.find(name);
    if (it == templates.end()) {
      diags.error({}, "template '" + name + "' is missing");
      continue;
    }
    Template tmpl = parse_template(it->second);
    if (!tmpl.is_valid()) {
      diags.error({}, "template '" + name + "': " + tmpl.error_message());
      continue;
    }
    compiled.emplace(name, std::move(tmpl));
  }
  return compiled;
}

// Renders on one thread into its own file list, with its own copies of the parsed templates
// (kainjow does not promise that one template may render on two threads at once).
class Worker {
 public:
  Worker(const Compiled& compiled, const Data& base) : compiled_(compiled), base_(base) {}

  // Renders into a buffer that keeps its capacity from file to file, then gives the file a copy
  // of exactly its size: one copy, where a string grown piece by piece is reallocated and copied
  // many times on its way to the size of a big source.
  void render(const std::string& template_name, std::string path, Data& data) {
    buffer_.clear();
    if (render_into(buffer_, template_name, data)) add(std::move(path), std::string(buffer_));
  }

  // Appends what a template gives to `out` (several renderings can make one file); false, with
  // nothing appended, when the template is missing (compile_templates reported it).
  bool render_into(std::string& out, const std::string& template_name, Data& data) {
    auto own = own_.find(template_name);
    if (own == own_.end()) {
      auto shared = compiled_.find(template_name);
      if (shared == compiled_.end()) return false;
      own = own_.emplace(template_name, shared->second).first;
    }
    for (const char* key : {"namespace", "include_prefix", "marker"}) put(data, key, Data(*base_.get(key)));
    render_append(own->second, data, out);
    return true;
  }

  void add(std::string path, std::string content) { files.push_back({std::move(path), std::move(content)}); }

  std::vector<OutputFile> files;

 private:
  const Compiled& compiled_;
  const Data& base_;
  Compiled own_;
  std::string buffer_;
};

using Job = std::function<void(Worker&)>;

void render_conformance(const ir::Conformance& c, Worker& w) {
  Data d;
  Data& apis = add_list(d, "apis", c.apis.size());
  for (const auto& a : c.apis) {
    Data& x = add_object(apis);
    put(x, "class_name", identifier(a.class_name));
    put(x, "variable", identifier(a.variable));
  }
  Data& calls = add_list(d, "calls", c.calls.size());
  for (const auto& call : c.calls) {
    Data& x = add_object(calls);
    put(x, "operation_id", literal(call.operation_id));
    put(x, "http_method", literal(call.http_method));
    put(x, "path", literal(call.path));
    put(x, "api_variable", identifier(call.api_variable));
    put(x, "method", identifier(call.method));
    put(x, "setup", codes(call.setup));
    put(x, "arguments", code(call.arguments));
  }
  put(d, "operation_count", number(c.operation_count));
  w.render("conformance.cpp.mustache", "src/conformance/main.cpp", d);
}

// Each group's header is a file; its code (model.cpp.mustache) goes into the source's file,
// one group after another.
void render_model_source(const ir::ModelSource& source, const std::string& inc, Worker& w) {
  std::string code;
  bool rendered = false;
  for (const ir::ModelGroup* g : source.groups) {
    Data d;
    put(d, "file_stem", header_path(g->file_stem));
    put(d, "forward_decls", identifiers(g->forward_decls));
    put(d, "include_stems", headers(g->include_stems));
    put(d, "json_header", json_header(g->holds_json_values));
    put(d, "has_result_types", flag(!g->result_types.empty()));
    put(d, "result_types", codes(g->result_types));
    Data& models = add_list(d, "models", g->models.size());
    Data& enums = add_list(d, "enums", g->models.size());
    for (const auto* m : g->models) {
      fill_model(add_object(models), *m);
      if (m->kind == ir::Model::Kind::Enum) put(add_object(enums), "model_name", identifier(m->name));
    }
    w.render("model.h.mustache", inc + "models/" + g->file_stem + ".h", d);
    if (!code.empty()) code += '\n';
    rendered = w.render_into(code, "model.cpp.mustache", d);
  }
  if (rendered) w.add("src/models/" + source.file_stem + ".cpp", std::move(code));
}

void render_models_header(const ir::Sdk& sdk, const std::string& inc, Worker& w) {
  Data all_models;
  std::vector<std::string> stems, json_models;
  for (const auto& g : sdk.groups) stems.push_back(g.file_stem);
  for (const auto& m : sdk.models)
    if ((m.kind == ir::Model::Kind::Struct || m.kind == ir::Model::Kind::Variant) && m.json_codec)
      json_models.push_back(m.name);
  std::sort(json_models.begin(), json_models.end());
  put(all_models, "groups", headers(stems));
  put(all_models, "json_models", code(join(json_models, ", ")));
  w.render("models.h.mustache", inc + "models.h", all_models);
}

void render_api(const ir::ApiClass& api, const std::string& inc, Worker& w) {
  Data d;
  put(d, "class_name", identifier(api.name));
  put(d, "file_stem", header_path(api.file_stem));
  put(d, "tag", comment_line(api.tag));
  put(d, "include_stems", headers(api.include_stems));
  put(d, "json_header", json_header(api.uses_json_values));
  Data& methods = add_list(d, "methods", api.methods.size());
  for (const auto& m : api.methods) fill_method(add_object(methods), m, api.name);
  w.render("api.h.mustache", inc + "api/" + api.file_stem + ".h", d);
  w.render("api.cpp.mustache", "src/api/" + api.file_stem + ".cpp", d);
  w.render("mock_api.h.mustache", inc + "mocks/mock_" + api.file_stem + ".h", d);
}

void render_security(const ir::Sdk& sdk, const std::string& inc, Worker& w) {
  Data sec;
  Data& ops = add_list(sec, "operations", sdk.operations.size());
  for (const auto& op : sdk.operations) {
    Data& d = add_object(ops);
    put(d, "constant", identifier(op.constant));
    put(d, "operation_id", literal(op.operation_id));
    put(d, "http_method", literal(op.http_method));
    put(d, "path", literal(op.path));
    if (!op.scopes.empty()) put(d, "scope_array", identifier(op.scope_array));
    put(d, "has_scopes", flag(!op.scopes.empty()));
    std::vector<std::string> scopes;
    for (const auto& s : op.scopes) scopes.push_back(cpp_quoted(s));
    put(d, "scope_initializers", code(join(scopes, ", ")));
    put(d, "scope_list", code(op.scopes.empty() ? "wink::ScopeList{}"
                                               : "wink::ScopeList{" + op.scope_array + ", " +
                                                     std::to_string(op.scopes.size()) + "}"));
    put(d, "idempotent", boolean(op.idempotent));
  }
  put(sec, "operation_count", number(sdk.operations.size()));
  put(sec, "declared_scopes", literals(sdk.declared_scopes));
  put(sec, "declared_scope_count", number(sdk.declared_scopes.size()));
  w.render("security.h.mustache", inc + "security.h", sec);
  w.render("security.cpp.mustache", "src/security.cpp", sec);
}

void render_sdk_header(const ir::Sdk& sdk, const std::string& inc, Worker& w) {
  Data info;
  Data& apis = add_list(info, "apis", sdk.apis.size());
  for (const auto& api : sdk.apis) put(add_object(apis), "file_stem", header_path(api.file_stem));
  put(info, "title", literal(sdk.title));
  put(info, "title_doc", comment_line(sdk.title));
  put(info, "spec_version", literal(sdk.spec_version));
  put(info, "openapi_version", literal(sdk.openapi_version));
  put(info, "generator_version", literal(sdk.generator_version));
  put(info, "server_url", literal(sdk.server_url));
  put(info, "token_url", literal(sdk.token_url));
  std::string sdk_name = sdk.include_prefix;
  std::replace(sdk_name.begin(), sdk_name.end(), '/', '-');
  put(info, "sdk_name", literal(sdk_name + "-cpp"));
  w.render("sdk.h.mustache", inc + "sdk.h", info);
}

// One job per model source (a few groups) and per API (the bulk of the work), then the few
// single files.
std::vector<Job> plan_jobs(const ir::Sdk& sdk, const RenderOptions& options, const std::string& inc) {
  std::vector<Job> jobs;
  // APIs first: they are the biggest jobs, and a big job taken last leaves the other threads idle.
  for (const auto& api : sdk.apis) jobs.push_back([&api, &inc](Worker& w) { render_api(api, inc, w); });
  for (const auto& source : sdk.model_sources)
    jobs.push_back([&source, &inc](Worker& w) { render_model_source(source, inc, w); });
  jobs.push_back([&sdk, &inc](Worker& w) { render_models_header(sdk, inc, w); });
  jobs.push_back([&sdk, &inc](Worker& w) { render_security(sdk, inc, w); });
  jobs.push_back([&sdk, &inc](Worker& w) { render_sdk_header(sdk, inc, w); });
  if (options.conformance) {
    const ir::Conformance* c = options.conformance;
    jobs.push_back([c](Worker& w) { render_conformance(*c, w); });
  }
  return jobs;
}

}  // namespace

std::vector<OutputFile> render_sdk(const ir::Sdk& sdk, const TemplateSet& templates, const RenderOptions& options,
                                   Diagnostics& diags) {
  const Compiled compiled = compile_templates(templates, options.conformance != nullptr, diags);
  Data base;
  put(base, "namespace", code(sdk.namespace_name));
  put(base, "include_prefix", header_path(sdk.include_prefix));
  put(base, "marker", comment_line("Generated by wink-codegen " + sdk.generator_version + " from " + options.spec_name + " (" +
                          sdk.title + " " + sdk.spec_version + "). DO NOT EDIT."));
  const std::string inc = "include/" + sdk.include_prefix + "/";
  const std::vector<Job> jobs = plan_jobs(sdk, options, inc);
  std::vector<Worker> workers(worker_count(options.jobs, jobs.size()), Worker(compiled, base));
  for_each_task(jobs.size(), static_cast<unsigned>(workers.size()),
                [&](unsigned worker, std::size_t i) { jobs[i](workers[worker]); });

  std::vector<OutputFile> files;
  for (auto& w : workers) std::move(w.files.begin(), w.files.end(), std::back_inserter(files));
  std::sort(files.begin(), files.end(), [](const OutputFile& a, const OutputFile& b) { return a.path < b.path; });
  std::string manifest = "# Files generated by wink-codegen; regenerating removes those no longer generated.\n";
  for (const auto& f : files) manifest += f.path + "\n";
  files.push_back({kManifestName, manifest});
  return files;
}

}  // namespace wink::codegen::emit
