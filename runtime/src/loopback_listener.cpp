// Minimal HTTP listener for the OAuth redirect (RFC 8252 7.3): bound to 127.0.0.1 on an
// ephemeral port, accepts until GET /callback arrives, answers a tiny page.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "encoding.h"
#include "wink/authorization_code.h"
#include "wink/errors.h"

namespace wink {

LoopbackListener::LoopbackListener() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw TransportError("redirect listener: socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 8) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd_);
    throw TransportError("redirect listener: cannot listen on 127.0.0.1");
  }
  port_ = ntohs(addr.sin_port);
}

LoopbackListener::~LoopbackListener() {
  if (fd_ >= 0) ::close(fd_);
}

std::string LoopbackListener::redirect_uri() const { return "http://127.0.0.1:" + std::to_string(port_) + "/callback"; }

namespace {
void reply(int c, const char* status, const std::string& body) {
  std::string r = std::string("HTTP/1.1 ") + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" + body;
  const char* p = r.data();
  std::size_t left = r.size();
  while (left > 0) {
    ssize_t n = ::send(c, p, left, MSG_NOSIGNAL);
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}
}  // namespace

std::map<std::string, std::string> LoopbackListener::wait_for_callback(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw AuthError("login timed out waiting for the browser redirect");
    pollfd pfd{fd_, POLLIN, 0};
    int pr = ::poll(&pfd, 1, static_cast<int>(left.count()));
    if (pr < 0 && errno == EINTR) continue;
    if (pr <= 0) continue;
    int c = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (c < 0) continue;
    std::string req;
    char buf[4096];
    while (req.find("\r\n\r\n") == std::string::npos && req.size() < 16384) {
      pollfd cp{c, POLLIN, 0};
      if (::poll(&cp, 1, 5000) <= 0) break;
      ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) break;
      req.append(buf, static_cast<std::size_t>(n));
    }
    // "GET /callback?code=...&state=... HTTP/1.1"
    std::string line = req.substr(0, req.find("\r\n"));
    auto sp1 = line.find(' '), sp2 = line.rfind(' ');
    std::string target = sp1 != std::string::npos && sp2 > sp1 ? line.substr(sp1 + 1, sp2 - sp1 - 1) : "";
    if (line.rfind("GET ", 0) != 0 || target.rfind("/callback", 0) != 0) {
      reply(c, "404 Not Found", "<p>Not found</p>");
      ::close(c);
      continue;
    }
    std::map<std::string, std::string> params;
    auto q = target.find('?');
    if (q != std::string::npos)
      for (auto& [k, v] : detail::parse_form(target.substr(q + 1))) params[k] = v;
    reply(c, "200 OK",
          params.count("error") ? "<p>Sign-in failed. You can close this window.</p>"
                                : "<p>Signed in. You can close this window.</p>");
    ::close(c);
    return params;
  }
}

}  // namespace wink
