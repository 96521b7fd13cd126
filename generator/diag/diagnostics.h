// Diagnostics collected across all pipeline stages; printed as `file:line:col: severity: message`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace wink::codegen {

// Where a node came from. `file` points into a string owned by the loader's file table, which
// outlives every stage, so locations stay cheap to copy.
struct SourceLocation {
  const std::string* file = nullptr;
  std::uint32_t line = 0;    // 1-based; 0 when unknown
  std::uint32_t column = 0;  // 1-based; 0 when unknown
  // Without a file (e.g. an output folder that cannot be written), messages start with the
  // program's name, as compilers' do.
  std::string_view file_name() const { return file ? std::string_view(*file) : std::string_view("wink-codegen"); }
};

enum class Severity { Note, Warning, Error };

struct Diagnostic {
  Severity severity = Severity::Error;
  SourceLocation location;
  std::string pointer;  // JSON pointer inside the file, may be empty
  std::string message;
};

// Formats `file:line:col: error: message` (with ` [at /json/pointer]` when a pointer is known).
std::string format(const Diagnostic& d);

class Diagnostics {
 public:
  void error(SourceLocation loc, std::string message, std::string pointer = {});
  void warning(SourceLocation loc, std::string message, std::string pointer = {});
  void add(Diagnostic d);
  // Stable storage for the name of a file that no loader owns (a template), for SourceLocation.
  const std::string* keep_file_name(std::string name);
  // Warnings are promoted to errors (`--strict`).
  void set_strict(bool strict) { strict_ = strict; }

  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  std::size_t warning_count() const { return warnings_; }
  const std::vector<Diagnostic>& all() const { return items_; }
  // Writes the diagnostics, one per line, in the order they were reported: the first
  // kMaxPrinted, then how many more there are (a broken document can give thousands).
  std::string to_string() const;
  static constexpr std::size_t kMaxPrinted = 100;

 private:
  std::vector<Diagnostic> items_;
  std::vector<std::shared_ptr<const std::string>> file_names_;  // shared: copies keep them alive
  std::size_t errors_ = 0;
  std::size_t warnings_ = 0;
  bool strict_ = false;
};

}  // namespace wink::codegen
