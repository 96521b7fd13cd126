// allOf merging: the one object an object schema and its allOf parts describe. The SDK's struct
// has these members, so generate, diff and the conformance program all merge through here.
#pragma once

#include <string>
#include <vector>

#include "spec/document.h"

namespace wink::codegen::spec {

struct MergedObject {
  // The schema's and its allOf parts' properties (references followed, parts before the schema
  // itself, depth first): a name keeps the place of its first definition and takes its last
  // one, the most specific.
  std::vector<const Property*> properties;
  std::vector<std::string> required;  // every part's required names, in the same order (may repeat)

  bool is_required(const std::string& name) const;
};

// Deeply nested or cyclic allOf references stop merging at 32 levels.
MergedObject merge_all_of(const Document& doc, const Schema& schema);

}  // namespace wink::codegen::spec
