// Platform seam: small files only the current user may read or replace (the token store).
// POSIX: private_file_posix.cpp.
#pragma once

#include <optional>
#include <string>

namespace wink::platform {

// The file's content, or nullopt when it does not exist. Throws wink::Error (Config) when it is
// a symbolic link or not a regular file, is owned by another user, grants any permission to
// group or others, or is larger than `max_bytes`.
std::optional<std::string> read_private_file(const std::string& path, std::size_t max_bytes = 1u << 20);

// Replaces the file atomically: the content goes to a new, uniquely named file beside it
// (created exclusively, never through a symbolic link, owner read/write only), is flushed to
// disk and renamed over `path`. Throws wink::Error (Config); nothing is half-written.
void write_private_file(const std::string& path, const std::string& content);

}  // namespace wink::platform
