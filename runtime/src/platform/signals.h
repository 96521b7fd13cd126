// Platform seam: signals the runtime must not let kill the process. POSIX: signals_posix.cpp.
#pragma once

namespace wink::platform {

// Writing to a socket the peer closed raises SIGPIPE, whose default action ends the process.
// libcurl with CURLOPT_NOSIGNAL (required with threads) does not guard against it, and OpenSSL
// writes with write(2). Sets SIGPIPE to "ignored" once, unless the program installed a handler
// of its own (then the program has decided). No-op where there is no SIGPIPE.
void ignore_sigpipe();

}  // namespace wink::platform
