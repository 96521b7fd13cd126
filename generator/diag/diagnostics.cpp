#include "diag/diagnostics.h"

namespace wink::codegen {

std::string format(const Diagnostic& d) {
  std::string out(d.location.file_name());
  if (d.location.line > 0) {
    out += ':' + std::to_string(d.location.line) + ':' + std::to_string(d.location.column);
  }
  switch (d.severity) {
    case Severity::Error: out += ": error: "; break;
    case Severity::Warning: out += ": warning: "; break;
    case Severity::Note: out += ": note: "; break;
  }
  out += d.message;
  if (!d.pointer.empty()) out += " [at " + d.pointer + "]";
  return out;
}

void Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::Warning && strict_) d.severity = Severity::Error;
  if (d.severity == Severity::Error) ++errors_;
  if (d.severity == Severity::Warning) ++warnings_;
  items_.push_back(std::move(d));
}

void Diagnostics::error(SourceLocation loc, std::string message, std::string pointer) {
  add({Severity::Error, loc, std::move(pointer), std::move(message)});
}

void Diagnostics::warning(SourceLocation loc, std::string message, std::string pointer) {
  add({Severity::Warning, loc, std::move(pointer), std::move(message)});
}

std::string Diagnostics::to_string() const {
  std::string out;
  for (const auto& d : items_) out += format(d) + '\n';
  return out;
}

}  // namespace wink::codegen
