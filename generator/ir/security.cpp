#include "ir/security.h"

#include <algorithm>
#include <optional>

#include "ir/sdk_names.h"

namespace wink::codegen::ir {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool is_word_char(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }

// Finds "Requires SECTION:ACTION" (any case) in a description: the quoted text and "section.action".
std::optional<std::pair<std::string, std::string>> described_scope(const std::string& text) {
  std::string folded = lower(text);
  for (std::size_t at = folded.find("requires"); at != std::string::npos; at = folded.find("requires", at + 1)) {
    std::size_t i = at + 8;
    std::size_t spaces = i;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i == spaces) continue;
    std::size_t section = i;
    while (i < text.size() && is_word_char(text[i])) ++i;
    if (i == section || i >= text.size() || text[i] != ':') continue;
    std::size_t action = ++i;
    while (i < text.size() && is_word_char(text[i])) ++i;
    if (i == action) continue;
    return std::pair{text.substr(at, i - at),
                     folded.substr(section, action - 1 - section) + "." + folded.substr(action, i - action)};
  }
  return std::nullopt;
}

// The map's override for the operation: entries match by C++ method name (any naming style of
// the operationId); the last one written wins.
const std::vector<std::string>* scope_override(const spec::ScopeMap& map, const std::string& method_name) {
  const std::vector<std::string>* found = nullptr;
  for (const auto& [id, scopes] : map.operations)
    if (method_name_for(id) == method_name) found = &scopes;
  return found;
}

}  // namespace

std::string action_for_method(const std::string& http_method) {
  if (http_method == "GET" || http_method == "HEAD" || http_method == "OPTIONS") return "read";
  if (http_method == "DELETE") return "remove";
  return "write";
}

std::vector<std::string> required_scopes(const spec::Document& doc, const spec::Operation& op,
                                         const std::string& method_name, const spec::ScopeMap* map,
                                         Diagnostics& diags) {
  std::vector<std::string> scopes;
  const auto& requirements = op.security ? *op.security : doc.security;
  // An explicit empty list (`security: []`) or an empty requirement (`{}`) makes it public.
  bool is_public = op.security && (op.security->empty() ||
                                   std::any_of(op.security->begin(), op.security->end(),
                                               [](const spec::SecurityRequirement& r) { return r.schemes.empty(); }));
  for (const auto& req : requirements) {
    for (const auto& [scheme, list] : req.schemes) scopes.insert(scopes.end(), list.begin(), list.end());
    if (!scopes.empty()) break;  // requirements are alternatives: the first that names scopes
  }
  std::string origin = "security requirement";
  if (scopes.empty() && map) {
    if (const auto* listed = scope_override(*map, method_name)) {
      scopes = *listed;
      origin = "scope map override";
    } else {
      for (const auto& tag : op.tags)
        if (auto t = map->tags.find(tag); t != map->tags.end()) {
          scopes.push_back(t->second + "." + action_for_method(op.method));
          origin = "tag '" + tag + "'";
          break;
        }
    }
  }
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());

  if (auto requires_scope = described_scope(op.description)) {
    const auto& [quote, said] = *requires_scope;
    if (!scopes.empty() && std::find(scopes.begin(), scopes.end(), said) == scopes.end()) {
      std::string derived;
      for (const auto& s : scopes) derived += (derived.empty() ? "" : " ") + s;
      diags.warning(op.location, "operation '" + op.operation_id + "': description says \"" + quote +
                                     "\" but the " + origin + " gives '" + derived + "'", op.pointer());
    }
  }
  // A document that declares no security at all describes a public API: nothing to warn about.
  bool secured = !doc.security_schemes.empty() || !requirements.empty();
  if (scopes.empty() && !is_public && secured) {
    diags.warning(op.location, "operation '" + op.operation_id + "' (" + op.method + " " + op.path +
                                   ") has no scope: its security requirement lists none and the scope map has no "
                                   "entry for its tags" + (op.tags.empty() ? std::string() : " ('" + op.tags[0] + "')"),
                  op.pointer());
  }
  return scopes;
}

}  // namespace wink::codegen::ir
