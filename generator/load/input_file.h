// Reads the files a run is given: the document, a scope map and the files its `$ref`s name. Only
// regular files are read, and never more than a limit, whatever size the file system reports: a
// FIFO nobody writes to would hang the run, and /dev/zero or a /proc file (which reports a size
// of 0) could fill its memory.
#pragma once

#include <cstddef>
#include <string>

namespace wink::codegen::load {

// Reads the regular file `path` into `out`, at most `max_bytes`. Returns "" on success, else why
// it cannot ("no such file", "it is a directory", "it is larger than N bytes", the system's
// reason...), to follow "cannot read 'file': ".
std::string read_input_file(const std::string& path, std::size_t max_bytes, std::string& out);

}  // namespace wink::codegen::load
