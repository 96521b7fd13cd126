// Private files on POSIX: O_NOFOLLOW + fstat checks for reading; O_CREAT|O_EXCL|O_NOFOLLOW with
// mode 0600, fsync and rename(2) for writing.
#include "platform/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "platform/random.h"
#include "wink/errors.h"

namespace wink::platform {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int err = 0) {
  std::string m = "token store " + path + ": " + what;
  if (err != 0) m += std::string(" (") + std::strerror(err) + ")";
  throw Error(ErrorKind::Config, m);
}

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

std::string random_suffix() {
  unsigned char bytes[8];
  secure_random(bytes, sizeof bytes);
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (unsigned char b : bytes) {
    s.push_back(hex[b >> 4]);
    s.push_back(hex[b & 15]);
  }
  return s;
}

std::string parent_dir(const std::string& path) {
  auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

bool write_all(int fd, const std::string& content) {
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::optional<std::string> read_private_file(const std::string& path, std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return std::nullopt;
    if (err == ELOOP) fail("is a symbolic link; refusing to follow it", path);
    fail("cannot open it", path, err);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    fail("cannot stat it", path, err);
  }
  std::string problem;
  if (!S_ISREG(st.st_mode))
    problem = "is not a regular file";
  else if (st.st_uid != ::geteuid())
    problem = "belongs to another user (uid " + std::to_string(st.st_uid) + "); refusing it";
  else if ((st.st_mode & 077) != 0)
    problem = "has mode " + octal_mode(st.st_mode) + ", so other users may read or replace it; refusing it (chmod 600)";
  else if (static_cast<std::size_t>(st.st_size) > max_bytes)
    problem = "is larger than " + std::to_string(max_bytes) + " bytes";
  if (!problem.empty()) {
    ::close(fd);
    fail(problem, path);
  }
  std::string content;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      fail("cannot read it", path, err);
    }
    if (n == 0) break;
    content.append(buf, static_cast<std::size_t>(n));
    if (content.size() > max_bytes) {
      ::close(fd);
      fail("is larger than " + std::to_string(max_bytes) + " bytes", path);
    }
  }
  ::close(fd);
  return content;
}

void write_private_file(const std::string& path, const std::string& content) {
  std::string tmp;
  int fd = -1;
  for (int tries = 0; fd < 0 && tries < 8; ++tries) {
    tmp = path + ".tmp-" + random_suffix();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST) fail("cannot create a temporary file beside it", path, errno);
  }
  if (fd < 0) fail("cannot create a temporary file beside it", path, EEXIST);
  if (!write_all(fd, content) || ::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    ::unlink(tmp.c_str());
    fail("cannot write it", path, err);
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    fail("cannot replace it", path, err);
  }
  // The rename itself is durable once the directory is flushed (best effort).
  int dir = ::open(parent_dir(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
}

}  // namespace wink::platform
