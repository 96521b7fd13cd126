// The validated OpenAPI document: what the IR stage reads. Every node keeps its location.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "spec/schema.h"
#include "spec/security.h"

namespace wink::codegen::spec {

enum class ParameterIn { Path, Query, Header, Cookie };

struct Parameter {
  SourceLocation location;
  const load::Node* node = nullptr;  // as written, in the loader's tree
  std::string pointer() const;       // its JSON pointer, for diagnostics
  std::string name;
  ParameterIn in = ParameterIn::Query;
  bool required = false;
  bool deprecated = false;
  std::string style;      // normalised default: path/header "simple", query/cookie "form"
  bool explode = false;   // normalised default: true for form, false otherwise
  std::string description;
  SchemaPtr schema;       // never null (an empty schema when absent)
  std::optional<Value> example;
};

struct MediaType {
  std::string content_type;
  SchemaPtr schema;  // may be null (no schema)
  std::optional<Value> example;
};

struct RequestBody {
  SourceLocation location;
  bool required = false;
  std::string description;
  std::vector<MediaType> content;
};

struct Header {
  SourceLocation location;
  std::string name;  // as written (HTTP header names compare case-insensitively)
  bool required = false;
  bool deprecated = false;
  SchemaPtr schema;  // never null (an empty schema when absent)
};

struct Response {
  SourceLocation location;
  std::string status;  // "200", "2XX", "default"
  std::string description;
  std::vector<MediaType> content;
  std::vector<Header> headers;
};

struct Operation {
  SourceLocation location;
  const load::Node* node = nullptr;  // as written, in the loader's tree
  std::string pointer() const;       // its JSON pointer, for diagnostics
  std::string method;   // upper case: GET, PUT, ...
  std::string path;     // template as written
  std::string operation_id;
  bool operation_id_synthesised = false;
  std::vector<std::string> tags;
  std::string summary, description;
  bool deprecated = false;
  std::vector<Parameter> parameters;  // path-item and operation parameters merged
  std::optional<RequestBody> request_body;
  std::vector<Response> responses;
  std::optional<std::vector<SecurityRequirement>> security;  // nullopt: inherits document's
};

struct Server {
  std::string url;
  std::string description;
};

struct Document {
  std::string file;
  SourceLocation location;  // the root object
  std::string openapi_version;  // "3.0.3", "3.1.0"
  bool is_3_1 = false;
  std::string title, version, description;
  std::vector<Server> servers;
  std::vector<Operation> operations;  // in document order
  std::vector<std::pair<std::string, SchemaPtr>> schemas;  // components/schemas (+ external refs)
  std::vector<SecurityScheme> security_schemes;
  std::vector<SecurityRequirement> security;  // document-level default

  const Schema* find_schema(const std::string& name) const;
  // Follows a chain of `$ref`s; nullptr for a dangling reference or a cycle of pure references.
  const Schema* resolve(const Schema* schema) const;
  const SecurityScheme* find_security_scheme(const std::string& name) const;

 private:
  // Name -> schema, built on first lookup (and again when `schemas` has grown): every stage
  // resolves references constantly, and documents have hundreds of schemas.
  mutable std::unordered_map<std::string, const Schema*> schema_index_;
  mutable std::size_t indexed_ = 0;
  // Component name -> the schema its chain of `$ref`s ends in, for every name of a chain followed
  // once: resolving stays linear in the length of the longest chain.
  mutable std::unordered_map<std::string, const Schema*> chain_end_;
};

}  // namespace wink::codegen::spec
