#include "cli/commands/arguments.h"

#include <iostream>

#include "cli/commands/pipeline.h"

namespace wink::codegen::cli {

std::optional<cxxopts::ParseResult> parse_arguments(cxxopts::Options& opts, int argc, char** argv, int& exit_code) {
  opts.add_options()("version", "print the version")("h,help", "print this help");
  cxxopts::ParseResult args;
  try {
    args = opts.parse(argc, argv);
  } catch (const cxxopts::exceptions::exception& e) {
    std::cerr << opts.program() << ": " << e.what() << "\n" << opts.help();
    exit_code = kUsage;
    return std::nullopt;
  }
  if (args.count("help")) {
    std::cout << opts.help();
    exit_code = kOk;
    return std::nullopt;
  }
  if (args.count("version")) {
    std::cout << "wink-codegen " << WINK_CODEGEN_VERSION << "\n";
    exit_code = kOk;
    return std::nullopt;
  }
  if (!args.unmatched().empty()) {
    std::cerr << opts.program() << ": unexpected argument '" << args.unmatched().front() << "'\n";
    exit_code = kUsage;
    return std::nullopt;
  }
  return args;
}

}  // namespace wink::codegen::cli
