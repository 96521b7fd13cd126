// secure_random on POSIX: getrandom(2) on Linux, getentropy(3) elsewhere, /dev/urandom as the
// last resort.
#include "platform/random.h"

#include <fcntl.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

#include <algorithm>
#include <cerrno>

#include "wink/errors.h"

namespace wink::platform {

namespace {
bool from_urandom(unsigned char* p, std::size_t left) {
  int fd = ::open("/dev/urandom", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  while (left > 0) {
    ssize_t n = ::read(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  ::close(fd);
  return left == 0;
}
}  // namespace

void secure_random(void* out, std::size_t size) {
  auto* p = static_cast<unsigned char*>(out);
  std::size_t left = size;
  while (left > 0) {
#if defined(__linux__)
    ssize_t n = ::getrandom(p, left, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
#else
    const std::size_t n = std::min<std::size_t>(left, 256);  // getentropy's maximum
    if (::getentropy(p, n) != 0) break;
#endif
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (left > 0 && !from_urandom(p, left)) throw Error(ErrorKind::Config, "no source of secure random bytes");
}

}  // namespace wink::platform
