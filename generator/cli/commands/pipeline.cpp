#include "cli/commands/pipeline.h"

#include <sys/resource.h>

#include <iostream>

#include "spec/parse.h"

namespace wink::codegen::cli {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::size_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

void run_front(const FrontOptions& options, Front& front) {
  front.diags.set_strict(options.strict);
  auto start = std::chrono::steady_clock::now();
  front.loader = std::make_unique<load::Loader>(front.diags);
  const load::Node* root = front.loader->load_root(options.spec);
  if (!options.scopes.empty()) {
    front.scope_loader = std::make_unique<load::Loader>(front.diags);
    if (const load::Node* map = front.scope_loader->load_root(options.scopes))
      front.scope_map = ir::parse_scope_map(*map, front.diags);
  }
  front.times.load = seconds_since(start);
  if (!root) return;
  start = std::chrono::steady_clock::now();
  front.document = spec::parse_document(*front.loader, *root, front.diags);
  front.times.spec = seconds_since(start);
  if (!front.document || front.diags.has_errors()) return;
  start = std::chrono::steady_clock::now();
  ir::BuildOptions build;
  build.namespace_name = options.namespace_name;
  build.scope_map = front.scope_map ? &*front.scope_map : nullptr;
  front.sdk = ir::build_sdk(*front.document, build, front.diags);
  if (front.sdk) front.sdk->generator_version = WINK_CODEGEN_VERSION;
  front.times.ir = seconds_since(start);
  if (front.diags.has_errors()) front.sdk.reset();
}

void print_diagnostics(const Diagnostics& diags) {
  if (diags.all().empty()) return;
  std::cerr << diags.to_string();
  std::cerr << diags.error_count() << " error(s), " << diags.warning_count() << " warning(s)\n";
}

}  // namespace wink::codegen::cli
