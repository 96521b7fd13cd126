// Builds the validated Document from loaded Nodes, reporting every problem it finds.
#pragma once

#include <optional>

#include "diag/diagnostics.h"
#include "load/loader.h"
#include "spec/document.h"

namespace wink::codegen::spec {

// Returns nullopt when the document has errors (all of them are in `diags`).
std::optional<Document> parse_document(load::Loader& loader, const load::Node& root, Diagnostics& diags);

}  // namespace wink::codegen::spec
