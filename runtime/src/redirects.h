// Internal: redirects, followed by the client (never by libcurl) so that each hop is checked.
#pragma once

#include "wink/transport.h"

namespace wink::detail {

struct RedirectRules {
  int max_redirects = 5;
  bool allow_insecure_http = false;  // plain http to hosts other than loopback
};

// Performs `request` and follows 301/302/303/307/308:
// - https -> http is refused (TransportError), and so is http to a host other than loopback
//   unless allowed;
// - when the origin (scheme, host, port) changes, a request with a body is not followed (the
//   3xx is returned) and only an allow-list of headers is kept (Accept, Accept-Language,
//   User-Agent, Wink-Version): no credentials, cookies, idempotency keys or custom headers;
// - 303 (and 301/302 after a POST) continue as a GET without body.
HttpResponse follow_redirects(Transport& transport, HttpRequest request, const RedirectRules& rules);

}  // namespace wink::detail
