// `wink-codegen diff`: what changed between two versions of an OpenAPI document, and who it breaks.
//
// Every change carries two judgements: `wire` (does a client built on OLD still work against a
// server speaking NEW?) and `cpp` (does code written against the SDK generated from OLD still
// compile against the SDK generated from NEW?). One entry is emitted per change; its `level` is
// the higher of the two and the message names the other when it matters.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "spec/scope_map.h"
#include "spec/document.h"

namespace wink::codegen::diff {

// Ordered: a higher level is worse. `Source` sits below `Breaking` because a wire break fails
// at run time for every client, a source break only at the next build of C++ users.
enum class Level { Info = 0, NonBreaking = 1, Source = 2, Breaking = 3 };

std::string_view level_name(Level level);  // "info", "non-breaking", "source", "breaking"
std::optional<Level> parse_level(std::string_view name);

struct Location {
  std::string method, path;  // an operation (path as NEW writes it; OLD's when removed)
  std::string schema;        // or a component schema (NEW's name)
  // When payloads moved from one component to another: OLD's component, compared with `schema`.
  std::string old_schema;
  std::string pointer;       // JSON pointer inside the operation / schema ("" = itself)
  // Where NEW's document says it (for a removal: the nearest thing that is still there).
  SourceLocation source;

  bool is_operation() const { return !method.empty(); }
  bool is_schema() const { return !schema.empty(); }
  // "GET /a/{id}", "schema Foo", "schema Old -> New" or "document": what the reports group by.
  std::string group() const;
};

struct Change {
  std::string rule;  // stable id, e.g. "parameter-added" (see rules())
  Level level = Level::Info;  // max(wire, cpp)
  Level wire = Level::Info;
  Level cpp = Level::Info;
  std::string direction;  // "request", "response" or "" when not about a payload
  Location location;
  std::string message;
  // Every operation ("GET /a") the change reaches: the operation itself, or all those whose
  // payloads reach the component (directly or through other components). Empty for
  // document-wide changes (servers, security schemes, components no operation uses).
  std::vector<std::string> used_by;
};

// The SDK version bump the changes call for: any breaking or source change -> major (code or
// clients built on OLD stop working), non-breaking -> minor, info only -> patch.
enum class Bump { None, Patch, Minor, Major };
std::string_view bump_name(Bump bump);  // "none", "patch", "minor", "major"

struct OperationCounts {
  std::size_t old_total = 0, new_total = 0, added = 0, removed = 0, kept = 0;
};

struct Result {
  std::vector<Change> changes;  // sorted by group, then pointer, then rule
  OperationCounts operations;
  std::size_t count(Level level) const;
  // The highest level of any change; nullopt when there is none.
  std::optional<Level> highest() const;
  Bump recommended_bump() const;
};

struct Options {
  // The scope map used to derive each operation's scopes (same derivation as `generate`).
  const spec::ScopeMap* scope_map = nullptr;
};

Result diff_documents(const spec::Document& old_doc, const spec::Document& new_doc, const Options& options = {});

// Every rule id the differ can emit, with its contract: what it detects, how it is judged on the
// wire and in C++, and why. docs/ci/README.md carries the same table (a test compares them).
struct Rule {
  std::string_view id;
  std::string_view detects;
  std::string_view wire;
  std::string_view cpp;
  std::string_view why;
};
const std::vector<Rule>& rules();
// The contract as a markdown table (the one in docs/ci/README.md).
std::string rules_markdown();

// Output formats. `old_name`/`new_name` label the documents (usually their file names).
struct ReportHeader {
  std::string old_name, new_name;
  std::string old_version, new_version;  // info.version
};
std::string format_text(const Result& result, const ReportHeader& header);
std::string format_markdown(const Result& result, const ReportHeader& header);
std::string format_json(const Result& result, const ReportHeader& header);
// Workflow commands: a summary notice, then at most the annotations GitHub shows per step (10
// errors, 10 warnings, 10 notices counting the summary), each with NEW's file and line.
std::string format_github(const Result& result, const ReportHeader& header);
// JUnit XML: one test case per change, failed when its level is at or above `fail_on`.
std::string format_junit(const Result& result, const ReportHeader& header, std::optional<Level> fail_on);

}  // namespace wink::codegen::diff
