// Internal URL helpers: origins, Location resolution, the https-or-loopback rule and dot
// segments.
#pragma once

#include <string>
#include <string_view>

namespace wink::detail {

struct UrlParts {
  std::string scheme;     // lower-case
  std::string host;       // lower-case, without brackets
  int port = 0;           // explicit or the scheme's default
  std::string path_query; // from the first '/' (or "/" when absent)
  bool valid = false;
};

UrlParts parse_url(std::string_view url);
// scheme + host + port.
bool same_origin(std::string_view a, std::string_view b);
// Resolves a Location header against the URL it came from (RFC 3986 section 5, simplified:
// dot segments are not removed).
std::string resolve_url(std::string_view base, std::string_view location);

// 127.0.0.0/8, ::1, "localhost" and names under ".localhost" (RFC 6761).
bool is_loopback_host(std::string_view host);
// https, or http to a loopback host: the only URLs credentials may travel to unless the caller
// explicitly allows plain http.
bool is_https_or_loopback(std::string_view url);
// Throws wink::Error (Config) naming `what` when `url` is not an absolute http(s) URL, or is
// plain http to a host other than loopback and `allow_insecure_http` is false.
void require_https_or_loopback(std::string_view url, std::string_view what, bool allow_insecure_http);

// Path segments that are exactly "." or ".." would make a server (or a proxy) re-target the
// request; they become "%2E" and "%2E%2E". The query and fragment are left alone.
std::string escape_dot_segments(std::string_view path_and_query);

}  // namespace wink::detail
