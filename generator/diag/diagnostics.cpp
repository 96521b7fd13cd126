#include "diag/diagnostics.h"

#include <algorithm>
#include <cstdio>

namespace wink::codegen {
namespace {

// Messages quote names from the document: their control characters (a terminal's escape
// sequences, line breaks that fake another diagnostic) are shown as \xNN.
void append_printable(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (c >= 0x20 && c != 0x7F && !c1) {
      out += text[i];
      continue;
    }
    if (c1) c = static_cast<unsigned char>(text[++i]);
    char buf[8];
    std::snprintf(buf, sizeof buf, c1 ? "\\u%04X" : "\\x%02X", c);
    out += buf;
  }
}

}  // namespace

std::string format(const Diagnostic& d) {
  std::string out;
  append_printable(out, d.location.file_name());
  if (d.location.line > 0) {
    out += ':' + std::to_string(d.location.line) + ':' + std::to_string(d.location.column);
  }
  switch (d.severity) {
    case Severity::Error: out += ": error: "; break;
    case Severity::Warning: out += ": warning: "; break;
    case Severity::Note: out += ": note: "; break;
  }
  append_printable(out, d.message);
  if (!d.pointer.empty()) {
    out += " [at ";
    append_printable(out, d.pointer);
    out += "]";
  }
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Warning && strict_) d.severity = Severity::Error;
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  items_.push_back(std::move(d));
}

const std::string* Diagnostics::keep_file_name(std::string name) {
  for (const auto& kept : file_names_)
    if (*kept == name) return kept.get();
  return file_names_.emplace_back(std::make_shared<const std::string>(std::move(name))).get();
}

void Diagnostics::error(SourceLocation loc, std::string message, std::string pointer) {
  add({Severity::Error, loc, std::move(pointer), std::move(message)});
}

void Diagnostics::warning(SourceLocation loc, std::string message, std::string pointer) {
  add({Severity::Warning, loc, std::move(pointer), std::move(message)});
}

std::string Diagnostics::to_string() const {
  std::string out;
  std::size_t shown = std::min(items_.size(), kMaxPrinted);
  for (std::size_t i = 0; i < shown; ++i) out += format(items_[i]) + '\n';
  if (shown < items_.size())
    out += "wink-codegen: note: " + std::to_string(items_.size() - shown) + " more diagnostic(s) not shown\n";
  return out;
}

}  // namespace wink::codegen
