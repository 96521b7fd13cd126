#include "cli/commands/pipeline.h"

#include <iostream>

#if __has_include(<sys/resource.h>)
#include <sys/resource.h>
#define WINK_CODEGEN_HAS_RUSAGE 1
#endif

#include "spec/parse.h"
#include "spec/scope_map.h"

namespace wink::codegen::cli {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Only for --stats (the benchmarks): where getrusage is missing (Windows) it reports 0.
std::size_t peak_rss_bytes() {
#ifdef WINK_CODEGEN_HAS_RUSAGE
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
#ifdef __APPLE__
  return static_cast<std::size_t>(usage.ru_maxrss);  // bytes
#else
  return static_cast<std::size_t>(usage.ru_maxrss) * 1024;  // KiB
#endif
#else
  return 0;
#endif
}

void run_front(const FrontOptions& options, Front& front) {
  front.diags.set_strict(options.strict);
  auto start = std::chrono::steady_clock::now();
  front.loader = std::make_unique<load::Loader>(front.diags);
  for (const auto& dir : options.ref_roots) front.loader->allow_ref_root(dir);
  const load::Node* root = front.loader->load_root(options.spec);
  if (!options.scopes.empty()) {
    front.scope_loader = std::make_unique<load::Loader>(front.diags);
    if (const load::Node* map = front.scope_loader->load_root(options.scopes))
      front.scope_map = spec::parse_scope_map(*map, front.diags);
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
