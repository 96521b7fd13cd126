#include "emit/templates.h"

#include <cstdint>
#include <filesystem>
#include <set>
#include <string_view>
#include <vector>
#include <fstream>
#include <sstream>

namespace wink::codegen::emit {

// Defined in the embedded_templates.cpp that the build generates from templates/*.mustache.
extern const char* const kEmbeddedTemplateNames[];
extern const char* const kEmbeddedTemplateTexts[];
extern const std::size_t kEmbeddedTemplateCount;

namespace {

struct Tag {
  char kind = 0;  // '#', '^', '/', '>', '!', '=', '&', '{', or 0 for a variable
  std::string name;
  std::size_t offset = 0;  // of the opening "{{"
  bool closed = true;
};

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1));
}

// The tags of a template, in order (default delimiters; a delimiter change is itself a tag).
std::vector<Tag> scan_tags(const std::string& text) {
  std::vector<Tag> tags;
  for (std::size_t pos = 0; (pos = text.find("{{", pos)) != std::string::npos;) {
    Tag tag;
    tag.offset = pos;
    std::size_t body = pos + 2;
    std::string_view close = "}}";
    if (body < text.size() && std::string_view("#^/>!=&{").find(text[body]) != std::string_view::npos) {
      tag.kind = text[body++];
      if (tag.kind == '{') close = "}}}";
    }
    const std::size_t end = text.find(close, body);
    if (end == std::string::npos) {
      tag.closed = false;
      tags.push_back(std::move(tag));
      break;
    }
    tag.name = trimmed(std::string_view(text).substr(body, end - body));
    tags.push_back(std::move(tag));
    pos = end + close.size();
  }
  return tags;
}

SourceLocation location_in(const std::string* file, const std::string& text, std::size_t offset) {
  std::uint32_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0u) != 0x80u) {
      ++column;
    }
  }
  return SourceLocation{file, line, column};
}

// An override may use what the built-in template it replaces uses, and no more: the names the
// renderer provides for it. Partials would read files the generator does not control, and
// delimiter changes would hide tags from this check; both are refused. Sections must pair up.
void check_override(const std::string* file, const std::string& text, const std::string& builtin,
                    Diagnostics& diags) {
  std::set<std::string> known = {"."};
  for (const Tag& tag : scan_tags(builtin)) known.insert(tag.name);
  std::vector<const Tag*> open;
  const auto tags = scan_tags(text);
  for (const Tag& tag : tags) {
    const SourceLocation at = location_in(file, text, tag.offset);
    if (!tag.closed) {
      diags.error(at, "template tag '{{' is not closed");
      return;
    }
    switch (tag.kind) {
      case '!': break;
      case '>':
        diags.error(at, "Mustache partials ('{{> " + tag.name + "}}') are not supported in templates");
        break;
      case '=':
        diags.error(at, "changing the Mustache delimiters ('{{=...=}}') is not supported in templates");
        return;
      case '/':
        if (open.empty() || open.back()->name != tag.name) {
          diags.error(at, "'{{/" + tag.name + "}}' closes " +
                              (open.empty() ? std::string("no open section") : "section '" + open.back()->name + "'"));
          return;
        }
        open.pop_back();
        break;
      default:
        if (!known.count(tag.name)) {
          diags.error(at, "unknown template variable '" + tag.name + "' (the built-in template uses no such name)");
        }
        if (tag.kind == '#' || tag.kind == '^') open.push_back(&tag);
    }
  }
  for (const Tag* tag : open)
    diags.error(location_in(file, text, tag->offset), "section '" + tag->name + "' is not closed");
}

}  // namespace

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
    if (!entry.is_regular_file(ec)) {  // a FIFO would block the read forever
      diags.error({}, "--templates: cannot read '" + entry.path().string() + "': it is not a regular file");
      continue;
    }
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    check_override(diags.keep_file_name(entry.path().string()), text.str(), set[name], diags);
    set[name] = text.str();
  }
  return set;
}

}  // namespace wink::codegen::emit
