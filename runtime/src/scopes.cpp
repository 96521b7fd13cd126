// Scope string helpers.
#include "wink/scopes.h"

#include <algorithm>

namespace wink {

std::vector<std::string> split_scopes(std::string_view scopes) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < scopes.size()) {
    while (i < scopes.size() && (scopes[i] == ' ' || scopes[i] == '\t' || scopes[i] == '\n' || scopes[i] == '\r')) ++i;
    std::size_t j = i;
    while (j < scopes.size() && !(scopes[j] == ' ' || scopes[j] == '\t' || scopes[j] == '\n' || scopes[j] == '\r')) ++j;
    if (j > i) out.emplace_back(scopes.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string join_scopes(std::vector<std::string> scopes) {
  std::sort(scopes.begin(), scopes.end());
  scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
  std::string out;
  for (const auto& s : scopes) {
    if (s.empty()) continue;
    if (!out.empty()) out += ' ';
    out += s;
  }
  return out;
}

std::string least_privilege_scopes(const std::vector<const OperationInfo*>& operations) {
  std::vector<std::string> all;
  for (const OperationInfo* op : operations) {
    if (op == nullptr) continue;
    for (std::string_view s : op->scopes) all.emplace_back(s);
  }
  return join_scopes(std::move(all));
}

std::string least_privilege_scopes(std::initializer_list<const OperationInfo*> operations) {
  return least_privilege_scopes(std::vector<const OperationInfo*>(operations));
}

}  // namespace wink
