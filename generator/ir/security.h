// Per-operation OAuth scopes. Wink's documents list no scopes per operation, so scopes come from
// the operation's security requirement when it lists any, else from our scope map: the tag gives
// the section, the HTTP method the action (GET read; POST/PUT/PATCH write; DELETE remove).
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "spec/document.h"
#include "spec/scope_map.h"

namespace wink::codegen::ir {

// "GET" -> "read", "DELETE" -> "remove", others that change state -> "write".
std::string action_for_method(const std::string& http_method);

// Scopes an operation requires; reports disagreements with "Requires X:Y" in its description
// and operations left without a scope (a warning; an error under --strict).
std::vector<std::string> required_scopes(const spec::Document& doc, const spec::Operation& op,
                                         const std::string& method_name, const spec::ScopeMap* map,
                                         Diagnostics& diags);

}  // namespace wink::codegen::ir
