// Fuzz target: any bytes through load -> spec -> IR must end in a result or located
// diagnostics, never a crash, hang or sanitizer report.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/diagnostics.h"
#include "ir/build.h"
#include "load/loader.h"
#include "spec/parse.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wink::codegen;
  Diagnostics diags;
  load::LoadLimits limits;
  limits.max_nodes = 200'000;  // keep each input fast
  load::Loader loader(diags, limits);
  std::string text(reinterpret_cast<const char*>(data), size);
  const load::Node* root = loader.load_text("fuzz-input", std::move(text));
  if (!root) return 0;
  auto doc = spec::parse_document(loader, *root, diags);
  if (!doc) return 0;
  ir::build_sdk(*doc, {}, diags);
  for (const auto& d : diags.all())
    if (d.severity == Severity::Error && d.location.line == 0 && d.pointer.empty()) __builtin_trap();  // unlocated
  return 0;
}
