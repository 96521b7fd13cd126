// The comparison driver: indexes both documents, runs each area's comparison, sorts the result.
#include <algorithm>
#include <cctype>
#include <deque>
#include <tuple>

#include "diff/differ.h"

namespace wink::codegen::diff {

std::string_view level_name(Level level) {
  switch (level) {
    case Level::Info: return "info";
    case Level::NonBreaking: return "non-breaking";
    case Level::Source: return "source";
    case Level::Breaking: return "breaking";
  }
  return "info";
}

std::optional<Level> parse_level(std::string_view name) {
  for (Level l : {Level::Info, Level::NonBreaking, Level::Source, Level::Breaking})
    if (level_name(l) == name) return l;
  return std::nullopt;
}

Level max_level(Level a, Level b) { return static_cast<int>(a) >= static_cast<int>(b) ? a : b; }

std::string operation_label(const std::string& method, const std::string& path) {
  std::string out = method;
  out += ' ';
  out += path;
  return out;
}

std::string quoted(const std::string& s) { return cat("'", s, "'"); }

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

Location located(const Location& base, const std::string& pointer, const spec::Schema& where) {
  Location at = base;
  at.pointer += pointer;
  if (where.location.line != 0) at.source = where.location;
  return at;
}

std::string Location::group() const {
  if (is_operation()) return operation_label(method, path);
  if (is_schema()) return old_schema.empty() ? cat("schema ", schema) : cat("schema ", old_schema, " -> ", schema);
  return "document";
}

std::string_view bump_name(Bump bump) {
  switch (bump) {
    case Bump::None: return "none";
    case Bump::Patch: return "patch";
    case Bump::Minor: return "minor";
    case Bump::Major: return "major";
  }
  return "none";
}

std::size_t Result::count(Level level) const {
  return static_cast<std::size_t>(
      std::count_if(changes.begin(), changes.end(), [&](const Change& c) { return c.level == level; }));
}

std::optional<Level> Result::highest() const {
  std::optional<Level> out;
  for (const auto& c : changes) out = out ? max_level(*out, c.level) : c.level;
  return out;
}

Bump Result::recommended_bump() const {
  auto worst = highest();
  if (!worst) return Bump::None;
  switch (*worst) {
    case Level::Breaking:
    case Level::Source: return Bump::Major;
    case Level::NonBreaking: return Bump::Minor;
    case Level::Info: return Bump::Patch;
  }
  return Bump::Major;
}

Differ::Differ(const spec::Document& old_doc, const spec::Document& new_doc, const Options& options)
    : old_(old_doc),
      new_(new_doc),
      old_names_(ir::claim_sdk_names(old_doc)),
      new_names_(ir::claim_sdk_names(new_doc)),
      options_(options) {}

void Differ::add(std::string rule, Level wire, Level cpp, Location location, std::string message,
                 std::string direction) {
  Change c;
  c.rule = std::move(rule);
  c.wire = wire;
  c.cpp = cpp;
  c.level = max_level(wire, cpp);
  c.location = std::move(location);
  c.message = std::move(message);
  c.direction = std::move(direction);
  changes_.push_back(std::move(c));
}

Result Differ::run() {
  compare_servers();
  compare_security_schemes();
  compare_operations();
  compare_components();
  check_version_bump();
  Result result;
  result.changes = std::move(changes_);
  result.operations = counts_;
  attach_used_by(result);
  // Document-level first, then operations by path and method, then schemas by name.
  auto key = [](const Change& c) {
    int kind = c.location.is_operation() ? 1 : c.location.is_schema() ? 2 : 0;
    using S = const std::string&;
    return std::tuple<int, S, S, S, S, S, S, S, S>(kind, c.location.path, c.location.schema, c.location.old_schema,
                                                   c.location.method, c.location.pointer, c.direction, c.rule,
                                                   c.message);
  };
  std::stable_sort(result.changes.begin(), result.changes.end(),
                   [&](const Change& a, const Change& b) { return key(a) < key(b); });
  return result;
}

// Changes inside a component are reported once per direction, at the component; each names
// the operations whose payloads reach it (directly or through other components).
void Differ::attach_used_by(Result& result) {
  std::map<ComponentKey, std::set<std::string>> users;
  for (const auto& [operation, direct] : operation_reaches_) {
    std::set<ComponentKey> seen(direct.begin(), direct.end());
    std::deque<ComponentKey> todo(direct.begin(), direct.end());
    while (!todo.empty()) {
      ComponentKey at = std::move(todo.front());
      todo.pop_front();
      users[at].insert(operation);
      if (auto it = component_reaches_.find(at); it != component_reaches_.end())
        for (const auto& next : it->second)
          if (seen.insert(next).second) todo.push_back(next);
    }
  }
  for (auto& c : result.changes) {
    if (c.location.is_operation()) {
      c.used_by = {operation_label(c.location.method, c.location.path)};
      continue;
    }
    if (!c.location.is_schema() || c.direction.empty()) continue;
    ComponentKey key{c.location.old_schema.empty() ? c.location.schema : c.location.old_schema, c.location.schema,
                     c.direction == "request" ? Direction::Request : Direction::Response};
    if (auto it = users.find(key); it != users.end()) c.used_by.assign(it->second.begin(), it->second.end());
  }
}

Result diff_documents(const spec::Document& old_doc, const spec::Document& new_doc, const Options& options) {
  return Differ(old_doc, new_doc, options).run();
}

}  // namespace wink::codegen::diff
