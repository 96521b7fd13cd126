// See redirects.h.
#include "redirects.h"

#include <array>
#include <string_view>

#include "url_util.h"
#include "wink/errors.h"
#include "wink/redact.h"

namespace wink::detail {

namespace {

constexpr std::array<std::string_view, 4> kCrossOriginHeaders = {"Accept", "Accept-Language", "User-Agent",
                                                                 "Wink-Version"};

bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

Headers cross_origin_headers(const Headers& headers) {
  Headers kept;
  for (const auto& [name, value] : headers)
    for (std::string_view allowed : kCrossOriginHeaders)
      if (iequals(name, allowed)) kept.add(name, value);
  return kept;
}

// CURLE_UNSUPPORTED_PROTOCOL / CURLE_TOO_MANY_REDIRECTS: not transient, never retried.
constexpr int kRefusedRedirect = 1;
constexpr int kTooManyRedirects = 47;

}  // namespace

HttpResponse follow_redirects(Transport& transport, HttpRequest req, const RedirectRules& rules) {
  const bool had_body = !req.body.empty();
  for (int hops = 0;; ++hops) {
    HttpResponse r = transport.perform(req);
    const std::string* location = r.headers.find("Location");
    if (!is_redirect(r.status) || location == nullptr || location->empty()) return r;
    const std::string what = req.method + " " + redact_text(req.url);
    if (hops >= rules.max_redirects)
      throw TransportError(what + ": more than " + std::to_string(rules.max_redirects) + " redirects", kTooManyRedirects);
    std::string next = resolve_url(req.url, *location);
    const auto from = parse_url(req.url);
    const auto to = parse_url(next);
    if (!to.valid || (to.scheme != "http" && to.scheme != "https") || !is_header_value(next))
      throw TransportError(what + ": redirect to an unsupported URL", kRefusedRedirect);
    if (from.scheme == "https" && to.scheme == "http")
      throw TransportError(what + ": redirect from https to http refused (" + excerpt(next, 100) + ")", kRefusedRedirect);
    if (!rules.allow_insecure_http && !is_https_or_loopback(next))
      throw TransportError(what + ": redirect to plain http on a host that is not loopback refused (" +
                               excerpt(next, 100) + ")",
                           kRefusedRedirect);
    if (!same_origin(req.url, next)) {
      // A body (and the headers that describe it) is for the origin it was addressed to.
      if (had_body) return r;
      req.headers = cross_origin_headers(req.headers);
    }
    if ((r.status == 303 && !iequals(req.method, "HEAD")) ||
        ((r.status == 301 || r.status == 302) && iequals(req.method, "POST"))) {
      req.method = "GET";
      req.body.clear();
      req.headers.remove("Content-Type");
    }
    req.url = std::move(next);
  }
}

}  // namespace wink::detail
