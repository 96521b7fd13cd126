// Splitting a path template ("/a/{id}/b") into literal text and parameter names.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace wink::codegen::spec {

struct PathPart {
  bool is_parameter = false;
  std::string text;  // literal text, or the parameter name between the braces
};

inline std::vector<PathPart> split_path_template(std::string_view path) {
  std::vector<PathPart> parts;
  std::size_t pos = 0;
  while (pos < path.size()) {
    std::size_t open = path.find('{', pos);
    std::size_t close = open == std::string_view::npos ? open : path.find('}', open);
    if (close == std::string_view::npos) {
      parts.push_back({false, std::string(path.substr(pos))});
      break;
    }
    if (open > pos) parts.push_back({false, std::string(path.substr(pos, open - pos))});
    parts.push_back({true, std::string(path.substr(open + 1, close - open - 1))});
    pos = close + 1;
  }
  return parts;
}

}  // namespace wink::codegen::spec
