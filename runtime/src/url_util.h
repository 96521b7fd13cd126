// Internal URL helpers for redirect handling: origins and Location resolution.
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

}  // namespace wink::detail
