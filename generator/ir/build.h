// Validated document -> IR: the IR stage's entry point.
#pragma once

#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "ir/ir.h"
#include "spec/document.h"
#include "spec/scope_map.h"

namespace wink::codegen::ir {

struct BuildOptions {
  std::string namespace_name = "wink::sdk";
  const spec::ScopeMap* scope_map = nullptr;
};

std::optional<Sdk> build_sdk(const spec::Document& doc, const BuildOptions& options, Diagnostics& diags);

}  // namespace wink::codegen::ir
