#include "ir/naming.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace wink::codegen::ir {
namespace {

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Decodes one UTF-8 sequence; invalid bytes decode as themselves.
unsigned decode_utf8(std::string_view s, std::size_t& i) {
  auto b = static_cast<unsigned char>(s[i]);
  int extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : b >= 0xC0 ? 1 : 0;
  unsigned cp = extra == 3 ? b & 0x07u : extra == 2 ? b & 0x0Fu : extra == 1 ? b & 0x1Fu : b;
  std::size_t j = i + 1;
  for (int k = 0; k < extra; ++k, ++j) {
    if (j >= s.size() || (static_cast<unsigned char>(s[j]) & 0xC0) != 0x80) {
      ++i;
      return b;
    }
    cp = (cp << 6) | (static_cast<unsigned char>(s[j]) & 0x3Fu);
  }
  i = j;
  return cp;
}

const std::unordered_set<std::string_view>& reserved() {
  static const std::unordered_set<std::string_view> kReserved = {
      // C++20 keywords and alternative tokens
      "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case", "catch",
      "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval", "constexpr",
      "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype", "default", "delete",
      "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
      "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq",
      "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
      "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
      "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
      "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq",
      "final", "override", "import", "module",
      // macros from the C and POSIX headers a program is likely to include
      "errno", "NULL", "EOF", "assert", "linux", "unix", "i386", "stdin", "stdout", "stderr", "major", "minor",
      "makedev", "TRUE", "FALSE", "BUFSIZ", "EXIT_SUCCESS", "EXIT_FAILURE", "RAND_MAX", "DOMAIN", "OVERFLOW",
      "UNDERFLOW", "SING", "TLOSS", "PLOSS", "INFINITY", "NAN", "HUGE_VAL", "EDOM", "ERANGE", "EINVAL",
      "SIG_ERR", "SIGINT", "SEEK_SET", "SEEK_CUR", "SEEK_END", "CHAR_BIT", "INT_MAX", "INT_MIN", "UINT_MAX",
      "LONG_MAX", "PATH_MAX", "offsetof", "setjmp", "va_arg", "va_start", "va_end", "unix", "BIG_ENDIAN",
      "LITTLE_ENDIAN", "BYTE_ORDER", "DELETE", "ERROR", "IN", "OUT", "OPTIONAL", "interface", "min", "max",
      // names the generated code itself uses
      "wink", "std", "nlohmann", "client_", "options", "params", "body", "request", "response", "path", "query",
      "kUnknown"};
  return kReserved;
}

// Calls `word(std::string_view)` for each word of `name`, without building a list: the case
// conversions below run for every name in a document.
template <typename Fn>
void for_each_word(std::string_view name, Fn&& word) {
  std::size_t start = 0, length = 0;  // the ASCII word being collected: name[start, start+length)
  auto flush = [&] {
    if (length) word(name.substr(start, length));
    length = 0;
  };
  for (std::size_t i = 0; i < name.size();) {
    char c = name[i];
    if (static_cast<unsigned char>(c) >= 0x80) {
      flush();
      unsigned cp = decode_utf8(name, i);
      char buf[16];
      int n = std::snprintf(buf, sizeof buf, "u%04X", cp);
      word(std::string_view(buf, static_cast<std::size_t>(n)));
      continue;
    }
    if (is_upper(c)) {
      // A new word starts at an upper-case letter after a lower-case letter or a digit, and at
      // the last capital of an acronym followed by lower case ("HTTPServer" -> HTTP, Server).
      char last = length ? name[i - 1] : '\0';
      bool prev_lower = length && (is_lower(last) || is_digit(last));
      bool acronym_end = length && is_upper(last) && i + 1 < name.size() && is_lower(name[i + 1]);
      if (prev_lower || acronym_end) flush();
      if (!length) start = i;
      ++length;
    } else if (is_lower(c) || is_digit(c)) {
      if (!length) start = i;
      ++length;
    } else {
      flush();
    }
    ++i;
  }
  flush();
}

char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::vector<std::string> split_words(std::string_view name) {
  std::vector<std::string> words;
  for_each_word(name, [&](std::string_view w) { words.emplace_back(w); });
  return words;
}

std::string pascal_case(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for_each_word(name, [&](std::string_view w) {
    if (!out.empty() && is_digit(out.back()) && is_digit(w[0])) out += '_';
    out += to_upper(w[0]);
    for (std::size_t i = 1; i < w.size(); ++i) out += to_lower(w[i]);
  });
  return out;
}

std::string camel_case(std::string_view name) {
  std::string out = pascal_case(name);
  if (!out.empty()) out[0] = to_lower(out[0]);
  return out;
}

std::string snake_case(std::string_view name) {
  std::string out;
  out.reserve(name.size() + 8);
  for_each_word(name, [&](std::string_view w) {
    if (!out.empty()) out += '_';
    for (char c : w) out += to_lower(c);
  });
  return out;
}

std::string file_stem(std::string_view name, std::size_t max) {
  std::string stem = snake_case(name);
  if (stem.size() <= max) return stem;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(stable_hash(stem)));
  return stem.substr(0, max - 17) + "_" + hex;
}

std::uint64_t stable_hash(std::string_view text) {
  std::uint64_t hash = 1469598103934665603ull;
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return hash;
}

std::string safe_identifier(std::string name) {
  if (name.empty()) name = "unnamed";
  if (is_digit(name[0])) name.insert(0, "n");
  // Identifiers with a double underscore, or `_` + capital, are reserved for the implementation.
  while (name.find("__") != std::string::npos) name.replace(name.find("__"), 2, "_");
  if (name[0] == '_') name.insert(0, "x");
  if (reserved().count(name)) name += '_';
  return name;
}

std::string cpp_string_literal_body(std::string_view text) {
  auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?'; };
  if (std::all_of(text.begin(), text.end(), plain)) return std::string(text);  // the usual case
  std::string out;
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '?': out += "\\?"; break;  // no trigraphs
      default:
        if (c < 0x20 || c >= 0x7F) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\%03o", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out;
}

std::vector<std::string> comment_lines(std::string_view text) {
  std::vector<std::string> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string& l = lines.emplace_back(text.substr(pos, end - pos));
    if (l.find('\r') != std::string::npos) l.erase(std::remove(l.begin(), l.end(), '\r'), l.end());
    pos = end + 1;
  }
  for (auto& l : lines) {
    while (!l.empty() && (l.back() == ' ' || l.back() == '\\' || l.back() == '\t')) l.pop_back();
    // `*/` is harmless in `//` comments; trigraph-like `??/` could splice lines.
    for (std::size_t p; (p = l.find("??")) != std::string::npos;) l.replace(p, 2, "? ?");
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string NameScope::claim(const std::string& wanted) {
  if (used_.insert(wanted).second) return wanted;
  for (int n = 2;; ++n) {
    std::string name = wanted + "_" + std::to_string(n);
    if (used_.insert(name).second) return name;
  }
}

}  // namespace wink::codegen::ir
