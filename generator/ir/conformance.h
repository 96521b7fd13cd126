// The conformance program's IR: for every operation, the C++ statements that build its arguments
// from the document's examples and schemas, and the call itself. Computed here so that
// templates/conformance.cpp.mustache stays logic-free. Deterministic: document order throughout.
#pragma once

#include <string>
#include <vector>

#include "ir/ir.h"
#include "spec/document.h"

namespace wink::codegen::ir {

struct ConformanceApi {
  std::string class_name;  // RatePlanApi
  std::string variable;    // api_rate_plan_api
};

struct ConformanceCall {
  std::string operation_id;
  std::string http_method;
  std::string path;
  std::string api_variable;  // api_rate_plan_api
  std::string method;        // listRatePlans
  std::vector<std::string> setup;  // C++ statements building the arguments, in order
  std::string arguments;     // the call's argument list, e.g. `a0, body, params`
};

struct Conformance {
  std::vector<ConformanceApi> apis;
  std::vector<ConformanceCall> calls;  // API classes in SDK order, methods in document order
  std::size_t operation_count = 0;
};

// `sdk` was built from `doc`.
Conformance build_conformance(const spec::Document& doc, const Sdk& sdk);

}  // namespace wink::codegen::ir
