// Command-line parsing shared by every command: --help, --version and usage errors.
#pragma once

#include <cxxopts.hpp>
#include <optional>

namespace wink::codegen::cli {

// Adds --version and --help to `opts`, parses argv, and handles both. Returns the parsed
// arguments, or nullopt with `exit_code` set (0 after --help/--version, 2 on a usage error).
std::optional<cxxopts::ParseResult> parse_arguments(cxxopts::Options& opts, int argc, char** argv, int& exit_code);

}  // namespace wink::codegen::cli
