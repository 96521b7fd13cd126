// What the SDK makes of an operation, decided here once for generate (ir/api.cpp), diff and the
// conformance program: which parameters are C++ arguments and in which order, which media type
// a request body or a result uses, which response is the result. Never document order where
// reordering a list or a map of the document would silently change the C++ API.
#pragma once

#include <vector>

#include "ir/ir.h"
#include "spec/document.h"

namespace wink::codegen::ir {

// A header the runtime sets on every call (Wink-Version, Accept, ...): no C++ argument.
bool is_runtime_header(const spec::Parameter& p);

// The method's positional arguments: its required parameters (path parameters always are),
// path parameters in the order of the path template, then the others in document order. So a
// reordered `parameters` list never swaps two arguments of the same type.
std::vector<const spec::Parameter*> positional_parameters(const spec::Operation& op);
// The members of its Params struct: the optional parameters, in document order.
std::vector<const spec::Parameter*> optional_parameters(const spec::Operation& op);

// The JSON media type the SDK reads or writes among `content`, or nullptr when none is JSON:
// one with a schema before one without, then application/json, application/json;..., +json,
// */* (Spring's default), then the smaller name. Reordered `content` keys change nothing.
const spec::MediaType* json_media(const std::vector<spec::MediaType>& content);

// How the request body is sent: JSON when a JSON media type is declared, else multipart or
// form fields when that media type's schema is an object with properties, else raw bytes of
// the first media type.
struct BodyShape {
  BodyKind kind = BodyKind::None;
  const spec::MediaType* media = nullptr;
};
BodyShape body_shape(const spec::Document& doc, const spec::Operation& op);

// The response whose body is the method's result: the lowest 2xx status ("2XX" counts as 299);
// nullptr when there is none or it has no body (no content, or 204).
const spec::Response* result_response(const spec::Operation& op);

}  // namespace wink::codegen::ir
