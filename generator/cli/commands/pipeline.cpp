#include "cli/commands/pipeline.h"

#include <iostream>

#include "spec/parse.h"

namespace wink::codegen::cli {

void run_front(const FrontOptions& options, Front& front) {
  front.diags.set_strict(options.strict);
  front.loader = std::make_unique<load::Loader>(front.diags);
  const load::Node* root = front.loader->load_root(options.spec);
  if (!options.scopes.empty()) {
    front.scope_loader = std::make_unique<load::Loader>(front.diags);
    if (const load::Node* map = front.scope_loader->load_root(options.scopes))
      front.scope_map = ir::parse_scope_map(*map, front.diags);
  }
  if (!root) return;
  front.document = spec::parse_document(*front.loader, *root, front.diags);
  if (!front.document || front.diags.has_errors()) return;
  ir::BuildOptions build;
  build.namespace_name = options.namespace_name;
  build.scope_map = front.scope_map ? &*front.scope_map : nullptr;
  front.sdk = ir::build_sdk(*front.document, build, front.diags);
  if (front.sdk) front.sdk->generator_version = WINK_CODEGEN_VERSION;
  if (front.diags.has_errors()) front.sdk.reset();
}

void print_diagnostics(const Diagnostics& diags) {
  if (diags.all().empty()) return;
  std::cerr << diags.to_string();
  std::cerr << diags.error_count() << " error(s), " << diags.warning_count() << " warning(s)\n";
}

}  // namespace wink::codegen::cli
