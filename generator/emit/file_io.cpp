#include "emit/file_io.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

namespace wink::codegen::emit {
namespace {

bool write_fd(int fd, const std::string& content) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

#ifdef O_TMPFILE  // Linux
// How an unnamed file gets its name: by its descriptor or through /proc (see link_unnamed_file).
// Learnt from the first file and kept.
enum class LinkWay { Unknown, Descriptor, Proc, None };
std::atomic<LinkWay> link_way{LinkWay::Unknown};
#endif

}  // namespace

// A read that returns less than asked is the end of a regular file, so most files take one
// open, one read and one close (a folder fails the read).
bool read_file(int folder, const char* name, std::string& out) {
  int fd = ::openat(folder, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  thread_local std::vector<char> buffer(256u << 10);
  bool ok = true;
  while (true) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(n));
    if (static_cast<std::size_t>(n) < buffer.size()) break;
  }
  ::close(fd);
  return ok;
}

// One read of one byte more than `content`: a regular file returns less than asked only at its
// end, so a read of exactly content.size() bytes is the whole file (no fstat, no second read;
// anything else counts as changed).
bool holds(int folder, const char* name, const std::string& content, bool& missing) {
  int fd = ::openat(folder, name, O_RDONLY | O_CLOEXEC);
  missing = fd < 0 && errno == ENOENT;
  if (fd < 0) return false;
  thread_local std::string existing;
  existing.resize(content.size() + 1);
  ssize_t n;
  do n = ::read(fd, existing.data(), existing.size());
  while (n < 0 && errno == EINTR);
  ::close(fd);
  return n == static_cast<ssize_t>(content.size()) && std::memcmp(existing.data(), content.data(), content.size()) == 0;
}

bool write_all(int folder, const char* name, const std::string& content) {
  int fd = ::openat(folder, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  const bool ok = write_fd(fd, content);
  return ::close(fd) == 0 && ok;
}

bool link_unnamed_file([[maybe_unused]] int fd, [[maybe_unused]] int folder, [[maybe_unused]] const char* name,
                       [[maybe_unused]] bool through_proc) {
#ifdef AT_EMPTY_PATH
  if (!through_proc) return ::linkat(fd, "", folder, name, AT_EMPTY_PATH) == 0;
  char path[40];
  std::snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  return ::linkat(AT_FDCWD, path, folder, name, AT_SYMLINK_FOLLOW) == 0;
#else
  errno = ENOTSUP;
  return false;
#endif
}

NewFile write_new_file(int folder, const char* name, const std::string& content) {
#ifndef O_TMPFILE  // not Linux: always the temporary name and the rename
  (void)folder, (void)name, (void)content;
  return NewFile::Unavailable;
#else
  LinkWay way = link_way.load(std::memory_order_relaxed);
  if (way == LinkWay::None) return NewFile::Unavailable;
  int fd = ::openat(folder, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0) {
    if (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL) link_way = LinkWay::None;
    return NewFile::Unavailable;
  }
  NewFile result = NewFile::Unavailable;
  if (write_fd(fd, content)) {
    if (way == LinkWay::Unknown || way == LinkWay::Descriptor) {
      if (link_unnamed_file(fd, folder, name, false)) result = NewFile::Linked;
      else if (errno == EEXIST) result = NewFile::Exists;
      else if (way == LinkWay::Unknown && (errno == ENOENT || errno == EPERM)) way = LinkWay::Proc;
      else way = LinkWay::None;
      if (result != NewFile::Unavailable) way = LinkWay::Descriptor;
    }
    if (result == NewFile::Unavailable && way == LinkWay::Proc) {
      if (link_unnamed_file(fd, folder, name, true)) result = NewFile::Linked;
      else if (errno == EEXIST) result = NewFile::Exists;
      else way = LinkWay::None;
    }
    link_way.store(way, std::memory_order_relaxed);
  }
  ::close(fd);
  return result;
#endif
}

}  // namespace wink::codegen::emit
