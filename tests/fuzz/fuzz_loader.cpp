// Fuzz target: any bytes through load -> spec -> IR must end in a result or located
// diagnostics, never a crash, hang or sanitizer report. Also: wherever the fast JSON parser
// accepts the input, the reporting parser accepts it too and builds the same tree.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/diagnostics.h"
#include "ir/build.h"
#include "load/loader.h"
#include "load/text_support.h"
#include "spec/parse.h"

namespace {

bool same_tree(const wink::codegen::load::Node& a, const wink::codegen::load::Node& b) {
  if (a.kind != b.kind || a.location.line != b.location.line || a.location.column != b.location.column ||
      a.boolean != b.boolean || a.integer != b.integer || a.text != b.text || a.items.size() != b.items.size() ||
      a.members.size() != b.members.size())
    return false;
  if (!(a.number == b.number || (a.number != a.number && b.number != b.number))) return false;
  for (std::size_t i = 0; i < a.items.size(); ++i)
    if (!same_tree(a.items[i], b.items[i])) return false;
  for (std::size_t i = 0; i < a.members.size(); ++i)
    if (a.members[i].first != b.members[i].first || !same_tree(a.members[i].second, b.members[i].second)) return false;
  return true;
}

void check_fast_json_parser(const std::string& text, const wink::codegen::load::LoadLimits& limits) {
  using namespace wink::codegen;
  static const std::string name = "fuzz-input";
  Diagnostics ignored;
  std::string_view prepared = text;
  if (!load::detail::prepare_document_text(prepared, &name, ignored)) return;
  auto fast = load::parse_json_fast(prepared, &name, limits);
  if (!fast) return;
  Diagnostics diags;
  auto reference = load::parse_json_reporting(text, &name, diags, limits);
  if (!reference || diags.has_errors() || !same_tree(*fast, *reference)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace wink::codegen;
  Diagnostics diags;
  load::LoadLimits limits;
  limits.max_nodes = 200'000;  // keep each input fast
  load::Loader loader(diags, limits);
  std::string text(reinterpret_cast<const char*>(data), size);
  check_fast_json_parser(text, limits);
  const load::Node* root = loader.load_text("fuzz-input", std::move(text));
  if (!root) return 0;
  auto doc = spec::parse_document(loader, *root, diags);
  if (!doc) return 0;
  ir::build_sdk(*doc, {}, diags);
  for (const auto& d : diags.all())
    if (d.severity == Severity::Error && d.location.line == 0 && d.pointer.empty()) __builtin_trap();  // unlocated
  return 0;
}
