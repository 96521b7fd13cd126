// Operations: matched by HTTP method + path template (parameter names ignored), never by
// operationId, which Wink rewrote wholesale between versions (camelCase -> kebab-case).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "diff/differ.h"
#include "ir/operation_shape.h"
#include "ir/sdk_names.h"
#include "ir/security.h"
#include "spec/path_template.h"

namespace wink::codegen::diff {
namespace {

// "/a/{id}/b" -> "/a/{}/b": renaming a path parameter changes nothing on the wire.
std::string template_key(const std::string& method, const std::string& path) {
  std::string key = method;
  key += ' ';
  for (const auto& part : spec::split_path_template(path)) key += part.is_parameter ? std::string("{}") : part.text;
  return key;
}

const char* in_name(spec::ParameterIn in) {
  switch (in) {
    case spec::ParameterIn::Path: return "path";
    case spec::ParameterIn::Query: return "query";
    case spec::ParameterIn::Header: return "header";
    case spec::ParameterIn::Cookie: return "cookie";
  }
  return "query";
}

// Parameters are keyed by location + name (headers case-insensitively); path parameters by
// their position in the template, so `/a/{id}` -> `/a/{x}` is a rename, not remove + add.
std::string parameter_key(const spec::Parameter& p, const std::string& path) {
  std::string key = in_name(p.in);
  key += ':';
  if (p.in == spec::ParameterIn::Path) {
    int index = 0;
    for (const auto& part : spec::split_path_template(path)) {
      if (!part.is_parameter) continue;
      if (part.text == p.name) return cat(key, std::to_string(index));
      ++index;
    }
  }
  key += p.in == spec::ParameterIn::Header ? lower(p.name) : p.name;
  return key;
}

// The API class holding the operation in an SDK with these names (collision suffixes included).
const std::string& api_class(const ir::SdkNames& names, const spec::Operation& op) {
  return names.api_classes.at(ir::api_tag(op));
}

bool is_success(const std::string& status) { return !status.empty() && status[0] == '2'; }

// Is `type` the media type the SDK reads or writes for this content? Payload schemas are
// compared for that one only; the others matter only by their presence.
bool sdk_uses(const std::vector<spec::MediaType>& content, const std::string& type) {
  const spec::MediaType* json = ir::json_media(content);
  return !json || lower(json->content_type) == type;  // no JSON: raw, form or multipart (all count)
}

// A media type gone from a payload: it fails OLD clients only when it was the one the SDK uses
// and NEW leaves the SDK nothing it can use in its place.
Level media_removed_level(const std::vector<spec::MediaType>& old_content,
                          const std::vector<spec::MediaType>& new_content, const std::string& type) {
  if (!sdk_uses(old_content, type)) return Level::Info;
  if (ir::json_media(old_content) && ir::json_media(new_content)) return Level::Info;
  return Level::Breaking;
}

}  // namespace

void Differ::compare_operations() {
  std::map<std::string, const spec::Operation*> old_ops, new_ops;
  std::map<std::string, SourceLocation> new_paths;  // path template -> an operation of NEW under it
  for (const auto& op : old_.operations) old_ops.emplace(template_key(op.method, op.path), &op);
  for (const auto& op : new_.operations) {
    new_ops.emplace(template_key(op.method, op.path), &op);
    new_paths.emplace(template_key("", op.path), op.location);
  }
  counts_.old_total = old_ops.size();
  counts_.new_total = new_ops.size();
  for (const auto& [key, op] : old_ops) {
    if (new_ops.count(key)) continue;
    ++counts_.removed;
    Location at{op->method, op->path, {}, {}, {}, new_.location};
    if (auto it = new_paths.find(template_key("", op->path)); it != new_paths.end()) at.source = it->second;
    std::string method = ir::method_name_for(op->operation_id);
    add("operation-removed", Level::Breaking, Level::Source, at,
        cat("operation ", quoted(op->operation_id), " was removed (C++: ", api_class(old_names_, *op), "::", method,
            "() is gone too)"));
  }
  for (const auto& [key, op] : new_ops) {
    auto old = old_ops.find(key);
    if (old == old_ops.end()) {
      ++counts_.added;
      add("operation-added", Level::NonBreaking, Level::Info, {op->method, op->path, {}, {}, {}, op->location},
          cat("new operation ", quoted(op->operation_id), " (C++: ", api_class(new_names_, *op), "::",
              ir::method_name_for(op->operation_id), "())"));
      continue;
    }
    ++counts_.kept;
    compare_operation(*old->second, *op);
  }
}

void Differ::compare_operation(const spec::Operation& a, const spec::Operation& b) {
  Location at{b.method, b.path, {}, {}, {}, b.location};
  if (a.operation_id != b.operation_id) {
    std::string ma = ir::method_name_for(a.operation_id), mb = ir::method_name_for(b.operation_id);
    if (ma == mb)
      add("operation-id-changed", Level::Info, Level::Info, at,
          cat("operationId ", quoted(a.operation_id), " -> ", quoted(b.operation_id), "; the C++ method name stays ",
              ma, "()"));
    else
      add("operation-id-changed", Level::Info, Level::Source, at,
          cat("operationId ", quoted(a.operation_id), " -> ", quoted(b.operation_id), "; the C++ method ", ma,
              "() becomes ", mb, "() (the wire is unaffected)"));
  }
  // The first tag names the C++ API class; the others only group documentation.
  const std::string &ca = api_class(old_names_, a), &cb = api_class(new_names_, b);
  std::set<std::string> ta(a.tags.begin(), a.tags.end()), tb(b.tags.begin(), b.tags.end());
  if (ca != cb)
    add("operation-tag-changed", Level::Info, Level::Source, at,
        cat("tags [", join(a.tags), "] -> [", join(b.tags), "]: the C++ method moves from ", ca, " to ", cb));
  else if (ta != tb)
    add("operation-tag-changed", Level::Info, Level::Info, at,
        cat("tags [", join(a.tags), "] -> [", join(b.tags), "] (the C++ class stays ", cb, ")"));
  if (!a.deprecated && b.deprecated)
    add("operation-deprecated", Level::Info, Level::Info, at, "the operation is now deprecated");
  else if (a.deprecated && !b.deprecated)
    add("operation-deprecation-removed", Level::Info, Level::Info, at, "the operation is no longer deprecated");
  compare_parameters(a, b, at);
  compare_request_body(a, b, at);
  compare_responses(a, b, at);
  compare_scopes(a, b, at);
}

void Differ::compare_parameters(const spec::Operation& a, const spec::Operation& b, const Location& at) {
  const Owner owner{operation_label(b.method, b.path), std::nullopt};
  std::map<std::string, const spec::Parameter*> pa, pb;
  for (const auto& p : a.parameters) pa.emplace(parameter_key(p, a.path), &p);
  for (const auto& p : b.parameters) pb.emplace(parameter_key(p, b.path), &p);
  auto where = [&](const spec::Parameter& p, bool in_new) {
    Location l = at;
    l.pointer = cat("/parameters/", in_name(p.in), "/", load::escape_pointer_token(p.name));
    if (in_new) l.source = p.location;
    return l;
  };
  auto describe = [](const spec::Parameter& p) { return cat(in_name(p.in), " parameter ", quoted(p.name)); };
  std::set<std::string> moved;  // new keys explained by a location change
  for (const auto& [key, p] : pa) {
    if (pb.count(key)) continue;
    // Same name elsewhere (query -> header, ...) and not there before: a move, not remove + add.
    const spec::Parameter* target = nullptr;
    std::string target_key;
    for (const auto& [k, q] : pb)
      if (!pa.count(k) && !moved.count(k) && lower(q->name) == lower(p->name) && q->in != p->in &&
          q->in != spec::ParameterIn::Path && p->in != spec::ParameterIn::Path) {
        target = q;
        target_key = k;
        break;
      }
    if (target) {
      moved.insert(target_key);
      add("parameter-location-changed", Level::Breaking, Level::Info, where(*target, true),
          cat("parameter ", quoted(p->name), " moved from ", in_name(p->in), " to ", in_name(target->in)));
      continue;
    }
    bool argument = !ir::is_runtime_header(*p);
    add("parameter-removed", Level::NonBreaking, argument ? Level::Source : Level::Info, where(*p, false),
        cat(describe(*p), " was removed",
            argument ? " (C++: the argument or Params field is gone; the server ignores it if still sent)" : ""));
  }
  for (const auto& [key, p] : pb) {
    if (pa.count(key) || moved.count(key)) continue;
    bool argument = !ir::is_runtime_header(*p);
    if (p->required)
      add("parameter-added", Level::Breaking, argument ? Level::Source : Level::Info, where(*p, true),
          cat("required ", describe(*p), " was added: OLD clients do not send it",
              argument ? " (C++: a new positional argument)" : ""));
    else
      add("parameter-added", Level::NonBreaking, Level::Info, where(*p, true),
          cat("optional ", describe(*p), " was added"));
  }
  for (const auto& [key, p] : pb) {
    auto it = pa.find(key);
    if (it == pa.end()) continue;
    const spec::Parameter& o = *it->second;
    bool argument = !ir::is_runtime_header(*p);
    Location here = where(*p, true);
    if (o.name != p->name && p->in == spec::ParameterIn::Path)
      add("parameter-renamed", Level::Info, Level::Info, here,
          cat("path parameter ", quoted(o.name), " is now called ", quoted(p->name),
              " (same position in the path; C++ callers pass it positionally)"));
    if (o.required != p->required) {
      Level cpp = argument ? Level::Source : Level::Info;
      if (p->required)
        add("parameter-required-changed", Level::Breaking, cpp, here,
            cat(describe(*p), " is now required",
                argument ? " (C++: moves from the Params struct to a positional argument)" : ""));
      else
        add("parameter-required-changed", Level::NonBreaking, cpp, here,
            cat(describe(*p), " is now optional",
                argument ? " (C++: moves from a positional argument to the Params struct)" : ""));
    }
    if (o.style != p->style || o.explode != p->explode)
      add("parameter-style-changed", Level::Breaking, Level::Info, here,
          cat(describe(*p), " serialisation changed: style ", o.style, o.explode ? " explode" : "", " -> ", p->style,
              p->explode ? " explode" : ""));
    if (o.deprecated != p->deprecated)
      add(p->deprecated ? "deprecation-added" : "deprecation-removed", Level::Info, Level::Info, here,
          cat(describe(*p),
              p->deprecated ? " is now deprecated (the SDK says so in a comment)" : " is no longer deprecated"));
    SchemaSite site{Direction::Request, here, true, std::nullopt};
    compare_schemas(o.schema.get(), p->schema.get(), site, "/schema", owner);
  }
  compare_parameter_order(a, b, at);
}

// C++ passes required parameters positionally: reordering them breaks callers though the wire
// does not care. Only parameters required in both versions count (required-ness changes are
// reported above).
void Differ::compare_parameter_order(const spec::Operation& a, const spec::Operation& b, const Location& at) {
  auto positional = [](const spec::Operation& op, const spec::Operation& other, std::vector<std::string>& keys,
                       std::vector<std::string>& names) {
    std::set<std::string> in_other;
    for (const auto* p : ir::positional_parameters(other)) in_other.insert(parameter_key(*p, other.path));
    for (const auto* p : ir::positional_parameters(op)) {
      std::string key = parameter_key(*p, op.path);
      if (!in_other.count(key)) continue;
      keys.push_back(key);
      names.push_back(p->name);
    }
  };
  std::vector<std::string> ka, kb, na, nb;
  positional(a, b, ka, na);
  positional(b, a, kb, nb);
  if (ka != kb)
    add("parameter-order-changed", Level::Info, Level::Source, at,
        cat("the C++ positional arguments change order: (", join(na), ") -> (", join(nb), ")"));
}

void Differ::compare_request_body(const spec::Operation& a, const spec::Operation& b, const Location& at) {
  const Owner owner{operation_label(b.method, b.path), std::nullopt};
  bool has_a = a.request_body && !a.request_body->content.empty();
  bool has_b = b.request_body && !b.request_body->content.empty();
  Location body = at;
  body.pointer = "/requestBody";
  if (has_b) body.source = b.request_body->location;
  if (!has_a && !has_b) return;
  if (!has_a) {
    if (b.request_body->required)
      add("request-body-added", Level::Breaking, Level::Source, body,
          "a required request body was added (C++: a new body argument)", "request");
    else
      add("request-body-added", Level::NonBreaking, Level::Source, body,
          "an optional request body was added (C++: a body argument is inserted before the Params/options "
          "arguments)", "request");
    return;
  }
  if (!has_b) {
    add("request-body-removed", Level::NonBreaking, Level::Source, body,
        "the request body was removed (C++: the body argument is gone)", "request");
    return;
  }
  if (a.request_body->required != b.request_body->required) {
    if (b.request_body->required)
      add("request-body-required-changed", Level::Breaking, Level::Info, body,
          "the request body is now required", "request");
    else
      add("request-body-required-changed", Level::NonBreaking, Level::Info, body,
          "the request body is now optional", "request");
  }
  const auto& ca = a.request_body->content;
  const auto& cb = b.request_body->content;
  std::map<std::string, const spec::MediaType*> ma, mb;
  for (const auto& m : ca) ma.emplace(lower(m.content_type), &m);
  for (const auto& m : cb) mb.emplace(lower(m.content_type), &m);
  for (const auto& [type, m] : ma) {
    if (mb.count(type)) continue;
    Level wire = media_removed_level(ca, cb, type);
    add("request-media-type-removed", wire, Level::Info, body,
        cat("request media type ", quoted(m->content_type), " is no longer accepted",
            wire == Level::Info ? " (the SDK sends another one)" : ""),
        "request");
  }
  for (const auto& [type, m] : mb)
    if (!ma.count(type))
      add("request-media-type-added", Level::NonBreaking, Level::Info, body,
          cat("request media type ", quoted(m->content_type), " is now accepted"), "request");
  compare_payloads(ca, cb, Direction::Request, body, owner);
}

// The payload schema of the media type the SDK uses on each side (JSON when there is one, even
// when its media type changed, e.g. */* -> application/json); without JSON, every media type
// present on both sides (form, multipart, raw bodies).
void Differ::compare_payloads(const std::vector<spec::MediaType>& ca, const std::vector<spec::MediaType>& cb,
                              Direction direction, const Location& at, const Owner& owner) {
  auto site_for = [&](const spec::MediaType& m) {
    Location content = at;
    content.pointer += cat("/content/", load::escape_pointer_token(m.content_type));
    return SchemaSite{direction, content, false, std::nullopt};
  };
  const spec::MediaType* ja = ir::json_media(ca);
  const spec::MediaType* jb = ir::json_media(cb);
  if (ja || jb) {
    if (ja && jb) compare_schemas(ja->schema.get(), jb->schema.get(), site_for(*jb), "/schema", owner);
    return;
  }
  for (const auto& m : cb)
    for (const auto& o : ca)
      if (lower(o.content_type) == lower(m.content_type)) {
        compare_schemas(o.schema.get(), m.schema.get(), site_for(m), "/schema", owner);
        break;
      }
}

void Differ::compare_responses(const spec::Operation& a, const spec::Operation& b, const Location& at) {
  const Owner owner{operation_label(b.method, b.path), std::nullopt};
  std::map<std::string, const spec::Response*> ra, rb;
  for (const auto& r : a.responses) ra.emplace(lower(r.status), &r);
  for (const auto& r : b.responses) rb.emplace(lower(r.status), &r);
  auto where = [&](const std::string& status, const spec::Response* in_new) {
    Location l = at;
    l.pointer = cat("/responses/", load::escape_pointer_token(status));
    if (in_new) l.source = in_new->location;
    return l;
  };
  for (const auto& [status, r] : ra)
    if (!rb.count(status))
      add("response-status-removed", is_success(status) ? Level::Breaking : Level::Info, Level::Info,
          where(r->status, nullptr),
          cat("response ", r->status, " is no longer documented",
              is_success(status) ? ": OLD clients expect it on success" : ""),
          "response");
  for (const auto& [status, r] : rb) {
    auto it = ra.find(status);
    Location here = where(r->status, r);
    if (it == ra.end()) {
      add("response-status-added", Level::NonBreaking, Level::Info, here,
          cat("response ", r->status, " is now documented"), "response");
      continue;
    }
    const auto& ca = it->second->content;
    const auto& cb = r->content;
    std::map<std::string, const spec::MediaType*> ma, mb;
    for (const auto& m : ca) ma.emplace(lower(m.content_type), &m);
    for (const auto& m : cb) mb.emplace(lower(m.content_type), &m);
    bool success = is_success(status);
    for (const auto& [type, m] : ma) {
      if (mb.count(type)) continue;
      Level wire = success ? media_removed_level(ca, cb, type) : Level::Info;
      add("response-media-type-removed", wire, Level::Info, here,
          cat("response ", r->status, " no longer returns ", quoted(m->content_type),
              success && wire == Level::Info ? " (the SDK reads another one)" : ""),
          "response");
    }
    for (const auto& [type, m] : mb)
      if (!ma.count(type))
        add("response-media-type-added", Level::NonBreaking, Level::Info, here,
            cat("response ", r->status, " may now return ", quoted(m->content_type)), "response");
    compare_headers(*it->second, *r, here);
    compare_payloads(ca, cb, Direction::Response, here, owner);
  }
}

// Response headers: the SDK reads none of them itself; callers read them from the response.
void Differ::compare_headers(const spec::Response& a, const spec::Response& b, const Location& at) {
  std::map<std::string, const spec::Header*> ha, hb;
  for (const auto& h : a.headers) ha.emplace(lower(h.name), &h);
  for (const auto& h : b.headers) hb.emplace(lower(h.name), &h);
  auto where = [&](const spec::Header& h, bool in_new) {
    Location l = at;
    l.pointer += cat("/headers/", load::escape_pointer_token(h.name));
    if (in_new) l.source = h.location;
    return l;
  };
  for (const auto& [name, h] : ha)
    if (!hb.count(name))
      add("response-header-removed", h->required ? Level::Breaking : Level::NonBreaking, Level::Info, where(*h, false),
          cat("response header ", quoted(h->name), " is no longer returned",
              h->required ? ": OLD's document promised it on every response" : ""),
          "response");
  for (const auto& [name, h] : hb) {
    auto old = ha.find(name);
    if (old == ha.end()) {
      add("response-header-added", Level::NonBreaking, Level::Info, where(*h, true),
          cat("response header ", quoted(h->name), " is now returned"), "response");
    } else if (old->second->deprecated != h->deprecated) {
      add(h->deprecated ? "deprecation-added" : "deprecation-removed", Level::Info, Level::Info, where(*h, true),
          cat("response header ", quoted(h->name), h->deprecated ? " is now deprecated" : " is no longer deprecated"),
          "response");
    }
  }
}

// Same derivation as `generate`: the operation's security requirement, else the scope map.
void Differ::compare_scopes(const spec::Operation& a, const spec::Operation& b, const Location& at) {
  Diagnostics ignored;  // missing-scope warnings belong to `generate`, not to a diff
  auto sa = ir::required_scopes(old_, a, ir::method_name_for(a.operation_id), options_.scope_map, ignored);
  auto sb = ir::required_scopes(new_, b, ir::method_name_for(b.operation_id), options_.scope_map, ignored);
  if (sa == sb) return;  // both sorted and unique
  std::vector<std::string> added, removed;
  std::set_difference(sb.begin(), sb.end(), sa.begin(), sa.end(), std::back_inserter(added));
  std::set_difference(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(removed));
  std::string message = cat("required scopes [", join(sa, " "), "] -> [", join(sb, " "), "]");
  if (!added.empty())
    add("operation-scopes-changed", Level::Breaking, Level::Info, at,
        cat(message, ": a token granted only OLD's scopes lacks ", join(added, " ")));
  else
    add("operation-scopes-changed", Level::NonBreaking, Level::Info, at, cat(message, " (fewer scopes needed)"));
}

}  // namespace wink::codegen::diff
