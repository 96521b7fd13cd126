// Platform seam: the TCP listener on 127.0.0.1 that receives the browser's OAuth redirect.
// POSIX: loopback_socket_posix.cpp.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace wink::platform {

// One accepted connection; closed by the destructor.
class LoopbackConnection {
 public:
  LoopbackConnection() = default;
  explicit LoopbackConnection(int handle) : handle_(handle) {}
  LoopbackConnection(LoopbackConnection&& other) noexcept : handle_(other.handle_) { other.handle_ = -1; }
  LoopbackConnection& operator=(LoopbackConnection&& other) noexcept;
  LoopbackConnection(const LoopbackConnection&) = delete;
  LoopbackConnection& operator=(const LoopbackConnection&) = delete;
  ~LoopbackConnection();

  bool valid() const noexcept { return handle_ >= 0; }
  // Appends what arrives within `timeout`; false on timeout, end of stream or error.
  bool read_some(std::string& out, std::chrono::milliseconds timeout);
  // Best effort; never raises SIGPIPE.
  void send_all(std::string_view data);

 private:
  int handle_ = -1;
};

// Bound to 127.0.0.1 on an ephemeral port and listening; closed by the destructor.
class LoopbackSocket {
 public:
  LoopbackSocket();  // throws wink::TransportError
  ~LoopbackSocket();
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;

  int port() const noexcept { return port_; }
  // The next connection, or an invalid one when none came within `timeout`.
  LoopbackConnection accept(std::chrono::milliseconds timeout);

 private:
  int handle_ = -1;
  int port_ = 0;
};

}  // namespace wink::platform
