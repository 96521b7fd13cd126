// The scope map: our document (specs/wink-scopes.yaml) that gives Wink's operations the OAuth
// scopes their documents leave out. The load stage reads the file; this validates its tree.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "diag/diagnostics.h"
#include "load/node.h"

namespace wink::codegen::spec {

struct ScopeMap {
  std::vector<std::string> sections;        // empty: any section
  std::map<std::string, std::string> tags;  // tag -> section
  // Per-operation overrides in document order, by operationId in any naming style: the IR matches
  // them by C++ method name, so showRatePlan and show-rate-plan are one operation.
  std::vector<std::pair<std::string, std::vector<std::string>>> operations;
};

std::optional<ScopeMap> parse_scope_map(const load::Node& root, Diagnostics& diags);

}  // namespace wink::codegen::spec
