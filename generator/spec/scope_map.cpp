#include "spec/scope_map.h"

#include <algorithm>

#include "spec/security.h"

namespace wink::codegen::spec {
namespace {

// A scope the map hands out: an OAuth scope token, for it ends up in the SDK's C++ literals.
bool scope_ok(const load::Node& scope, Diagnostics& diags) {
  if (!scope.is_string()) {
    diags.error(scope.location, "scope map: scopes must be strings");
    return false;
  }
  if (is_scope_token(scope.text)) return true;
  diags.error(scope.location, "scope map: '" + scope.text + "' is not an OAuth scope (" + kScopeTokenRule + ")");
  return false;
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
        // A section becomes the first half of scopes ("section.read").
        if (!is_scope_token(section.text + ".read")) {
          diags.error(section.location, "scope map: section '" + section.text + "' of tag '" + tag +
                                            "' cannot start an OAuth scope (" + kScopeTokenRule + ")");
          continue;
        }
        map.tags[tag] = section.text;
      }
  }
  if (const auto* ops = root.find("operations")) {
    if (!ops->is_object()) diags.error(ops->location, "scope map: 'operations' must map operationIds to scope lists");
    else  // NOLINT(readability-misleading-indentation)
      for (const auto& [id, scopes] : ops->members) {
        std::vector<std::string> list;
        if (scopes.is_string()) {
          if (scope_ok(scopes, diags)) list.push_back(scopes.text);
        } else if (scopes.is_array()) {
          for (const auto& s : scopes.items)
            if (scope_ok(s, diags)) list.push_back(s.text);
        } else {
          diags.error(scopes.location, "scope map: scopes of '" + id + "' must be a list of strings");
        }
        map.operations.emplace_back(id, std::move(list));
      }
  }
  if (diags.error_count() != errors) return std::nullopt;
  return map;
}

}  // namespace wink::codegen::spec
