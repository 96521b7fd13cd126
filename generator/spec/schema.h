// Validated OpenAPI schema model: 3.0 and 3.1 normalised into one shape.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diagnostics.h"

namespace wink::codegen::load {
class Node;
}

namespace wink::codegen::spec {

// JSON Schema primitive types as bit flags, so 3.1 type arrays fit in one field.
enum TypeBits : std::uint8_t {
  kString = 1, kInteger = 2, kNumber = 4, kBoolean = 8, kObject = 16, kArray = 32, kNull = 64,
};

// A literal of the document (an enum value, `const`, `default`, an example) as a JSON value, member
// order kept: later stages compare it and write it back as JSON, and never parse text again.
using Value = nlohmann::ordered_json;

struct Schema;
using SchemaPtr = std::shared_ptr<Schema>;

struct Discriminator {
  std::string property;
  std::vector<std::pair<std::string, std::string>> mapping;  // value -> component schema name
};

// A numeric bound (`minimum`, `maximum`) as written; `exclusive` for 3.0 `exclusiveMinimum: true`
// and 3.1 `exclusiveMinimum: <number>` alike.
struct Bound {
  double value = 0;
  std::string text;  // the number as written, for messages
  bool exclusive = false;
};

struct Property {
  std::string name;  // wire name
  SchemaPtr schema;
};

struct Schema {
  SourceLocation location;
  // The schema as written, in the loader's tree (which outlives the document), for its JSON
  // pointer in diagnostics (load::pointer_of). Null for the schemas made up for absent ones.
  const load::Node* node = nullptr;
  std::string pointer() const;  // its JSON pointer, for diagnostics ("" without a node)
  std::string ref;               // component name when this is a reference to components/schemas
  std::uint8_t types = 0;        // TypeBits; 0 = unconstrained
  // TypeBits as written, before properties imply object and items array: `type: "null"` with
  // properties (Wink's documents have some) admits null only, whatever `types` implies.
  std::uint8_t written_types = 0;
  bool nullable = false;         // 3.0 `nullable: true` or "null" in a 3.1 type array
  std::string format;
  std::vector<Value> enum_values;  // without null (which makes the schema nullable)
  std::optional<Value> const_value;
  std::vector<Property> properties;
  std::vector<std::string> required;
  SchemaPtr items;
  // additionalProperties: absent -> nullopt; `false` -> allowed=false; `true`/{} -> schema w/o constraints.
  bool additional_properties_forbidden = false;
  SchemaPtr additional_properties;
  std::vector<SchemaPtr> all_of, one_of, any_of;
  std::optional<Discriminator> discriminator;
  std::string title, description;
  bool read_only = false, write_only = false, deprecated = false;
  std::optional<Value> default_value;
  std::vector<Value> examples;  // `example` and 3.1 `examples`
  // Validation keywords: what a server checks (diff compares them) and what values made up for a
  // schema (the conformance program's) honour; the C++ types do not change with them.
  std::optional<std::uint64_t> min_length, max_length, min_items, max_items;
  std::optional<std::string> pattern;
  std::optional<Bound> minimum, maximum;

  bool is_ref() const { return !ref.empty(); }
  bool has_type(TypeBits t) const { return (types & t) != 0; }
  bool is_required(const std::string& property) const;
  // No type, no structure: a free-form value (`{}` or `true`).
  bool is_free_form() const;
  // Admits null and nothing else, as written (see written_types).
  bool is_null_only() const { return types == kNull || written_types == kNull; }
};

}  // namespace wink::codegen::spec
