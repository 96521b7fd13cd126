// Plain HTTP message types shared by the transport, the auth layer and generated code.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wink {

// Header list preserving order and duplicates; names compare case-insensitively.
class Headers {
 public:
  void add(std::string name, std::string value) { items_.emplace_back(std::move(name), std::move(value)); }
  // Replaces every header with this name.
  void set(std::string name, std::string value);
  // First value of the header (case-insensitive name), or nullptr.
  const std::string* find(std::string_view name) const;
  bool contains(std::string_view name) const { return find(name) != nullptr; }
  // Removes every header with this name; returns how many were removed.
  std::size_t remove(std::string_view name);
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }
  auto begin() const { return items_.begin(); }
  auto end() const { return items_.end(); }
  bool empty() const { return items_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

bool iequals(std::string_view a, std::string_view b);

// RFC 9110 5.1: a field name is a non-empty token (letters, digits and !#$%&'*+-.^_`|~).
bool is_header_name(std::string_view name);
// RFC 9110 5.5: a field value has no CR, LF, NUL or other control character (HTAB allowed).
bool is_header_value(std::string_view value);
// Throws wink::Error (ErrorKind::InvalidArgument) for the first header whose name or value is
// not allowed, before anything is sent; `where` says where it came from ("CallOptions::extra_headers").
// The message shows the name with control characters escaped and never the value.
void check_headers(const Headers& headers, std::string_view where);

struct HttpResponse {
  long status = 0;
  Headers headers;
  std::string body;
};

}  // namespace wink
