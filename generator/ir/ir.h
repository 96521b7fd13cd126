// The IR: the SDK to generate, decided and named. Models (one per schema that becomes a C++
// type), API classes (one per tag) with one method per operation, and per-operation scopes.
// C++ types are ir::Type values (ir/type.h); names are final C++ identifiers; text from the
// document (wire names, paths, docs) is kept as written: emit/cpp_text.h escapes it for the C++
// context it lands in. The emit stage spells the rest (ir/signature.h) and renders templates
// that only substitute.
#pragma once

#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "ir/type.h"
#include "spec/document.h"

namespace wink::codegen::ir {

struct Field {
  std::string name;       // C++ member name
  std::string wire_name;  // as written
  Type type;              // e.g. std::optional<std::vector<Room>>
  bool required = false;  // decoding fails when absent; written even when empty
  // A required `const` string property: its one value, the member's initialiser.
  std::optional<std::string> fixed_value;
  std::vector<std::string> doc;  // paragraphs as written
  bool deprecated = false;
};

struct EnumMember {
  std::string name;       // kActive
  std::string wire_name;  // as written
  std::string raw;        // the value as sent, the sort key of from_string's table
  bool last = false;
};

struct Alternative {
  Type type;
  std::vector<std::string> discriminator_values;
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
  Type alias_type;  // Kind::Alias: the type it names
  std::vector<Alternative> alternatives;
  std::string discriminator;  // property name; empty when none
  // False for the struct of a multipart or form body: it holds files and is sent field by field.
  bool json_codec = true;
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

// How a parameter is serialised (OpenAPI `style`).
enum class Style { kSimple, kLabel, kMatrix, kForm, kSpaceDelimited, kPipeDelimited, kDeepObject };

struct Param {
  const spec::Parameter* source = nullptr;  // as the document declares it
  std::string name;       // C++ parameter name
  std::string wire_name;
  Type type;              // value type: std::optional<T> when optional
  bool required = false;  // an argument of the method; else a member of its Params struct
  spec::ParameterIn in = spec::ParameterIn::Query;
  Style style = Style::kForm;
  bool explode = false;
  std::vector<std::string> doc;
};

struct PathSegment {
  bool is_literal = false;
  std::string text;       // literal text, or the C++ parameter name
  std::string wire_name;  // parameter segments: the wire name (matrix style names it)
  Style style = Style::kSimple;
  bool explode = false;
};

// How the request body travels (see body_shape in ir/operation_shape.h).
enum class BodyKind { None, Json, Multipart, Form, Raw };

struct Body {
  BodyKind kind = BodyKind::None;
  const spec::MediaType* media = nullptr;  // the media type sent
  Type type;              // of the body argument: a model, nlohmann::json, std::string (raw)
  bool required = false;  // else the argument is a std::optional, and no body is sent without it
  std::string content_type;
  // Multipart and form bodies: the struct's fields, sent one by one.
  struct Part {
    std::string name;       // C++ member name
    std::string wire_name;
  };
  std::vector<Part> parts;
};

struct Result {
  // How the response body becomes the result: none (wink::Empty), decoded JSON, or text as sent.
  enum class Kind { Empty, Json, Text };
  Kind kind = Kind::Empty;
  Type type;           // T of wink::Response<T>
  std::string accept;  // replaces the runtime's default Accept (JSON) when not empty
};

struct Method {
  const spec::Operation* op = nullptr;  // the operation it calls
  std::string name;           // C++ method name (camelCase), stable across naming styles
  std::string operation_id;   // as written
  std::string constant;       // name of its OperationInfo, e.g. kShowRatePlan
  std::string http_method;    // GET, ...
  std::string path;           // template, as written
  std::vector<std::string> doc;
  bool deprecated = false;
  std::vector<Param> positional;  // required parameters, in signature order (operation_shape.h)
  std::vector<Param> optional;    // optional parameters, in the Params struct
  std::vector<Param> all_params;  // every parameter, document order
  bool has_query = false, has_cookies = false;  // some parameter goes there
  std::string params_struct;      // e.g. ListRatePlansParams; empty when no optional params
  std::vector<PathSegment> path_segments;
  Body body;
  Result result;
  std::vector<Type> error_types;  // declared error body models (e.g. ProblemDetail)
  std::vector<std::string> scopes;
};

struct ApiClass {
  std::string name;       // RatePlanApi
  std::string file_stem;  // rate_plan_api
  std::string tag;        // as written
  std::vector<Method> methods;
  std::vector<std::string> include_stems;  // model groups the methods use
  // Some method takes or returns nlohmann::json values (free-form bodies, parameters, results):
  // the header includes its complete type for the caller; the others only its declaration.
  bool uses_json_values = false;
};

struct OperationScopes {
  std::string raw_id;        // unescaped, the sort key of the lookup table
  std::string constant;      // kShowRatePlan
  std::string operation_id;
  std::string http_method;
  std::string path;
  std::string raw_path;      // as written
  std::vector<std::string> scopes;  // OAuth scope tokens
  std::string scope_array;   // kShowRatePlanScopes, empty when no scopes
  bool idempotent = false;
};

struct Sdk {
  std::string namespace_name;   // e.g. wink::supplier
  std::string include_prefix;   // e.g. wink/supplier (folder under include/)
  std::string title, spec_version, openapi_version, generator_version;
  std::deque<Model> models;     // a deque: groups point into it
  std::vector<ModelGroup> groups;
  std::vector<ModelSource> model_sources;  // point into `groups`
  std::vector<ApiClass> apis;
  std::vector<OperationScopes> operations;  // sorted by operation id
  std::vector<std::string> declared_scopes; // from the security schemes, sorted
  std::string token_url, server_url;
};

}  // namespace wink::codegen::ir
