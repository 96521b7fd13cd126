// The Mustache templates: built into the binary, each overridable from a --templates folder.
#pragma once

#include <map>
#include <string>

#include "diag/diagnostics.h"

namespace wink::codegen::emit {

using TemplateSet = std::map<std::string, std::string>;  // file name -> template text

// The built-in templates, replaced file by file by those found in `override_dir` (if not empty).
// A file in `override_dir` that matches no built-in template is reported (a likely typo).
TemplateSet load_templates(const std::string& override_dir, Diagnostics& diags);

}  // namespace wink::codegen::emit
