// wink-codegen: OpenAPI 3.0/3.1 -> C++ SDK for the Wink API.
#include <cstring>
#include <iostream>
#include <new>

#include "cli/commands/pipeline.h"

namespace {

const char* kUsageText =
    "usage: wink-codegen <command> [options]\n"
    "\n"
    "commands:\n"
    "  generate   generate a C++ SDK from an OpenAPI document\n"
    "  scopes     show the OAuth scopes each operation requires\n"
    "  diff       compare two versions of a document: breaking, source, non-breaking changes\n"
    "\n"
    "`wink-codegen <command> --help` describes a command's options.\n"
    "exit codes: 0 ok, 1 findings or bad input, 2 usage\n";

}  // namespace

int main(int argc, char** argv) {
  using namespace wink::codegen::cli;
  if (argc < 2) {
    std::cerr << kUsageText;
    return kUsage;
  }
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kUsageText;
    return kOk;
  }
  if (command == "--version") {
    std::cout << "wink-codegen " << WINK_CODEGEN_VERSION << "\n";
    return kOk;
  }
  try {
    if (command == "generate") return generate_command(argc - 1, argv + 1);
    if (command == "scopes") return scopes_command(argc - 1, argv + 1);
    if (command == "diff") return diff_command(argc - 1, argv + 1);
  } catch (const std::bad_alloc&) {
    // A document within the size limits can still need more memory than the machine (or a
    // ulimit) allows: say so, instead of "std::bad_alloc" or a crash. Nothing was written.
    std::cerr << "wink-codegen: error: out of memory while processing the input; nothing was written\n";
    return kFindings;
  } catch (const std::exception& e) {
    std::cerr << "wink-codegen: internal error: " << e.what() << "\n";
    // For `diff`, 1 means "changes at or above --fail-on": a failure must not read like that.
    return command == "diff" ? kUsage : kFindings;
  }
  std::cerr << "wink-codegen: unknown command '" << command << "'\n" << kUsageText;
  return kUsage;
}
