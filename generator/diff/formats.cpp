// Output formats: text (terminal), markdown (PR comment), json (machines; schema in
// docs/ci/diff-json-schema.json), github (workflow annotations), junit (CI test reports).
// Document text (names, patterns, defaults) reaches every format through its escaping function.
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
  if (r.changes.empty()) return "no changes";
  std::string out;
  for (Level l : kLevelsWorstFirst) {
    if (!out.empty()) out += ", ";
    out += cat(std::to_string(r.count(l)), " ", level_name(l));
  }
  return out;
}

std::string bump_line(const Result& r) {
  return cat("recommended SDK version bump: ", bump_name(r.recommended_bump()));
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

// Terminal text: control characters from a document (escape sequences) are shown, not obeyed.
std::string printable(const std::string& text) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  for (char ch : text) {
    auto u = static_cast<unsigned char>(ch);
    if (u < 0x20 || u == 0x7f) out += cat("\\x", std::string{kHex[u >> 4], kHex[u & 15]});
    else out += ch;
  }
  return out;
}

// Markdown table cells. Inside a code span (`code`) only the table's `|`, the span's own
// backtick and line breaks matter; in prose, links, images and HTML from a document must not
// come alive either.
std::string markdown_code(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '|') out += "\\|";
    else if (ch == '`') out += '\'';
    else if (ch == '\n' || ch == '\r') out += ' ';
    else out += ch;
  }
  return out;
}

std::string markdown_text(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '|' || ch == '[' || ch == ']' || ch == '`' || ch == '*' || ch == '_' || ch == '\\')
      out += cat("\\", std::string(1, ch));
    else if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else if (ch == '&') out += "&amp;";
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

// XML 1.0 text and attribute values: markup escaped, characters XML cannot carry replaced.
std::string xml_escape(const std::string& text) {
  std::string out;
  for (char ch : text) {
    auto u = static_cast<unsigned char>(ch);
    if (ch == '&') out += "&amp;";
    else if (ch == '<') out += "&lt;";
    else if (ch == '>') out += "&gt;";
    else if (ch == '"') out += "&quot;";
    else if (ch == '\'') out += "&apos;";
    else if (ch == '\n') out += "&#10;";
    else if (u < 0x20 && ch != '\t') out += '?';
    else out += ch;
  }
  return out;
}

}  // namespace

std::string format_text(const Result& result, const ReportHeader& header) {
  std::string out = cat("wink-codegen diff: ", printable(title_line(header)), "\n", operations_line(result.operations),
                        "\n");
  std::string group;
  for (const auto& c : result.changes) {
    std::string g = group_title(c);
    if (g != group) {
      out += cat("\n", printable(g), "\n");
      if (c.location.is_schema() && !c.used_by.empty()) {  // one operation a line, aligned
        std::vector<std::string> users;
        for (const auto& u : c.used_by) users.push_back(printable(u));
        out += cat("  used by: ", join(users, "\n           "), "\n");
      }
      group = g;
    }
    std::string level(level_name(c.level));
    level.resize(13, ' ');
    out += cat("  ", level, c.rule, c.location.pointer.empty() ? "" : " ", printable(c.location.pointer), ": ",
               printable(c.message), "\n");
  }
  out += cat("\nsummary: ", summary_line(result), "\n", bump_line(result), "\n");
  return out;
}

std::string format_markdown(const Result& result, const ReportHeader& header) {
  static const std::map<Level, const char*> kTitles = {{Level::Breaking, "Breaking (wire)"},
                                                       {Level::Source, "Source-breaking (C++ API)"},
                                                       {Level::NonBreaking, "Non-breaking"},
                                                       {Level::Info, "Info"}};
  // A PR comment holds at most 65536 characters: detail rows stop at a budget, worst first.
  constexpr std::size_t kMaxChars = 60000;
  std::string out = cat("## OpenAPI drift: `", markdown_code(header.old_name), "` → `",
                        markdown_code(header.new_name), "`\n\n");
  if (!header.old_version.empty() || !header.new_version.empty())
    out += cat("API version ", markdown_text(header.old_version), " → ", markdown_text(header.new_version), ". ");
  out += cat(operations_line(result.operations), ". **Recommended SDK version bump: ",
             bump_name(result.recommended_bump()), "**.\n\n");
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
  std::map<std::string, const Change*> groups;  // component groups shown, for the "used by" list
  for (Level level : kLevelsWorstFirst) {
    std::size_t n = result.count(level);
    if (n == 0 || full) continue;
    bool fold = level == Level::Info || level == Level::NonBreaking;
    out += cat("\n### ", kTitles.at(level), " (", std::to_string(n), ")\n\n");
    if (fold) out += "<details><summary>show</summary>\n\n";
    out += "| Where | Rule | Change |\n|---|---|---|\n";
    for (const auto& c : result.changes) {
      if (c.level != level) continue;
      std::string message = markdown_text(c.message);
      if (c.wire != c.cpp) message += cat(" _(wire: ", level_name(c.wire), ", C++: ", level_name(c.cpp), ")_");
      std::string row = cat("| `", markdown_code(where_text(c)), "` | `", c.rule, "` | ", message, " |\n");
      if (out.size() + row.size() > kMaxChars) {
        full = true;
        break;
      }
      out += row;
      ++shown;
      if (c.location.is_schema() && !c.used_by.empty()) groups.emplace(group_title(c), &c);
    }
    if (fold) out += "\n</details>\n";
  }
  // Every operation each component change reaches, once per component.
  if (!groups.empty()) {
    std::string used = "\n### Operations reached by component changes\n\n<details><summary>show</summary>\n\n";
    for (const auto& [title, c] : groups) {
      std::string line = cat("- `", markdown_code(title), "`: ");
      for (std::size_t i = 0; i < c->used_by.size(); ++i)
        line += cat(i ? ", `" : "`", markdown_code(c->used_by[i]), "`");
      line += "\n";
      if (out.size() + used.size() + line.size() > kMaxChars) {
        full = true;
        break;
      }
      used += line;
    }
    out += cat(used, "\n</details>\n");
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
  doc["semver"] = std::string(bump_name(result.recommended_bump()));
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
      if (!c.location.old_schema.empty()) location["oldSchema"] = c.location.old_schema;
    }
    location["pointer"] = c.location.pointer;
    if (c.location.source.line != 0)
      location["source"] = {{"file", std::string(c.location.source.file_name())},
                            {"line", c.location.source.line},
                            {"column", c.location.source.column}};
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
  // Document text is not necessarily UTF-8 everywhere: replace what is not, never throw.
  return cat(doc.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace), "\n");
}

// Breaking -> ::error, source -> ::warning, non-breaking -> ::notice, worst first; info changes
// are only counted. GitHub shows 10 annotations of each kind per step: the summary notice comes
// first and says how many were left out.
std::string format_github(const Result& result, const ReportHeader& header) {
  constexpr std::size_t kPerKind = 10;
  struct Kind {
    Level level;
    const char* command;
    std::size_t limit;
  };
  const Kind kinds[] = {{Level::Breaking, "error", kPerKind},
                        {Level::Source, "warning", kPerKind},
                        {Level::NonBreaking, "notice", kPerKind - 1}};  // the summary is a notice too
  std::string annotations;
  std::size_t left_out = 0;
  for (const auto& kind : kinds) {
    std::size_t shown = 0;
    for (const auto& c : result.changes) {
      if (c.level != kind.level) continue;
      if (shown == kind.limit) {
        ++left_out;
        continue;
      }
      ++shown;
      std::string properties;
      if (c.location.source.line != 0)
        properties = cat("file=", github_escape(std::string(c.location.source.file_name()), true),
                         ",line=", std::to_string(c.location.source.line), ",");
      std::string message = cat(where_text(c), ": ", c.message);
      annotations += cat("::", kind.command, " ", properties,
                         "title=", github_escape(cat(c.rule, " (", level_name(c.level), ")"), true), "::",
                         github_escape(message, false), "\n");
    }
  }
  std::string summary = cat(operations_line(result.operations), "; ", summary_line(result), "; ", bump_line(result));
  if (left_out > 0)
    summary += cat("; ", std::to_string(left_out),
                   " change(s) not annotated (GitHub shows 10 annotations of each kind): see the text or json report");
  return cat("::notice title=", github_escape(cat("OpenAPI drift ", title_line(header)), true), "::",
             github_escape(summary, false), "\n", annotations);
}

std::string format_junit(const Result& result, const ReportHeader& header, std::optional<Level> fail_on) {
  auto fails = [&](const Change& c) { return fail_on && static_cast<int>(c.level) >= static_cast<int>(*fail_on); };
  std::size_t failures = 0;
  for (const auto& c : result.changes) failures += fails(c) ? 1 : 0;
  std::size_t tests = result.changes.empty() ? 1 : result.changes.size();
  std::string suite = xml_escape(cat("OpenAPI drift ", title_line(header)));
  std::string out = cat("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"wink-codegen diff\" tests=\"",
                        std::to_string(tests), "\" failures=\"", std::to_string(failures), "\">\n");
  out += cat("  <testsuite name=\"", suite, "\" tests=\"", std::to_string(tests), "\" failures=\"",
             std::to_string(failures), "\" errors=\"0\" skipped=\"0\">\n");
  out += cat("    <properties>\n      <property name=\"semver\" value=\"", bump_name(result.recommended_bump()),
             "\"/>\n      <property name=\"summary\" value=\"", xml_escape(summary_line(result)),
             "\"/>\n    </properties>\n");
  if (result.changes.empty()) out += "    <testcase classname=\"document\" name=\"no changes\"/>\n";
  for (const auto& c : result.changes) {
    std::string name = c.location.pointer.empty() ? c.rule : cat(c.rule, " ", c.location.pointer);
    std::string body = cat(c.message, "\nwire: ", level_name(c.wire), ", C++: ", level_name(c.cpp));
    if (!c.used_by.empty()) body += cat("\nused by: ", join(c.used_by));
    if (c.location.source.line != 0)
      body += cat("\nat ", c.location.source.file_name(), ":", std::to_string(c.location.source.line));
    out += cat("    <testcase classname=\"", xml_escape(group_title(c)), "\" name=\"", xml_escape(name), "\"");
    if (fails(c))
      out += cat(">\n      <failure type=\"", level_name(c.level), "\" message=\"", xml_escape(c.message), "\">",
                 xml_escape(body), "</failure>\n    </testcase>\n");
    else
      out += cat(">\n      <system-out>", xml_escape(cat(level_name(c.level), ": ", body)),
                 "</system-out>\n    </testcase>\n");
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

}  // namespace wink::codegen::diff
