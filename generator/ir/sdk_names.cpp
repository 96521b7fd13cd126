#include "ir/sdk_names.h"

namespace wink::codegen::ir {

SdkNames claim_sdk_names(const spec::Document& doc) {
  SdkNames names;
  for (const char* r : {"Client", "Response", "Error", "Json"}) names.types.reserve(r);
  for (const auto& [name, schema] : doc.schemas)
    names.components.try_emplace(name, names.types.claim(safe_identifier(pascal_case(name))));
  for (const auto& op : doc.operations) {
    std::string tag = api_tag(op);
    if (!names.api_classes.count(tag))
      names.api_classes.emplace(tag, names.types.claim(safe_identifier(pascal_case(tag) + "Api")));
  }
  return names;
}

std::string api_tag(const spec::Operation& op) { return op.tags.empty() ? "Default" : op.tags.front(); }

std::string method_name_for(const std::string& operation_id) { return camel_case(operation_id); }

}  // namespace wink::codegen::ir
