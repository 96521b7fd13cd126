// The IR: everything the templates need, precomputed (identifiers, C++ types, flags, "last"
// markers, scopes). Templates only iterate and substitute.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"

namespace wink::codegen::ir {

struct Field {
  std::string name;       // C++ member name
  std::string wire_name;  // escaped for a string literal
  std::string type;       // full C++ type, e.g. std::optional<std::vector<Room>>
  std::string initializer;  // ` = "X"` for a required `const` string property, else empty
  bool required = false;  // decoding fails when absent; written even when empty
  std::vector<std::string> doc;
  bool deprecated = false;
};

struct EnumMember {
  std::string name;       // kActive
  std::string wire_name;  // escaped
  std::string raw;        // the value as sent, the sort key of from_string's table
  bool last = false;
};

struct Alternative {
  std::string type;  // C++ type of the alternative
  std::vector<std::string> discriminator_values;  // escaped
};

struct Model {
  enum class Kind { Struct, Enum, Alias, Variant };
  Kind kind = Kind::Struct;
  std::string name;       // C++ type name
  std::string wire_name;  // component name or a synthesised path, for docs
  std::vector<std::string> doc;
  bool deprecated = false;
  std::vector<Field> fields;
  // Indexes into `fields` sorted by wire name: the order JSON writers emit, which is
  // nlohmann's key order, so direct writing and dump() of a tree give the same bytes.
  std::vector<std::size_t> write_order;
  std::vector<EnumMember> members;
  std::string alias_type;
  std::vector<Alternative> alternatives;
  std::string discriminator;  // escaped property name; empty when none
  bool json_codec = true;     // false for multipart/form request structs (they hold files)
  // Names of models this one mentions; filled by the type resolver.
  std::vector<std::string> uses;
  SourceLocation location;
};

// Models that include each other are emitted in one header (a "group").
struct ModelGroup {
  std::string file_stem;
  std::vector<const Model*> models;          // in definition order
  std::vector<std::string> include_stems;    // other groups, sorted
  std::vector<std::string> forward_decls;    // models declared before definitions
  // A model holds nlohmann::json values (free-form schemas): the header needs the complete type,
  // the others only its forward declaration (half of a model's compile time otherwise).
  bool holds_json_values = false;
  // This header or one it includes holds such values: its users parse <nlohmann/json.hpp>.
  bool reaches_json_values = false;
  // JSON operation results naming this group's models (e.g. std::vector<wink::sdk::Room>),
  // qualified: the header declares their wink::detail::finish_json instantiations and the source
  // defines them, so a model's decoding, moves and destructor are compiled once, not in every
  // API source returning it. Sorted.
  std::vector<std::string> result_types;
};

// One source file of model code: the groups whose stems hash to it, sorted by stem. Headers stay
// one per group (that is what limits recompiling to a changed schema's users); the code behind
// them is compiled a few groups per file, so a first run creates a third fewer files and a
// build compiles fewer, larger translation units. A group's bucket depends only on its stem and
// the bucket count, so a changed schema changes one source, and a new one leaves the others be
// until the number of groups doubles (see plan_model_sources).
struct ModelSource {
  std::string file_stem;                  // "models_07", "models_json_1"
  std::vector<const ModelGroup*> groups;  // sorted by stem
};

enum class BodyKind { None, Json, Multipart, Form, Raw };

struct Param {
  std::string name;       // C++ parameter name
  std::string wire_name;  // escaped
  std::string raw_name;   // as written
  std::string type;       // value type, e.g. std::int64_t or std::optional<std::string>
  std::string arg_type;   // how it is passed, e.g. const std::string&
  bool required = false;
  bool in_path = false, in_query = false, in_header = false, in_cookie = false;
  bool explode = false;
  std::string style;      // wink::url::Style enumerator, e.g. wink::url::Style::kForm
  std::vector<std::string> doc;
  std::optional<std::string> example;  // JSON text, for the conformance program
  std::string access;     // expression in the method body: `id` or `params.id`
};

struct PathSegment {
  bool is_literal = false;
  std::string text;       // escaped literal, or the C++ parameter name
  std::string wire_name;  // parameter segments: escaped wire name (matrix style names it)
  std::string style;      // parameter segments: wink::url::Style enumerator
  bool explode = false;
};

struct Method {
  std::string name;           // C++ method name (camelCase), stable across naming styles
  std::string operation_id;   // as written (escaped)
  std::string constant;       // name of its OperationInfo, e.g. kShowRatePlan
  std::string http_method;    // GET, ...
  std::string path;           // template (escaped)
  std::vector<std::string> doc;
  bool deprecated = false;
  std::vector<Param> positional;  // path + required params, in signature order
  std::vector<Param> optional;    // optional params, in the Params struct
  std::vector<Param> all_params;  // every parameter, document order
  bool has_query = false, has_cookies = false;  // some parameter goes there
  std::string params_struct;      // e.g. ListRatePlansParams; empty when no optional params
  std::vector<PathSegment> path_segments;
  BodyKind body_kind = BodyKind::None;
  std::string body_type;          // C++ type of the body argument
  bool body_required = false;
  std::string body_content_type;  // escaped
  std::vector<Field> body_fields; // multipart / form fields
  std::string result_type;        // T of wink::Response<T>
  std::string finish;             // e.g. wink::detail::finish_json<RatePlan>
  std::string accept;             // escaped; non-JSON results only (e.g. text/csv), replacing the default
  std::string signature_args;     // declaration args, with defaults
  std::string definition_args;    // definition args, without defaults
  std::string mock_args;          // parenthesised types for MOCK_METHOD
  std::string mock_return;        // return type, parenthesised when it has commas
  std::vector<std::string> error_types;  // declared error body models (e.g. ProblemDetail)
  std::vector<std::string> scopes;
  std::optional<std::string> body_example;  // JSON text
};

struct ApiClass {
  std::string name;       // RatePlanApi
  std::string file_stem;  // rate_plan_api
  std::string tag;        // as written (escaped)
  std::vector<Method> methods;
  std::vector<std::string> include_stems;  // model groups the methods use
  // Some method takes or returns nlohmann::json values (free-form bodies, parameters, results):
  // the header includes its complete type for the caller; the others only its declaration.
  bool uses_json_values = false;
};

struct OperationScopes {
  std::string raw_id;        // unescaped, the sort key of the lookup table
  std::string constant;      // kShowRatePlan
  std::string operation_id;  // escaped
  std::string http_method;
  std::string path;          // escaped
  std::string raw_path;      // as written
  std::vector<std::string> scopes;
  std::string scope_array;   // kShowRatePlanScopes, empty when no scopes
  bool idempotent = false;
};

struct Sdk {
  std::string namespace_name;   // e.g. wink::supplier
  std::string include_prefix;   // e.g. wink/supplier (folder under include/)
  std::string title, spec_version, openapi_version, generator_version;
  std::vector<Model> models;
  std::vector<ModelGroup> groups;
  std::vector<ModelSource> model_sources;  // point into `groups`
  std::vector<ApiClass> apis;
  std::vector<OperationScopes> operations;  // sorted by operation id
  std::vector<std::string> declared_scopes; // from the security schemes, sorted
  std::string token_url, server_url;
};

}  // namespace wink::codegen::ir
