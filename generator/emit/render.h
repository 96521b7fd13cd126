// IR -> file contents, by rendering the templates. Nothing is written here.
#pragma once

#include <functional>
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
  // When set, called with each file (not the manifest) on the thread that rendered it as soon as
  // it is complete, e.g. to write it while others render; the file is returned all the same. It
  // stays in place (references to it hold) until on_done has returned.
  std::function<void(const OutputFile&)> on_file;
  // When set, called on each rendering thread once nothing is left for it to render (others may
  // still be rendering), e.g. to help write the files handed to on_file.
  std::function<void()> on_idle;
  // When set, called once, on the calling thread, when every file is rendered and before the files
  // are gathered into the result (they move then), e.g. to wait for writes still under way.
  std::function<void()> on_done;
};

// Every file of the SDK, sorted by path, plus the manifest `wink-sdk-files.txt` listing them.
std::vector<OutputFile> render_sdk(const ir::Sdk& sdk, const TemplateSet& templates, const RenderOptions& options,
                                   Diagnostics& diags);

extern const char* const kManifestName;

}  // namespace wink::codegen::emit
