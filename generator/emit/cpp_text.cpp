#include "emit/cpp_text.h"

#include <stdexcept>

#include "ir/naming.h"

namespace wink::codegen::emit {
namespace {

using unchecked::strings;
using unchecked::text;

[[noreturn]] void refuse(const char* what, const std::string& text) {
  throw std::logic_error(std::string("wink-codegen bug: not ") + what + ": '" + ir::cpp_string_literal_body(text) + "'");
}

bool alpha(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool alnum(char c) { return alpha(c) || (c >= '0' && c <= '9'); }

// Where the literal starting at `i` (a `"` or the `R` of `R"`) ends, or npos when it does not.
std::size_t literal_end(const std::string& s, std::size_t i) {
  if (s[i] == 'R') {
    std::size_t open = s.find('(', i + 2);
    if (open == std::string::npos || open - i - 2 > 16) return std::string::npos;
    for (std::size_t k = i + 2; k < open; ++k)
      if (!alnum(s[k])) return std::string::npos;
    std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
    std::size_t end = s.find(close, open + 1);
    return end == std::string::npos ? end : end + close.size();
  }
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (s[j] == '\\') ++j;
    else if (s[j] == '"') return j + 1;
  }
  return std::string::npos;
}

}  // namespace

Data literal(std::string_view raw) { return text(ir::cpp_string_literal_body(raw)); }

Data literals(const std::vector<std::string>& raw) {
  std::vector<std::string> bodies;
  for (const auto& r : raw) bodies.push_back(ir::cpp_string_literal_body(r));
  return strings(bodies);
}

Data comment(const std::vector<std::string>& paragraphs) {
  std::vector<std::string> lines;
  for (const auto& p : paragraphs)
    for (auto& l : ir::comment_lines(p)) lines.push_back(std::move(l));
  return strings(lines);
}

Data comment_line(std::string_view raw) {
  std::string line;
  for (const auto& l : ir::comment_lines(raw)) line += (line.empty() ? "" : " ") + l;
  return text(line);
}

Data identifier(const std::string& name) {
  if (name.empty() || !alpha(name[0])) refuse("an identifier", name);
  for (char c : name)
    if (!alnum(c)) refuse("an identifier", name);
  return text(name);
}

Data identifiers(const std::vector<std::string>& names) {
  for (const auto& n : names) identifier(n);
  return strings(names);
}

Data header_path(const std::string& path) {
  if (path.empty() || path.find("..") != std::string::npos || path[0] == '/') refuse("a header path", path);
  for (char c : path)
    if (!alnum(c) && c != '/' && c != '.' && c != '-') refuse("a header path", path);
  return text(path);
}

Data headers(const std::vector<std::string>& paths) {
  for (const auto& p : paths) header_path(p);
  return strings(paths);
}

Data code(const std::string& spelled) {
  for (std::size_t i = 0; i < spelled.size();) {
    char c = spelled[i];
    if (c < 0x20 || c > 0x7E) refuse("one line of C++", spelled);
    bool raw = c == 'R' && i + 1 < spelled.size() && spelled[i + 1] == '"' && (i == 0 || !alnum(spelled[i - 1]));
    if (c == '"' || raw) {
      std::size_t end = literal_end(spelled, i);
      if (end == std::string::npos) refuse("C++ with closed literals", spelled);
      for (std::size_t k = i; k < end; ++k)
        if (spelled[k] < 0x20 || spelled[k] > 0x7E) refuse("one line of C++", spelled);
      i = end;
      continue;
    }
    if (c == '\\' || c == '\'' || c == '#' || c == '?' || (c == '/' && i + 1 < spelled.size() &&
                                                             (spelled[i + 1] == '/' || spelled[i + 1] == '*')))
      refuse("C++ without comments or escapes", spelled);
    ++i;
  }
  return text(spelled);
}

Data codes(const std::vector<std::string>& spelled) {
  for (const auto& s : spelled) code(s);
  return strings(spelled);
}

Data number(std::size_t n) { return text(std::to_string(n)); }
Data boolean(bool b) { return text(b ? "true" : "false"); }

std::string cpp_quoted(std::string_view raw) { return "\"" + ir::cpp_string_literal_body(raw) + "\""; }

}  // namespace wink::codegen::emit
