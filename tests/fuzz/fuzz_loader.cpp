// Fuzz target: any bytes through load -> spec -> IR must end in a result or located
// diagnostics, never a crash, hang or sanitizer report. With WINK_FUZZ_COMPILE_EVERY=N (the
// corpus replay sets it), every Nth accepted input is also rendered and its SDK compiled with
// -fsyntax-only -Werror (at most WINK_FUZZ_COMPILE_MAX times): what the loader accepts compiles.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "diag/diagnostics.h"
#include "emit/render.h"
#include "emit/templates.h"
#include "ir/build.h"
#include "load/loader.h"
#include "spec/parse.h"

namespace {

long env_number(const char* name, long fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtol(v, nullptr, 10) : fallback;
}

// Writes the SDK to a scratch folder and compiles every source and header in one translation unit.
void compile_sample(const wink::codegen::ir::Sdk& sdk) {
  using namespace wink::codegen;
  namespace fs = std::filesystem;
  Diagnostics diags;
  const auto files = emit::render_sdk(sdk, emit::load_templates("", diags), {}, diags);
  if (diags.has_errors()) {
    std::fprintf(stderr, "accepted input does not render:\n%s", diags.to_string().c_str());
    __builtin_trap();
  }
  const fs::path dir = fs::temp_directory_path() / ("wink-fuzz-compile-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  std::string unit = "#include <gmock/gmock.h>\n";
  for (const auto& f : files) {
    const fs::path path = dir / "sdk" / f.path;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << f.content;
    const std::string ext = path.extension().string();
    if (ext == ".h" || ext == ".cpp") unit += "#include \"" + path.string() + "\"\n";
  }
  std::ofstream(dir / "unit.cpp") << unit;
  const std::string command = std::string(WINK_CXX_COMPILER) + " -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I'" +
                              (dir / "sdk/include").string() + "' -I'" + WINK_RUNTIME_INCLUDE + "' '" +
                              (dir / "unit.cpp").string() + "' 2>'" + (dir / "errors.txt").string() + "'";
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr, "the SDK of an accepted input does not compile; see %s\n", dir.string().c_str());
    __builtin_trap();
  }
  fs::remove_all(dir);
}

}  // namespace

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
  auto sdk = ir::build_sdk(*doc, {}, diags);
  static const long every = env_number("WINK_FUZZ_COMPILE_EVERY", 0);
  static const long max_compiles = env_number("WINK_FUZZ_COMPILE_MAX", 4);
  static long accepted = 0, compiled = 0;
  if (sdk && !diags.has_errors() && every > 0 && accepted++ % every == 0 && compiled < max_compiles) {
    ++compiled;
    compile_sample(*sdk);
  }
  for (const auto& d : diags.all())
    if (d.severity == Severity::Error && d.location.line == 0 && d.pointer.empty()) __builtin_trap();  // unlocated
  return 0;
}
