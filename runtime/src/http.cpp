// Headers and the case-insensitive comparison HTTP header names need.
#include "wink/http.h"

#include <algorithm>

#include "wink/errors.h"
#include "wink/redact.h"

namespace wink {

namespace {
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool is_header_name(std::string_view name) {
  if (name.empty()) return false;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && std::string_view("!#$%&'*+-.^_`|~").find(ch) == std::string_view::npos) return false;
  }
  return true;
}

bool is_header_value(std::string_view value) {
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

void check_headers(const Headers& headers, std::string_view where) {
  for (const auto& [name, value] : headers) {
    if (!is_header_name(name))
      throw Error(ErrorKind::InvalidArgument, std::string(where) + ": header name \"" + escape_controls(name, 80) +
                                                  "\" is not an RFC 9110 token; nothing was sent");
    if (!is_header_value(value))
      throw Error(ErrorKind::InvalidArgument, std::string(where) + ": the value of header " + escape_controls(name, 80) +
                                                  " contains CR, LF, NUL or another control character; nothing was sent");
  }
}

void Headers::set(std::string name, std::string value) {
  remove(name);
  items_.emplace_back(std::move(name), std::move(value));
}

const std::string* Headers::find(std::string_view name) const {
  for (const auto& [n, v] : items_)
    if (iequals(n, name)) return &v;
  return nullptr;
}

std::size_t Headers::remove(std::string_view name) {
  auto before = items_.size();
  items_.erase(std::remove_if(items_.begin(), items_.end(), [&](const auto& kv) { return iequals(kv.first, name); }),
               items_.end());
  return before - items_.size();
}

}  // namespace wink
