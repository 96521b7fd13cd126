// The loader's output: a format-neutral document tree (JSON and YAML alike) where every node
// remembers its source location. Only the load stage parses text; later stages read Nodes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostics.h"

namespace wink::codegen::load {

class Node {
 public:
  struct Member;  // defined below: a key and its value (`first`, `second`, like a map entry)
  enum class Kind : std::uint8_t { Null, Bool, Integer, Number, String, Array, Object };

  Kind kind = Kind::Null;
  bool boolean = false;
  // Where this node sits in its document, set once the tree is complete (link_parents): the
  // array or object holding it (null for a root) and its index there. JSON pointers for
  // diagnostics are computed from these on demand instead of being carried along.
  std::uint32_t slot = 0;
  const Node* parent = nullptr;
  SourceLocation location;
  std::int64_t integer = 0;
  double number = 0;           // set for Number and Integer
  std::string text;            // String value; for numbers, the literal as written
  std::vector<Node> items;     // Array elements
  std::vector<Member> members;  // Object members, in document order

  bool is_null() const { return kind == Kind::Null; }
  bool is_bool() const { return kind == Kind::Bool; }
  bool is_string() const { return kind == Kind::String; }
  bool is_number() const { return kind == Kind::Integer || kind == Kind::Number; }
  bool is_array() const { return kind == Kind::Array; }
  bool is_object() const { return kind == Kind::Object; }

  // Object member lookup; nullptr when absent or when this is not an object.
  const Node* find(std::string_view key) const;
  // "object", "array", "string", ... for diagnostics.
  static std::string_view kind_name(Kind k);
  std::string_view kind_name() const { return kind_name(kind); }
};

// std::pair<std::string, Node> would need Node complete inside Node itself (clang rejects it);
// a struct declared after Node is fine in a std::vector.
struct Node::Member {
  Member(std::string key, Node value) : first(std::move(key)), second(std::move(value)) {}
  std::string first;
  Node second;
};

// Sets `parent` and `slot` throughout a finished tree (the loader does this for every document).
void link_parents(Node& root);
// The RFC 6901 pointer of a linked node inside its document ("" for the root).
std::string pointer_of(const Node& node);

// Serialises a node as compact JSON (object member order preserved). Used for enum values,
// defaults and examples that the later stages carry as JSON text.
std::string to_json_text(const Node& node);

}  // namespace wink::codegen::load
