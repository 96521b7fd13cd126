// IR -> file contents, by rendering the templates. Nothing is written here.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "emit/templates.h"
#include "ir/conformance.h"
#include "ir/ir.h"

namespace wink::codegen::emit {

struct OutputFile {
  std::string path;  // relative to the output folder, '/'-separated
  std::string content;
};

struct RenderOptions {
  std::string spec_name;  // file name of the document (no folders: output must not vary by checkout)
  // When set (`generate --emit-conformance`), also src/conformance/main.cpp: the conformance program.
  const ir::Conformance* conformance = nullptr;
  // Threads that render (0: one per core). The files are the same whatever the number.
  unsigned jobs = 0;
};

// Every file of the SDK, sorted by path, plus the manifest `wink-sdk-files.txt` listing them.
std::vector<OutputFile> render_sdk(const ir::Sdk& sdk, const TemplateSet& templates, const RenderOptions& options,
                                   Diagnostics& diags);

extern const char* const kManifestName;

}  // namespace wink::codegen::emit
