// The stages every command shares: load -> validated document -> (scope map) -> IR.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "ir/build.h"
#include "spec/scope_map.h"
#include "load/loader.h"
#include "spec/document.h"

namespace wink::codegen::cli {

struct FrontOptions {
  std::string spec;
  std::string scopes;      // scope map file; empty = none
  std::string namespace_name = "wink::sdk";
  bool strict = false;
  std::vector<std::string> ref_roots;  // folders file $refs may point into, besides the document's own
};

// Wall time of each stage, for `generate --stats` and the benchmarks.
struct StageTimes {
  double load = 0, spec = 0, ir = 0, render = 0, write = 0;
};

struct Front {
  Diagnostics diags;
  StageTimes times;
  std::unique_ptr<load::Loader> loader;
  std::unique_ptr<load::Loader> scope_loader;
  std::optional<spec::Document> document;
  std::optional<spec::ScopeMap> scope_map;
  std::optional<ir::Sdk> sdk;
};

// Runs the stages; on failure `front.sdk` is empty and `front.diags` says why.
void run_front(const FrontOptions& options, Front& front);

// Seconds since `start` (steady clock).
double seconds_since(std::chrono::steady_clock::time_point start);
// Peak resident set size of this process in bytes (0 where the system does not say).
std::size_t peak_rss_bytes();

// Prints every diagnostic to stderr and a one-line summary when there are any.
void print_diagnostics(const Diagnostics& diags);

// Exit codes shared by all commands.
enum ExitCode { kOk = 0, kFindings = 1, kUsage = 2 };

int generate_command(int argc, char** argv);
int scopes_command(int argc, char** argv);
int diff_command(int argc, char** argv);

}  // namespace wink::codegen::cli
