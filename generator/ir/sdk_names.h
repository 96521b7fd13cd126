// The SDK's C++ names that diff reports too: type names claimed in one scope, in a fixed order,
// so that generate and diff resolve a collision ("RoomApi" the schema, "RoomApi" the API class of
// tag Room) the same way.
#pragma once

#include <map>
#include <string>

#include "ir/naming.h"
#include "spec/document.h"

namespace wink::codegen::ir {

struct SdkNames {
  NameScope types;  // every type name claimed; inline models and Params structs claim here next
  std::map<std::string, std::string> components;   // component schema -> C++ type
  std::map<std::string, std::string> api_classes;  // tag (see api_tag) -> API class
};

// Reserves the runtime's names (Client, Response, Error, Json), then claims each component
// schema's type in document order, then one API class per tag in order of first use: before any
// inline model, so that no inline schema can rename an API class.
SdkNames claim_sdk_names(const spec::Document& doc);

// The tag whose API class holds the operation: its first, else "Default".
std::string api_tag(const spec::Operation& op);

// The C++ method name of an operationId: identical for showRatePlan and show-rate-plan.
std::string method_name_for(const std::string& operation_id);

}  // namespace wink::codegen::ir
