// Writes rendered files: only where content changed (so nothing recompiles needlessly), each via
// a temporary file and a rename (never half-written), and removes files an earlier run generated
// that are no longer part of the SDK.
#pragma once

#include <string>
#include <vector>

#include "diag/diagnostics.h"
#include "emit/render.h"

namespace wink::codegen::emit {

struct WriteReport {
  std::vector<std::string> written;    // new or changed
  std::vector<std::string> unchanged;
  std::vector<std::string> removed;    // listed by the previous manifest, not generated now
};

// `jobs`: threads that compare with the files on disk (0: one per core); the report does not
// depend on it.
WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags,
                          unsigned jobs = 0);

// What write_outputs would change, without writing: paths that differ, are missing or are stale.
std::vector<std::string> check_outputs(const std::string& out_dir, const std::vector<OutputFile>& files);

}  // namespace wink::codegen::emit
