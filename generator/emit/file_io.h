// The writer's file operations: plain POSIX calls on names relative to an open folder (or
// AT_FDCWD). A regeneration touches hundreds of files, and iostreams or whole-path lookups cost
// more than the I/O itself.
#pragma once

#include <string>

namespace wink::codegen::emit {

// Reads the whole file into `out`; false when it cannot be opened or read.
bool read_file(int folder, const char* name, std::string& out);

// True when `name` holds exactly `content`; `missing` tells whether it could not be opened
// because there is no such file.
bool holds(int folder, const char* name, const std::string& content, bool& missing);

// Creates or truncates `name` and writes `content` to it.
bool write_all(int folder, const char* name, const std::string& content);

// Gives `content` the new name `name` only once it is complete: written to an unnamed file in the
// folder (O_TMPFILE), then linked. One folder update instead of a create and a rename, and a crash
// leaves nothing behind. Linked: done. Exists: `name` exists (left untouched). Unavailable: the
// file system or kernel cannot do this (or the write failed); the caller takes the
// temporary-file-and-rename path, which reports errors.
enum class NewFile { Linked, Exists, Unavailable };
NewFile write_new_file(int folder, const char* name, const std::string& content);

// Gives the unnamed file open as `fd` the name `name` in `folder`: by its descriptor
// (AT_EMPTY_PATH; before Linux 6.10 that needs CAP_DAC_READ_SEARCH, which users rarely have) or
// through /proc/self/fd (needs /proc). False with errno set when it cannot (EEXIST: the name is
// taken). write_new_file tries the first and falls back to the second.
bool link_unnamed_file(int fd, int folder, const char* name, bool through_proc);

}  // namespace wink::codegen::emit
