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

#include "ir/security.h"
#include "spec/document.h"

namespace wink::codegen::diff {

// Ordered: a higher level is worse. `Source` sits below `Breaking` because a wire break fails
// at run time for every client, a source break only at the next build of C++ users.
enum class Level { Info = 0, NonBreaking = 1, Source = 2, Breaking = 3 };

std::string_view level_name(Level level);  // "info", "non-breaking", "source", "breaking"
std::optional<Level> parse_level(std::string_view name);

struct Location {
  std::string method, path;  // an operation (path as NEW writes it; OLD's when removed)
  std::string schema;        // or a component schema
  std::string pointer;       // JSON pointer inside the operation / schema ("" = itself)

  bool is_operation() const { return !method.empty(); }
  bool is_schema() const { return !schema.empty(); }
  // "GET /a/{id}", "schema Foo" or "document": what the text format groups by.
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
  // Changes inside a component schema: the operations ("GET /a") whose payloads reach it.
  std::vector<std::string> used_by;
};

struct OperationCounts {
  std::size_t old_total = 0, new_total = 0, added = 0, removed = 0, kept = 0;
};

struct Result {
  std::vector<Change> changes;  // sorted by group, then pointer, then rule
  OperationCounts operations;
  std::size_t count(Level level) const;
  // The highest level of any change; nullopt when there is none.
  std::optional<Level> highest() const;
};

struct Options {
  // The scope map used to derive each operation's scopes (same derivation as `generate`).
  const ir::ScopeMap* scope_map = nullptr;
};

Result diff_documents(const spec::Document& old_doc, const spec::Document& new_doc, const Options& options = {});

// Every rule id the differ can emit, with a one-line description (docs, tests).
struct Rule {
  std::string_view id;
  std::string_view summary;
};
const std::vector<Rule>& rules();

// Output formats. `old_name`/`new_name` label the documents (usually their file names).
struct ReportHeader {
  std::string old_name, new_name;
  std::string old_version, new_version;  // info.version
};
std::string format_text(const Result& result, const ReportHeader& header);
std::string format_markdown(const Result& result, const ReportHeader& header);
std::string format_json(const Result& result, const ReportHeader& header);
std::string format_github(const Result& result, const ReportHeader& header);

}  // namespace wink::codegen::diff
