// See url_util.h.
#include "url_util.h"

#include <cctype>

#include "wink/errors.h"
#include "wink/redact.h"

namespace wink::detail {

namespace {
std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

UrlParts parse_url(std::string_view url) {
  UrlParts p;
  auto colon = url.find("://");
  if (colon == std::string_view::npos || colon == 0) return p;
  p.scheme = lower(url.substr(0, colon));
  std::string_view rest = url.substr(colon + 3);
  auto end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  p.path_query = end == std::string_view::npos ? "/" : std::string(rest.substr(end));
  if (!p.path_query.empty() && p.path_query[0] != '/') p.path_query = "/" + p.path_query;
  auto at = authority.rfind('@');
  if (at != std::string_view::npos) authority = authority.substr(at + 1);
  std::string_view host = authority, port;
  if (!authority.empty() && authority[0] == '[') {
    auto close = authority.find(']');
    if (close == std::string_view::npos) return p;
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') port = authority.substr(close + 2);
  } else {
    auto c = authority.rfind(':');
    if (c != std::string_view::npos) {
      host = authority.substr(0, c);
      port = authority.substr(c + 1);
    }
  }
  if (host.empty()) return p;
  p.host = lower(host);
  if (!port.empty()) {
    int v = 0;
    for (char ch : port) {
      if (ch < '0' || ch > '9') return p;
      v = v * 10 + (ch - '0');
      if (v > 65535) return p;
    }
    p.port = v;
  } else {
    p.port = p.scheme == "https" ? 443 : p.scheme == "http" ? 80 : 0;
  }
  p.valid = true;
  return p;
}

bool same_origin(std::string_view a, std::string_view b) {
  auto pa = parse_url(a), pb = parse_url(b);
  return pa.valid && pb.valid && pa.scheme == pb.scheme && pa.host == pb.host && pa.port == pb.port;
}

std::string resolve_url(std::string_view base, std::string_view loc) {
  // Absolute: has a scheme ("x:" before any '/', '?' or '#').
  auto first = loc.find_first_of(":/?#");
  if (first != std::string_view::npos && loc[first] == ':' && first > 0) return std::string(loc);
  auto scheme_end = base.find("://");
  if (scheme_end == std::string_view::npos) return std::string(loc);
  if (loc.substr(0, 2) == "//") return std::string(base.substr(0, scheme_end + 1)) + std::string(loc);
  auto path_start = base.find('/', scheme_end + 3);
  std::string origin(base.substr(0, path_start == std::string_view::npos ? base.size() : path_start));
  auto q = origin.find_first_of("?#");
  if (q != std::string::npos) origin.resize(q);
  if (!loc.empty() && loc[0] == '/') return origin + std::string(loc);
  std::string_view base_path = path_start == std::string_view::npos ? "/" : base.substr(path_start);
  auto qpos = base_path.find_first_of("?#");
  if (qpos != std::string_view::npos) base_path = base_path.substr(0, qpos);
  if (!loc.empty() && loc[0] == '?') return origin + std::string(base_path) + std::string(loc);
  auto slash = base_path.rfind('/');
  std::string dir(base_path.substr(0, slash == std::string_view::npos ? 0 : slash + 1));
  if (dir.empty()) dir = "/";
  return origin + dir + std::string(loc);
}

bool is_loopback_host(std::string_view host) {
  std::string h = lower(host);
  if (h == "localhost" || h == "::1" || (h.size() > 10 && h.compare(h.size() - 10, 10, ".localhost") == 0)) return true;
  // 127.x.y.z in dotted-decimal form only (what resolvers would not send anywhere else).
  if (h.rfind("127.", 0) != 0) return false;
  int dots = 0, digits = 0;
  for (char c : h) {
    if (c == '.') {
      if (digits == 0) return false;
      ++dots;
      digits = 0;
    } else if (c >= '0' && c <= '9' && digits < 3) {
      ++digits;
    } else {
      return false;
    }
  }
  return dots == 3 && digits > 0;
}

bool is_https_or_loopback(std::string_view url) {
  auto p = parse_url(url);
  return p.valid && (p.scheme == "https" || (p.scheme == "http" && is_loopback_host(p.host)));
}

void require_https_or_loopback(std::string_view url, std::string_view what, bool allow_insecure_http) {
  auto p = parse_url(url);
  if (!p.valid || (p.scheme != "http" && p.scheme != "https"))
    throw Error(ErrorKind::Config, std::string(what) + " is not an absolute http(s) URL: " + excerpt(url, 100));
  if (!allow_insecure_http && !is_https_or_loopback(url))
    throw Error(ErrorKind::Config, std::string(what) + " " + excerpt(url, 100) +
                                       " is plain http to a host that is not loopback: credentials would travel "
                                       "unencrypted (use https, or set allow_insecure_http)");
}

std::string escape_dot_segments(std::string_view pq) {
  const auto end = pq.find_first_of("?#");
  std::string_view path = pq.substr(0, end);
  std::string out;
  out.reserve(pq.size() + 8);
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(i, slash - i);
    out += seg == "." ? "%2E" : seg == ".." ? "%2E%2E" : std::string(seg);
    if (slash < path.size()) out.push_back('/');
    i = slash + 1;
  }
  if (end != std::string_view::npos) out.append(pq.substr(end));
  return out;
}

}  // namespace wink::detail
