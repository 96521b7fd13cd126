// The stages every command shares: load -> validated document -> (scope map) -> IR.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "ir/build.h"
#include "ir/security.h"
#include "load/loader.h"
#include "spec/document.h"

namespace wink::codegen::cli {

struct FrontOptions {
  std::string spec;
  std::string scopes;      // scope map file; empty = none
  std::string namespace_name = "wink::sdk";
  bool strict = false;
};

struct Front {
  Diagnostics diags;
  std::unique_ptr<load::Loader> loader;
  std::unique_ptr<load::Loader> scope_loader;
  std::optional<spec::Document> document;
  std::optional<ir::ScopeMap> scope_map;
  std::optional<ir::Sdk> sdk;
};

// Runs the stages; on failure `front.sdk` is empty and `front.diags` says why.
void run_front(const FrontOptions& options, Front& front);

// Prints every diagnostic to stderr and a one-line summary when there are any.
void print_diagnostics(const Diagnostics& diags);

// Exit codes shared by all commands.
enum ExitCode { kOk = 0, kFindings = 1, kUsage = 2 };

int generate_command(int argc, char** argv);
int scopes_command(int argc, char** argv);

}  // namespace wink::codegen::cli
