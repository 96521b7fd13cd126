// Per-operation OAuth scopes. Wink's documents list no scopes per operation, so scopes come from
// the operation's security requirement when it lists any, else from our scope map: the tag gives
// the section, the HTTP method the action (GET read; POST/PUT/PATCH write; DELETE remove).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "load/node.h"
#include "spec/document.h"

namespace wink::codegen::ir {

struct ScopeMap {
  std::vector<std::string> sections;
  std::map<std::string, std::string> tags;  // tag -> section
  std::map<std::string, SourceLocation> tag_locations;
  // Overrides keyed by the operation's C++ method name, so camelCase and kebab-case ids match.
  std::map<std::string, std::vector<std::string>> operations;
};

// Reads the scope map document (already loaded by the load stage).
std::optional<ScopeMap> parse_scope_map(const load::Node& root, Diagnostics& diags);

// "GET" -> "read", "DELETE" -> "remove", others that change state -> "write".
std::string action_for_method(const std::string& http_method);

// Scopes an operation requires; reports disagreements with "Requires X:Y" in its description
// and operations left without a scope (a warning; an error under --strict).
std::vector<std::string> required_scopes(const spec::Document& doc, const spec::Operation& op,
                                         const std::string& method_name, const ScopeMap* map,
                                         Diagnostics& diags);

// The smallest scope set covering every listed scope list (sorted, unique).
std::vector<std::string> minimal_scopes(const std::vector<std::vector<std::string>>& per_operation);

}  // namespace wink::codegen::ir
