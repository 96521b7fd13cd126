#include "emit/templates.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace wink::codegen::emit {

// Defined in the embedded_templates.cpp that the build generates from templates/*.mustache.
extern const char* const kEmbeddedTemplateNames[];
extern const char* const kEmbeddedTemplateTexts[];
extern const std::size_t kEmbeddedTemplateCount;

TemplateSet load_templates(const std::string& override_dir, Diagnostics& diags) {
  TemplateSet set;
  for (std::size_t i = 0; i < kEmbeddedTemplateCount; ++i) set[kEmbeddedTemplateNames[i]] = kEmbeddedTemplateTexts[i];
  if (override_dir.empty()) return set;
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(override_dir, ec)) {
    diags.error({}, "--templates: '" + override_dir + "' is not a folder");
    return set;
  }
  for (const auto& entry : fs::directory_iterator(override_dir, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".mustache") continue;
    if (!set.count(name)) {
      diags.warning({}, "--templates: '" + entry.path().string() + "' replaces no built-in template (expected one of the names in templates/)");
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    set[name] = text.str();
  }
  return set;
}

}  // namespace wink::codegen::emit
