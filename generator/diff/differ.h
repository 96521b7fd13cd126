// Internal: the state one comparison shares across operations.cpp, schemas.cpp, variants.cpp,
// constraints.cpp and document.cpp.
#pragma once

#include <compare>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diff/diff.h"
#include "ir/sdk_names.h"
#include "load/loader.h"

namespace wink::codegen::diff {

// Which way a payload travels decides how a change is judged: a client must be able to send
// what NEW accepts (request) and to read what NEW returns (response).
enum class Direction { Request, Response };

inline const char* direction_name(Direction d) { return d == Direction::Request ? "request" : "response"; }

// A struct member: its C++ type wraps the value by required-ness and nullability
// (T, std::optional<T>, wink::Nullable<T>), and the OLD SDK decodes it accordingly.
struct MemberSlot {
  bool old_required = false, new_required = false;
};

// Where a schema comparison reports its findings.
struct SchemaSite {
  Direction direction = Direction::Request;
  Location base;               // the operation, or the component being compared
  bool parameter = false;      // type changes are reported as parameter-type-changed
  std::optional<MemberSlot> member;  // set when the schema is a property's value
};

// A component compared in one direction: OLD's and NEW's names (the same unless payloads
// moved from one component to another). Its changes are reported once, located at it.
struct ComponentKey {
  std::string old_name, new_name;
  Direction direction = Direction::Request;
  auto operator<=>(const ComponentKey&) const = default;
};

// Whose payload a schema comparison belongs to: an operation ("GET /a") or a component.
struct Owner {
  std::string operation;
  std::optional<ComponentKey> component;
};

class Differ {
 public:
  Differ(const spec::Document& old_doc, const spec::Document& new_doc, const Options& options);
  Result run();

  // ---- shared helpers (public for the free functions of each .cpp) ----
  void add(std::string rule, Level wire, Level cpp, Location location, std::string message,
           std::string direction = {});

  // schemas.cpp: compares two schemas found at the same place of a payload.
  void compare_schemas(const spec::Schema* a, const spec::Schema* b, const SchemaSite& site,
                       const std::string& pointer, const Owner& owner);

 private:
  // operations.cpp
  void compare_operations();
  void compare_operation(const spec::Operation& a, const spec::Operation& b);
  void compare_parameters(const spec::Operation& a, const spec::Operation& b, const Location& at);
  void compare_parameter_order(const spec::Operation& a, const spec::Operation& b, const Location& at);
  void compare_request_body(const spec::Operation& a, const spec::Operation& b, const Location& at);
  void compare_payloads(const std::vector<spec::MediaType>& a, const std::vector<spec::MediaType>& b,
                        Direction direction, const Location& at, const Owner& owner);
  void compare_responses(const spec::Operation& a, const spec::Operation& b, const Location& at);
  void compare_headers(const spec::Response& a, const spec::Response& b, const Location& at);
  void compare_scopes(const spec::Operation& a, const spec::Operation& b, const Location& at);
  // document.cpp
  void compare_servers();
  void compare_security_schemes();
  void compare_components();
  void check_version_bump();
  // schemas.cpp
  // `place_null_*`: a `nullable` written at this place (beside a $ref, on an allOf wrapper).
  void compare_structure(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site,
                         const std::string& pointer, const Owner& owner, bool place_null_a = false,
                         bool place_null_b = false);
  void compare_nullable(bool null_a, bool null_b, const SchemaSite& site, const Location& at);
  void compare_properties(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site,
                          const std::string& pointer, const Owner& owner);
  void compare_enum(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site, const Location& at);
  // variants.cpp
  void compare_alternatives(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site,
                            const std::string& pointer, const Owner& owner);
  void compare_discriminator(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site,
                             const Location& at);
  // constraints.cpp: validation keywords, defaults, deprecation.
  void compare_constraints(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site,
                           const Location& at);
  void compare_default(const spec::Schema& a, const spec::Schema& b, const SchemaSite& site, const Location& at);
  void attach_used_by(Result& result);

  // A component pair compared once per direction, its changes located at it; `owner` reaches it.
  void compare_component(const std::string& old_name, const std::string& new_name, const SchemaSite& site,
                         const Owner& owner);

  const spec::Document& old_;
  const spec::Document& new_;
  const ir::SdkNames old_names_, new_names_;  // the C++ names each version's SDK has
  Options options_;
  std::vector<Change> changes_;
  OperationCounts counts_;
  // Cycle guards / memo: a component (or pair of components) is compared once per direction.
  std::set<ComponentKey> compared_;
  // "used by": which components each operation's payloads reach directly, and each component's.
  std::map<std::string, std::set<ComponentKey>> operation_reaches_;
  std::map<ComponentKey, std::set<ComponentKey>> component_reaches_;
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
std::string quoted(const std::string& s);
std::string lower(std::string s);
std::string join(const std::vector<std::string>& items, const char* separator = ", ");
// `base` with `pointer` appended, located at `where` in NEW's document when it knows its place.
Location located(const Location& base, const std::string& pointer, const spec::Schema& where);

}  // namespace wink::codegen::diff
