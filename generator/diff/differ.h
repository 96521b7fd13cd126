// Internal: the state one comparison shares across operations.cpp, schemas.cpp and document.cpp.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "diff/diff.h"
#include "load/loader.h"

namespace wink::codegen::diff {

// Which way a payload travels decides how a change is judged: a client must be able to send
// what NEW accepts (request) and to read what NEW returns (response).
enum class Direction { Request, Response };

inline const char* direction_name(Direction d) { return d == Direction::Request ? "request" : "response"; }

// Where a schema comparison reports its findings.
struct SchemaSite {
  Direction direction = Direction::Request;
  Location base;               // the operation, or the component being compared
  bool parameter = false;      // type changes are reported as parameter-type-changed
};

class Differ {
 public:
  Differ(const spec::Document& old_doc, const spec::Document& new_doc, const Options& options);
  Result run();

  // ---- shared helpers (public for the free functions of each .cpp) ----
  void add(std::string rule, Level wire, Level cpp, Location location, std::string message,
           std::string direction = {});

  // schemas.cpp: compares two schemas found at the same place of a payload. `owner` is the
  // operation or component whose payload this is (for "used by").
  void compare_schemas(const spec::Schema* a, const spec::Schema* b, const SchemaSite& site,
                       const std::string& pointer, const std::string& owner);

 private:
  // operations.cpp
  void compare_operations();
  void compare_operation(const spec::Operation& a, const spec::Operation& b);
  void compare_parameters(const spec::Operation& a, const spec::Operation& b, const Location& at);
  void compare_request_body(const spec::Operation& a, const spec::Operation& b, const Location& at);
  void compare_responses(const spec::Operation& a, const spec::Operation& b, const Location& at);
  void compare_scopes(const spec::Operation& a, const spec::Operation& b, const Location& at);
  // document.cpp
  void compare_servers();
  void compare_security_schemes();
  void compare_components();
  // schemas.cpp
  // `extra_null_*`: a `nullable` written beside the $ref that led here.
  void compare_structure(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site,
                         const std::string& pointer, const std::string& owner, bool extra_null_a = false,
                         bool extra_null_b = false);
  void compare_properties(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site,
                          const std::string& pointer, const std::string& owner);
  void compare_enum(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site, const std::string& pointer);
  void compare_alternatives(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site,
                            const std::string& pointer, const std::string& owner);
  void attach_used_by(Result& result);

  const spec::Document& old_;
  const spec::Document& new_;
  Options options_;
  std::vector<Change> changes_;
  OperationCounts counts_;
  // Cycle guards / memo: a component (or pair of components) is compared once per direction.
  std::set<std::string> compared_;
  // "used by": owner (operation "GET /a" or component key "Foo|request") -> components reached.
  std::map<std::string, std::set<std::string>> reaches_;
};

// Helpers shared by the .cpp files.
// Concatenation without `"literal" + std::string` (GCC 12 -Wrestrict false positives, bug 105329).
template <typename... Parts>
std::string cat(const Parts&... parts) {
  std::string out;
  ((out += parts), ...);
  return out;
}
std::string operation_label(const std::string& method, const std::string& path);
Level max_level(Level a, Level b);

}  // namespace wink::codegen::diff
