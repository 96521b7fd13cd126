// Headers and the case-insensitive comparison HTTP header names need.
#include "wink/http.h"

#include <algorithm>

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
