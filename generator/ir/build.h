// Validated document -> IR.
#pragma once

#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "ir/ir.h"
#include "ir/security.h"
#include "spec/document.h"

namespace wink::codegen::ir {

struct BuildOptions {
  std::string namespace_name = "wink::sdk";
  const ScopeMap* scope_map = nullptr;
};

std::optional<Sdk> build_sdk(const spec::Document& doc, const BuildOptions& options, Diagnostics& diags);

// The C++ method name of an operationId: identical for showRatePlan and show-rate-plan.
std::string method_name_for(const std::string& operation_id);

}  // namespace wink::codegen::ir
