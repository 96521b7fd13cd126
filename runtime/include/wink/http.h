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

struct HttpResponse {
  long status = 0;
  Headers headers;
  std::string body;
};

}  // namespace wink
