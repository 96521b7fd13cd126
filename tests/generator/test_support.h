// Helpers shared by the generator's stage tests: run the front stages on inline YAML.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "diag/diagnostics.h"
#include "ir/build.h"
#include "load/loader.h"
#include "spec/parse.h"

namespace wink::codegen::testing {

struct Parsed {
  Diagnostics diags;
  std::unique_ptr<load::Loader> loader;
  std::optional<spec::Document> doc;
};

inline std::unique_ptr<Parsed> parse_yaml_doc(const std::string& yaml) {
  auto p = std::make_unique<Parsed>();
  p->loader = std::make_unique<load::Loader>(p->diags);
  const load::Node* root = p->loader->load_text("test.yaml", yaml);
  if (root) p->doc = spec::parse_document(*p->loader, *root, p->diags);
  return p;
}

// A minimal 3.1 document around the given `paths:` and `components:` YAML blocks.
inline std::string openapi(const std::string& paths, const std::string& components = "") {
  return "openapi: 3.1.0\ninfo:\n  title: T\n  version: '1'\npaths:\n" + paths +
         (components.empty() ? "" : "components:\n" + components);
}

}  // namespace wink::codegen::testing
