// Turning arbitrary OpenAPI names into valid, stable C++ identifiers.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <unordered_set>
#include <string>
#include <string_view>
#include <vector>

namespace wink::codegen::ir {

// Splits on case changes, digits, and any non-alphanumeric character:
// "showRatePlan", "show-rate-plan" and "show_rate_plan" all give {show, rate, plan}.
// Non-ASCII characters become `uXXXX` words so that every name has a deterministic spelling.
std::vector<std::string> split_words(std::string_view name);

std::string pascal_case(std::string_view name);  // RatePlan
std::string camel_case(std::string_view name);   // ratePlan
std::string snake_case(std::string_view name);   // rate_plan
// A file stem no longer than `max` bytes: long names keep a readable prefix plus a hash of the
// whole name, so distinct names stay distinct and file systems (255-byte names) accept them.
std::string file_stem(std::string_view name, std::size_t max = 96);
// A 64-bit hash that is the same on every platform and run, for file names derived from names:
// FNV-1a's loop and prime with offset basis 1469598103934665603 (FNV's is 14695981039346656037;
// long stems were named with this one, so it stays).
std::uint64_t stable_hash(std::string_view text);

// Appends `_` to C++ keywords and to names that common headers define as macros (errno,
// NULL, linux, EOF, ...); prefixes `_`-less names that start with a digit with `n`.
std::string safe_identifier(std::string name);

// The two escaping functions for text of a document (emit/cpp_text.h applies them; nothing else
// puts such text into C++):
// the body of a C++ string literal (quotes, backslashes, `?`, control and non-ASCII bytes escaped);
std::string cpp_string_literal_body(std::string_view text);
// the lines of a `//` comment: split where a compiler or editor ends a line, control and bidi
// characters blanked, no trailing backslash, no `??`.
std::vector<std::string> comment_lines(std::string_view text);

// Why `ns` (a --namespace such as wink::supplier) cannot be the SDK's namespace, or "" when it can:
// each part a plain identifier, no keyword, macro, std or nlohmann, and nothing the runtime
// declares (wink itself, wink::json, ...).
std::string namespace_problem(std::string_view ns);

// Hands out unique names within one scope: the second "fooBar" becomes "fooBar_2".
class NameScope {
 public:
  std::string claim(const std::string& wanted);
  bool taken(const std::string& name) const { return used_.count(name) != 0; }
  void reserve(const std::string& name) { used_.insert(name); }

 private:
  std::unordered_set<std::string> used_;
};

}  // namespace wink::codegen::ir
