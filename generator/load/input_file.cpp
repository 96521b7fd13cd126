#include "load/input_file.h"

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <system_error>

namespace wink::codegen::load {
namespace fs = std::filesystem;
namespace {

// Linux's /proc and /sys hold "regular" files whose contents the kernel makes up as they are
// read (some without end, some blocking); none of them is a document.
bool in_pseudo_file_system(const fs::path& path) {
  std::error_code ec;
  const fs::path real = fs::weakly_canonical(path, ec);
  if (ec) return false;
  auto part = real.begin();
  if (part == real.end() || *part != "/" || ++part == real.end()) return false;
  return *part == "proc" || *part == "sys";
}

}  // namespace

std::string read_input_file(const std::string& path, std::size_t max_bytes, std::string& out) {
  out.clear();
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);  // a link is followed to what it names
  if (status.type() == fs::file_type::not_found) return "no such file";
  if (ec) return ec.message();
  if (fs::is_directory(status)) return "it is a directory";
  if (!fs::is_regular_file(status)) return "it is not a regular file (a FIFO, a device or a socket)";
  if (in_pseudo_file_system(path)) return "it is a file of the /proc or /sys pseudo file system";

  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return errno ? std::generic_category().message(errno) : "it cannot be opened";
  // The size the file system reports is only a hint (a file may change meanwhile, some report 0):
  // the limit is checked on the bytes read.
  if (const std::uintmax_t size = fs::file_size(path, ec); !ec)
    out.reserve(static_cast<std::size_t>(std::min<std::uintmax_t>(size, max_bytes)));
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    if (n > max_bytes - out.size()) {
      out.clear();
      return "it is larger than " + std::to_string(max_bytes) + " bytes";
    }
    out.append(buffer, n);
  }
  if (in.bad()) {
    out.clear();
    return "it cannot be read";
  }
  return "";
}

}  // namespace wink::codegen::load
