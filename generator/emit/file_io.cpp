#include "emit/file_io.h"

#include <cerrno>
#include <fstream>

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#endif

namespace wink::codegen::emit {
namespace {

// The C library's reason for the last failed open or write (POSIX and the Windows CRT set errno
// there), or a generic I/O error when it left none.
std::error_code last_error() {
  const int error = errno;
  return error ? std::error_code(error, std::generic_category()) : std::make_error_code(std::errc::io_error);
}

}  // namespace

std::error_code write_file(const std::filesystem::path& path, std::string_view content) {
  errno = 0;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return last_error();
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();  // flushes: a full disk shows up here
  if (!out) return last_error();
  return {};
}

bool holds(const std::filesystem::path& path, std::string_view content) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string existing(content.size() + 1, '\0');
  in.read(existing.data(), static_cast<std::streamsize>(existing.size()));
  return static_cast<std::size_t>(in.gcount()) == content.size() &&
         std::string_view(existing.data(), content.size()) == content;
}

bool read_file(const std::filesystem::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.clear();
  char buffer[64 * 1024];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) out.append(buffer, static_cast<std::size_t>(in.gcount()));
  return in.eof() && !in.bad();
}

std::error_code replace_file(const std::filesystem::path& from, const std::filesystem::path& to) {
#ifdef _WIN32
  // Not every std::filesystem::rename on Windows replaces an existing file (older MinGW
  // libstdc++ does not); MoveFileExW says so explicitly.
  if (::MoveFileExW(from.c_str(), to.c_str(), MOVEFILE_REPLACE_EXISTING)) return {};
  return std::error_code(static_cast<int>(::GetLastError()), std::system_category());
#else
  std::error_code ec;
  std::filesystem::rename(from, to, ec);
  return ec;
#endif
}

}  // namespace wink::codegen::emit
