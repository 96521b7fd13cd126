// Operations -> API classes (one per tag) with one typed method per operation.
#pragma once

#include "diag/diagnostics.h"
#include "ir/build.h"
#include "ir/ir.h"
#include "ir/model.h"
#include "ir/sdk_names.h"
#include "spec/document.h"

namespace wink::codegen::ir {

// Fills sdk.apis and sdk.operations; the models methods use are made through `models`.
void build_apis(const spec::Document& doc, const BuildOptions& options, SdkNames& names, ModelBuilder& models,
                Sdk& sdk, Diagnostics& diags);

}  // namespace wink::codegen::ir
