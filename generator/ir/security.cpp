#include "ir/security.h"

#include <algorithm>
#include <set>

#include "ir/naming.h"

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

}  // namespace

std::optional<ScopeMap> parse_scope_map(const load::Node& root, Diagnostics& diags) {
  std::size_t errors = diags.error_count();
  ScopeMap map;
  if (!root.is_object()) {
    diags.error(root.location, "scope map: expected an object with 'tags' and 'operations'");
    return std::nullopt;
  }
  if (const auto* sections = root.find("sections")) {
    if (!sections->is_array()) {
      diags.error(sections->location, "scope map: 'sections' must be a list of names");
    } else {
      for (const auto& s : sections->items) {
        if (s.is_string()) map.sections.push_back(s.text);
        else diags.error(s.location, "scope map: section names must be strings");
      }
    }
  }
  if (const auto* tags = root.find("tags")) {
    if (!tags->is_object()) diags.error(tags->location, "scope map: 'tags' must map tag names to sections");
    else  // NOLINT(readability-misleading-indentation)
      for (const auto& [tag, section] : tags->members) {
        if (!section.is_string()) {
          diags.error(section.location, "scope map: section of tag '" + tag + "' must be a string");
          continue;
        }
        if (!map.sections.empty() &&
            std::find(map.sections.begin(), map.sections.end(), section.text) == map.sections.end()) {
          diags.error(section.location, "scope map: tag '" + tag + "' maps to unknown section '" + section.text + "'");
          continue;
        }
        map.tags[tag] = section.text;
        map.tag_locations[tag] = section.location;
      }
  }
  if (const auto* ops = root.find("operations")) {
    if (!ops->is_object()) diags.error(ops->location, "scope map: 'operations' must map operationIds to scope lists");
    else  // NOLINT(readability-misleading-indentation)
      for (const auto& [id, scopes] : ops->members) {
        std::vector<std::string> list;
        if (scopes.is_string()) {
          list.push_back(scopes.text);
        } else if (scopes.is_array()) {
          for (const auto& s : scopes.items) {
            if (s.is_string()) list.push_back(s.text);
            else diags.error(s.location, "scope map: scopes must be strings");
          }
        } else {
          diags.error(scopes.location, "scope map: scopes of '" + id + "' must be a list of strings");
        }
        map.operations[camel_case(id)] = std::move(list);
      }
  }
  if (diags.error_count() != errors) return std::nullopt;
  return map;
}

std::string action_for_method(const std::string& http_method) {
  if (http_method == "GET" || http_method == "HEAD" || http_method == "OPTIONS") return "read";
  if (http_method == "DELETE") return "remove";
  return "write";
}

std::vector<std::string> required_scopes(const spec::Document& doc, const spec::Operation& op,
                                         const std::string& method_name, const ScopeMap* map,
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
    if (auto it = map->operations.find(method_name); it != map->operations.end()) {
      scopes = it->second;
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

std::vector<std::string> minimal_scopes(const std::vector<std::vector<std::string>>& per_operation) {
  std::set<std::string> all;
  for (const auto& list : per_operation) all.insert(list.begin(), list.end());
  return {all.begin(), all.end()};
}

}  // namespace wink::codegen::ir
