// The writer's file operations. Everything here is portable C++ except how a file replaces
// another (replace_file), which is the only place that knows the operating system.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

namespace wink::codegen::emit {

// Creates or truncates `path` and writes `content`; the error says why it could not (permission
// denied, read-only file system, no space left...).
std::error_code write_file(const std::filesystem::path& path, std::string_view content);

// True when the regular file `path` holds exactly `content`. Reads at most one byte more than
// `content`, so a longer file is not read to its end.
bool holds(const std::filesystem::path& path, std::string_view content);

// Reads the whole regular file `path` into `out`; false when it cannot be opened or read.
bool read_file(const std::filesystem::path& path, std::string& out);

// Gives the complete file `from` the name `to` in one step, replacing a file of that name: a
// reader sees the old file or the new one, never a mix.
std::error_code replace_file(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace wink::codegen::emit
