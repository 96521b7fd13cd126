// Minimal HTTP listener for the OAuth redirect (RFC 8252 7.3): bound to 127.0.0.1 on an
// ephemeral port (platform/loopback_socket.h). Only `GET /callback` with the expected `state`
// ends the wait: a browser's favicon request, a port scanner or another local program's forged
// redirect gets an error page and the login goes on.
#include <algorithm>

#include "encoding.h"
#include "platform/loopback_socket.h"
#include "platform/signals.h"
#include "wink/authorization_code.h"
#include "wink/errors.h"

namespace wink {

struct LoopbackListener::Impl {
  platform::LoopbackSocket socket;
};

LoopbackListener::LoopbackListener() : impl_(std::make_unique<Impl>()) { platform::ignore_sigpipe(); }

LoopbackListener::~LoopbackListener() = default;

int LoopbackListener::port() const noexcept { return impl_->socket.port(); }

std::string LoopbackListener::redirect_uri() const { return "http://127.0.0.1:" + std::to_string(port()) + "/callback"; }

namespace {

constexpr std::size_t kMaxRequestHead = 16384;
constexpr std::chrono::milliseconds kReadTimeout{2000};  // per connection: a silent client is dropped

void reply(platform::LoopbackConnection& c, const char* status, const std::string& body) {
  c.send_all(std::string("HTTP/1.1 ") + status + "\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n" + body);
}

// The request head ("GET /callback?code=...&state=... HTTP/1.1" + headers), or "" when the
// client sent nothing usable in time.
std::string read_head(platform::LoopbackConnection& c, std::chrono::steady_clock::time_point deadline) {
  std::string req;
  while (req.find("\r\n\r\n") == std::string::npos && req.size() < kMaxRequestHead) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (!c.read_some(req, std::min(left, kReadTimeout))) break;
  }
  return req;
}

}  // namespace

std::map<std::string, std::string> LoopbackListener::wait_for_callback(std::chrono::milliseconds timeout,
                                                                       const std::string& expected_state) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) throw AuthError("login timed out waiting for the browser redirect");
    platform::LoopbackConnection c = impl_->socket.accept(left);
    if (!c.valid()) continue;
    const std::string head = read_head(c, deadline);
    const std::string line = head.substr(0, head.find("\r\n"));
    const auto sp1 = line.find(' '), sp2 = line.rfind(' ');
    const std::string target = sp1 != std::string::npos && sp2 > sp1 ? line.substr(sp1 + 1, sp2 - sp1 - 1) : "";
    const auto q = target.find('?');
    if (line.rfind("GET ", 0) != 0 || target.substr(0, q) != "/callback") {
      reply(c, "404 Not Found", "<p>Not found</p>");
      continue;
    }
    std::map<std::string, std::string> params;
    if (q != std::string::npos)
      for (auto& [k, v] : detail::parse_form(target.substr(q + 1))) params[k] = v;
    if (expected_state.empty() || params["state"] != expected_state) {
      reply(c, "400 Bad Request", "<p>This is not the sign-in this program is waiting for.</p>");
      continue;
    }
    reply(c, "200 OK",
          params.count("error") ? "<p>Sign-in failed. You can close this window.</p>"
                                : "<p>Signed in. You can close this window.</p>");
    return params;
  }
}

}  // namespace wink
