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

// Names the runtime declares in namespace wink (its namespaces and functions; its types are
// PascalCase, which namespace_problem refuses under wink:: anyway): wink::<one of them> as the
// SDK's namespace would clash with it.
const std::unordered_set<std::string_view>& runtime_names() {
  static const std::unordered_set<std::string_view> kNames = {
      "json", "detail", "platform", "url", "add_header", "backoff_delay", "check_headers", "decode", "dump",
      "encode", "escape_controls", "excerpt", "finish_empty", "finish_json", "finish_text", "iequals",
      "is_header_name", "is_header_value", "is_idempotent_method", "is_retryable_status",
      "is_retryable_transport_code", "is_safe_method", "is_sensitive_field", "is_sensitive_header",
      "join_scopes", "least_privilege_scopes", "make_pkce", "may_retry_status", "may_retry_transport", "parse",
      "parse_retry_after", "pkce_challenge_s256", "random_url_token", "redact_headers", "redact_text",
      "register_client", "split_scopes", "throw_if_error", "to_text", "write", "discover_authorization_server",
      "fetch_authorization_server_metadata", "mocks", "operations"};
  return kNames;
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
  // Lines end where a compiler or an editor ends them: \n, \r, \r\n, and (so that what a
  // reader sees is what the compiler reads) \f, \v, NEL, U+2028 and U+2029. Other control
  // characters and bidi controls (which can show code in another order than it compiles, "Trojan
  // source") become spaces.
  std::vector<std::string> lines(1);
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t n = 1;
    unsigned cp = c;
    if (c >= 0x80) {
      std::size_t j = i;
      cp = decode_utf8(text, j);
      n = j - i;
    }
    if (cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
      if (!(cp == '\n' && i > 0 && text[i - 1] == '\r')) lines.emplace_back();
    } else if ((cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp < 0xA0) || cp == 0x200E || cp == 0x200F ||
               (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C) {
      lines.back() += ' ';
    } else {
      lines.back().append(text.substr(i, n));
    }
    i += n;
  }
  for (auto& l : lines) {
    // A backslash (even before blanks) at the end of a line continues the comment on the next one.
    while (!l.empty() && (l.back() == ' ' || l.back() == '\\' || l.back() == '\t')) l.pop_back();
    // `*/` is harmless in `//` comments; trigraph-like `??/` could splice lines.
    for (std::size_t p; (p = l.find("??")) != std::string::npos;) l.replace(p, 2, "? ?");
  }
  while (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string namespace_problem(std::string_view ns) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    std::size_t end = ns.find("::", start);
    parts.push_back(ns.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 2;
  }
  for (std::string_view part : parts) {
    std::string name(part);
    if (part.empty() || !(is_upper(part[0]) || is_lower(part[0])) ||
        !std::all_of(part.begin(), part.end(), [](char c) { return is_upper(c) || is_lower(c) || is_digit(c) || c == '_'; }))
      return "'" + name + "' is not a plain identifier (a letter, then letters, digits and _)";
    if (part.find("__") != std::string_view::npos) return "'" + name + "' holds '__' (reserved for the compiler)";
    if (reserved().count(part) && part != "wink" && part != "options" && part != "params" && part != "body" &&
        part != "request" && part != "response" && part != "path" && part != "query")
      return "'" + name + "' is a C++ keyword, a macro of the standard headers or a namespace of a library the SDK uses";
    if (part == "mocks" || part == "operations") return "'" + name + "' is a namespace the SDK makes inside its own";
  }
  if (parts[0] == "wink") {
    if (parts.size() == 1) return "'wink' is the runtime's namespace; use a namespace inside it, e.g. wink::supplier";
    if (runtime_names().count(parts[1]) || is_upper(parts[1][0]))
      return "'wink::" + std::string(parts[1]) + "' is, or may become, a name of the runtime; use a lower-case name it does not use, e.g. wink::supplier";
  }
  return {};
}

std::string NameScope::claim(const std::string& wanted) {
  if (used_.insert(wanted).second) return wanted;
  for (int n = 2;; ++n) {
    std::string name = wanted + "_" + std::to_string(n);
    if (used_.insert(name).second) return name;
  }
}

}  // namespace wink::codegen::ir
