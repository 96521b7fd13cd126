// The comparison driver: indexes both documents, runs each area's comparison, sorts the result.
#include <algorithm>
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

std::string Location::group() const {
  if (is_operation()) return operation_label(method, path);
  if (is_schema()) {
    std::string out = "schema ";
    out += schema;
    return out;
  }
  return "document";
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

Differ::Differ(const spec::Document& old_doc, const spec::Document& new_doc, const Options& options)
    : old_(old_doc), new_(new_doc), options_(options) {}

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
  Result result;
  result.changes = std::move(changes_);
  result.operations = counts_;
  attach_used_by(result);
  // Document-level first, then operations by path and method, then schemas by name.
  auto key = [](const Change& c) {
    int kind = c.location.is_operation() ? 1 : c.location.is_schema() ? 2 : 0;
    using S = const std::string&;
    return std::tuple<int, S, S, S, S, S, S, S>(kind, c.location.path, c.location.schema, c.location.method,
                                                c.location.pointer, c.direction, c.rule, c.message);
  };
  std::stable_sort(result.changes.begin(), result.changes.end(),
                   [&](const Change& a, const Change& b) { return key(a) < key(b); });
  return result;
}

// Changes inside a component are reported once per direction, at the component; each names
// the operations whose payloads reach it (directly or through other components).
void Differ::attach_used_by(Result& result) {
  std::map<std::string, std::set<std::string>> users;  // "Name|direction" -> operations
  for (const auto& [owner, direct] : reaches_) {
    if (owner.find('|') != std::string::npos) continue;  // a component, not an operation
    std::set<std::string> seen(direct.begin(), direct.end());
    std::deque<std::string> todo(direct.begin(), direct.end());
    while (!todo.empty()) {
      std::string at = std::move(todo.front());
      todo.pop_front();
      users[at].insert(owner);
      if (auto it = reaches_.find(at); it != reaches_.end())
        for (const auto& next : it->second)
          if (seen.insert(next).second) todo.push_back(next);
    }
  }
  for (auto& c : result.changes) {
    if (!c.location.is_schema() || c.direction.empty()) continue;
    std::string key = c.location.schema;
    key += '|';
    key += c.direction;
    if (auto it = users.find(key); it != users.end()) c.used_by.assign(it->second.begin(), it->second.end());
  }
}

Result diff_documents(const spec::Document& old_doc, const spec::Document& new_doc, const Options& options) {
  return Differ(old_doc, new_doc, options).run();
}

}  // namespace wink::codegen::diff
