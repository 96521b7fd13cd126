#include "ir/operation_shape.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

#include "spec/all_of.h"
#include "spec/path_template.h"

namespace wink::codegen::ir {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// 0: not JSON. Media types are case-insensitive.
int json_rank(const std::string& content_type) {
  std::string ct = lower(content_type);
  if (ct == "application/json") return 4;
  if (ct.rfind("application/json", 0) == 0) return 3;  // application/json; charset=utf-8
  if (ct.find("+json") != std::string::npos) return 2;  // application/problem+json
  if (ct == "*/*") return 1;
  return 0;
}

bool required_argument(const spec::Parameter& p) { return p.required && !is_runtime_header(p); }

}  // namespace

bool is_runtime_header(const spec::Parameter& p) {
  if (p.in != spec::ParameterIn::Header) return false;
  std::string name = lower(p.name);
  for (const char* h : {"wink-version", "accept", "content-type", "authorization", "user-agent"})
    if (name == h) return true;
  return false;
}

std::vector<const spec::Parameter*> positional_parameters(const spec::Operation& op) {
  std::vector<const spec::Parameter*> out;
  for (const auto& part : spec::split_path_template(op.path)) {
    if (!part.is_parameter) continue;
    for (const auto& p : op.parameters)
      if (p.in == spec::ParameterIn::Path && p.name == part.text && required_argument(p) &&
          std::find(out.begin(), out.end(), &p) == out.end())
        out.push_back(&p);
  }
  for (const auto& p : op.parameters)
    if (required_argument(p) && std::find(out.begin(), out.end(), &p) == out.end()) out.push_back(&p);
  return out;
}

std::vector<const spec::Parameter*> optional_parameters(const spec::Operation& op) {
  std::vector<const spec::Parameter*> out;
  for (const auto& p : op.parameters)
    if (!p.required && !is_runtime_header(p)) out.push_back(&p);
  return out;
}

const spec::MediaType* json_media(const std::vector<spec::MediaType>& content) {
  const spec::MediaType* best = nullptr;
  auto key = [](const spec::MediaType& m) { return std::pair{m.schema != nullptr, json_rank(m.content_type)}; };
  for (const auto& m : content) {
    if (json_rank(m.content_type) == 0) continue;
    if (!best || key(m) > key(*best) ||
        (key(m) == key(*best) && lower(m.content_type) < lower(best->content_type)))
      best = &m;
  }
  return best;
}

BodyShape body_shape(const spec::Document& doc, const spec::Operation& op) {
  if (!op.request_body || op.request_body->content.empty()) return {};
  const auto& content = op.request_body->content;
  if (const spec::MediaType* json = json_media(content)) return {BodyKind::Json, json};
  auto first = [&](auto pred) -> const spec::MediaType* {
    for (const auto& mt : content)
      if (pred(lower(mt.content_type))) return &mt;
    return nullptr;
  };
  BodyShape fields{BodyKind::Multipart, first([](const std::string& ct) { return ct.rfind("multipart/", 0) == 0; })};
  if (!fields.media)
    fields = {BodyKind::Form, first([](const std::string& ct) { return ct == "application/x-www-form-urlencoded"; })};
  if (fields.media && fields.media->schema) {
    const spec::Schema* object = doc.resolve(fields.media->schema.get());
    if (object && !spec::merge_all_of(doc, *object).properties.empty()) return fields;
  }
  return {BodyKind::Raw, &content.front()};
}

const spec::Response* result_response(const spec::Operation& op) {
  const spec::Response* success = nullptr;
  int best = 1000;
  for (const auto& r : op.responses) {
    int code = r.status == "2XX" || r.status == "2xx" ? 299 : std::atoi(r.status.c_str());
    if (code >= 200 && code < 300 && code < best) {
      best = code;
      success = &r;
    }
  }
  if (!success || success->content.empty() || best == 204) return nullptr;
  return success;
}

}  // namespace wink::codegen::ir
