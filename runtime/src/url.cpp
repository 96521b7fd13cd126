// The out-of-line parts of <wink/url.h>: what needs nlohmann::json's complete type, and encode().
#include "wink/url.h"

#include <nlohmann/json.hpp>

#include "wink/errors.h"
#include "wink/redact.h"

namespace wink::url {

std::string encode(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string detail::path_segment(std::string encoded, const char* name) {
  if (encoded.empty())
    throw Error(ErrorKind::InvalidArgument, std::string("path parameter ") + escape_controls(name ? name : "", 80) +
                                                " is empty; nothing was sent");
  if (encoded == ".") return "%2E";
  if (encoded == "..") return "%2E%2E";
  return encoded;
}

std::string to_text(double v) {
  nlohmann::json j = v;
  return j.dump();
}

std::string to_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

void Query::add(const char* name, const nlohmann::json& v, Style style, bool explode) {
  if (!v.is_object()) return append(name, encode(to_text(v)));
  std::map<std::string, nlohmann::json> fields(v.begin(), v.end());
  add(name, fields, style, explode);
}

}  // namespace wink::url
