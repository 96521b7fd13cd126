// Output formats: text (terminal), markdown (PR comment), json (machines; schema in
// docs/ci/diff-json-schema.json), github (workflow annotations).
#include <map>
#include <nlohmann/json.hpp>

#include "diff/differ.h"

namespace wink::codegen::diff {
namespace {

constexpr Level kLevelsWorstFirst[] = {Level::Breaking, Level::Source, Level::NonBreaking, Level::Info};

std::string title_line(const ReportHeader& h) {
  auto side = [](const std::string& name, const std::string& version) {
    return version.empty() ? name : cat(name, " (", version, ")");
  };
  return cat(side(h.old_name, h.old_version), " -> ", side(h.new_name, h.new_version));
}

std::string operations_line(const OperationCounts& o) {
  return cat("operations: ", std::to_string(o.old_total), " -> ", std::to_string(o.new_total), " (",
             std::to_string(o.removed), " removed, ", std::to_string(o.added), " added, ", std::to_string(o.kept),
             " kept)");
}

std::string summary_line(const Result& r) {
  std::string out;
  for (Level l : kLevelsWorstFirst) {
    if (!out.empty()) out += ", ";
    out += cat(std::to_string(r.count(l)), " ", level_name(l));
  }
  return out;
}

// "schema Foo (response; used by 2 operations)".
std::string group_title(const Change& c) {
  std::string out = c.location.group();
  if (c.location.is_schema() && !c.direction.empty()) {
    out += cat(" (", c.direction);
    if (!c.used_by.empty())
      out += cat("; used by ", std::to_string(c.used_by.size()), c.used_by.size() == 1 ? " operation" : " operations");
    out += ")";
  }
  return out;
}

std::string where_text(const Change& c) {
  return c.location.pointer.empty() ? group_title(c) : cat(group_title(c), " ", c.location.pointer);
}

std::string markdown_cell(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n' || ch == '\r') out += ' ';
    else out += ch;
  }
  return out;
}

// Workflow commands: data escapes %, CR, LF; property values also ':' and ','.
std::string github_escape(const std::string& text, bool property) {
  std::string out;
  for (char ch : text) {
    if (ch == '%') out += "%25";
    else if (ch == '\r') out += "%0D";
    else if (ch == '\n') out += "%0A";
    else if (property && ch == ':') out += "%3A";
    else if (property && ch == ',') out += "%2C";
    else out += ch;
  }
  return out;
}

}  // namespace

std::string format_text(const Result& result, const ReportHeader& header) {
  std::string out = cat("wink-codegen diff: ", title_line(header), "\n", operations_line(result.operations), "\n");
  std::string group;
  for (const auto& c : result.changes) {
    std::string g = group_title(c);
    if (g != group) {
      out += cat("\n", g, "\n");
      group = g;
    }
    std::string level(level_name(c.level));
    level.resize(13, ' ');
    out += cat("  ", level, c.rule, c.location.pointer.empty() ? "" : " ", c.location.pointer, ": ", c.message, "\n");
  }
  out += cat("\nsummary: ", result.changes.empty() ? std::string("no changes") : summary_line(result), "\n");
  return out;
}

std::string format_markdown(const Result& result, const ReportHeader& header) {
  static const std::map<Level, const char*> kTitles = {{Level::Breaking, "Breaking (wire)"},
                                                       {Level::Source, "Source-breaking (C++ API)"},
                                                       {Level::NonBreaking, "Non-breaking"},
                                                       {Level::Info, "Info"}};
  // A PR comment holds at most 65536 characters: detail rows stop at a budget, worst first.
  constexpr std::size_t kMaxChars = 60000;
  std::string out = cat("## OpenAPI drift: `", header.old_name, "` → `", header.new_name, "`\n\n");
  if (!header.old_version.empty() || !header.new_version.empty())
    out += cat("API version ", header.old_version, " → ", header.new_version, ". ");
  out += cat(operations_line(result.operations), ".\n\n");
  out += "| Level | Meaning | Changes |\n|---|---|---:|\n";
  out += cat("| **breaking** | a client built on the old document fails against the new one | ",
             std::to_string(result.count(Level::Breaking)), " |\n");
  out += cat("| **source** | C++ written against the old SDK no longer compiles | ",
             std::to_string(result.count(Level::Source)), " |\n");
  out += cat("| non-breaking | compatible additions | ", std::to_string(result.count(Level::NonBreaking)), " |\n");
  out += cat("| info | documentation-only or harmless | ", std::to_string(result.count(Level::Info)), " |\n");
  if (result.changes.empty()) return cat(out, "\nNo changes.\n");
  std::size_t shown = 0;
  bool full = false;
  for (Level level : kLevelsWorstFirst) {
    std::size_t n = result.count(level);
    if (n == 0 || full) continue;
    bool fold = level == Level::Info || level == Level::NonBreaking;
    out += cat("\n### ", kTitles.at(level), " (", std::to_string(n), ")\n\n");
    if (fold) out += "<details><summary>show</summary>\n\n";
    out += "| Where | Rule | Change |\n|---|---|---|\n";
    for (const auto& c : result.changes) {
      if (c.level != level) continue;
      std::string message = c.message;
      if (c.wire != c.cpp) message += cat(" _(wire: ", level_name(c.wire), ", C++: ", level_name(c.cpp), ")_");
      std::string row = cat("| `", markdown_cell(where_text(c)), "` | `", c.rule, "` | ", markdown_cell(message), " |\n");
      if (out.size() + row.size() > kMaxChars) {
        full = true;
        break;
      }
      out += row;
      ++shown;
    }
    if (fold) out += "\n</details>\n";
  }
  if (full)
    out += cat("\n… ", std::to_string(result.changes.size() - shown),
               " more change(s) not shown here (comment size limit): see `wink-codegen diff` text or json output.\n");
  return out;
}

std::string format_json(const Result& result, const ReportHeader& header) {
  nlohmann::ordered_json doc;
  doc["old"] = {{"name", header.old_name}, {"version", header.old_version}};
  doc["new"] = {{"name", header.new_name}, {"version", header.new_version}};
  doc["summary"] = {{"breaking", result.count(Level::Breaking)},
                    {"source", result.count(Level::Source)},
                    {"non-breaking", result.count(Level::NonBreaking)},
                    {"info", result.count(Level::Info)},
                    {"total", result.changes.size()}};
  const auto& o = result.operations;
  doc["operations"] = {{"old", o.old_total}, {"new", o.new_total}, {"added", o.added}, {"removed", o.removed},
                       {"kept", o.kept}};
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const auto& c : result.changes) {
    nlohmann::ordered_json location;
    if (c.location.is_operation()) {
      location["method"] = c.location.method;
      location["path"] = c.location.path;
    } else if (c.location.is_schema()) {
      location["schema"] = c.location.schema;
    }
    location["pointer"] = c.location.pointer;
    nlohmann::ordered_json entry = {{"rule", c.rule},
                                    {"level", std::string(level_name(c.level))},
                                    {"wire", std::string(level_name(c.wire))},
                                    {"cpp", std::string(level_name(c.cpp))},
                                    {"location", location},
                                    {"message", c.message}};
    if (!c.direction.empty()) entry["direction"] = c.direction;
    if (!c.used_by.empty()) entry["usedBy"] = c.used_by;
    changes.push_back(std::move(entry));
  }
  doc["changes"] = std::move(changes);
  return cat(doc.dump(2), "\n");
}

// Breaking -> ::error, source -> ::warning, non-breaking -> ::notice; info entries are only
// counted (one ::notice), since GitHub shows a limited number of annotations per step.
std::string format_github(const Result& result, const ReportHeader& header) {
  std::string out;
  for (const auto& c : result.changes) {
    const char* command = c.level == Level::Breaking  ? "error"
                          : c.level == Level::Source  ? "warning"
                          : c.level == Level::NonBreaking ? "notice"
                                                          : nullptr;
    if (!command) continue;
    out += cat("::", command, " title=", github_escape(cat(c.rule, " (", level_name(c.level), ")"), true), "::",
               github_escape(cat(where_text(c), ": ", c.message), false), "\n");
  }
  out += cat("::notice title=", github_escape(cat("OpenAPI drift ", title_line(header)), true), "::",
             github_escape(cat(operations_line(result.operations), "; ",
                               result.changes.empty() ? std::string("no changes") : summary_line(result)),
                           false),
             "\n");
  return out;
}

}  // namespace wink::codegen::diff
