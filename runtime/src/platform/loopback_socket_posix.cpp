// The loopback listener's sockets on POSIX (BSD sockets + poll).
#include "platform/loopback_socket.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include "wink/errors.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0  // macOS: SO_NOSIGPIPE is set on the socket instead
#endif

namespace wink::platform {

namespace {
int poll_ms(std::chrono::milliseconds timeout) {
  if (timeout.count() <= 0) return 0;
  return timeout.count() > 60000 ? 60000 : static_cast<int>(timeout.count());
}

// Waits for `fd` to become readable; false on timeout.
bool wait_readable(int fd, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, poll_ms(left));
    if (r > 0) return true;
    if (r < 0 && errno != EINTR) return false;
  }
}

void set_cloexec_nosigpipe(int fd) {
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
#ifdef SO_NOSIGPIPE
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
}
}  // namespace

LoopbackConnection& LoopbackConnection::operator=(LoopbackConnection&& other) noexcept {
  if (this != &other) {
    if (handle_ >= 0) ::close(handle_);
    handle_ = other.handle_;
    other.handle_ = -1;
  }
  return *this;
}

LoopbackConnection::~LoopbackConnection() {
  if (handle_ >= 0) ::close(handle_);
}

bool LoopbackConnection::read_some(std::string& out, std::chrono::milliseconds timeout) {
  if (handle_ < 0 || !wait_readable(handle_, timeout)) return false;
  char buf[4096];
  for (;;) {
    ssize_t n = ::recv(handle_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out.append(buf, static_cast<std::size_t>(n));
    return true;
  }
}

void LoopbackConnection::send_all(std::string_view data) {
  while (handle_ >= 0 && !data.empty()) {
    ssize_t n = ::send(handle_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

LoopbackSocket::LoopbackSocket() {
  handle_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (handle_ < 0) throw TransportError("redirect listener: socket() failed", 0, false);
  set_cloexec_nosigpipe(handle_);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(handle_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(handle_, 16) != 0 ||
      ::getsockname(handle_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(handle_);
    handle_ = -1;
    throw TransportError("redirect listener: cannot listen on 127.0.0.1", 0, false);
  }
  port_ = ntohs(addr.sin_port);
}

LoopbackSocket::~LoopbackSocket() {
  if (handle_ >= 0) ::close(handle_);
}

LoopbackConnection LoopbackSocket::accept(std::chrono::milliseconds timeout) {
  if (!wait_readable(handle_, timeout)) return LoopbackConnection();
  int c = ::accept(handle_, nullptr, nullptr);
  if (c < 0) return LoopbackConnection();
  set_cloexec_nosigpipe(c);
  return LoopbackConnection(c);
}

}  // namespace wink::platform
