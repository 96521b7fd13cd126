// Writes rendered files: only where content changed (so nothing recompiles needlessly), each via
// a temporary file and a rename (never half-written), and removes files an earlier run generated
// that are no longer part of the SDK.
#pragma once

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diagnostics.h"
#include "emit/render.h"

namespace wink::codegen::emit {

struct WriteReport {
  std::vector<std::string> written;    // new or changed
  std::vector<std::string> unchanged;
  std::vector<std::string> removed;    // listed by the previous manifest, not generated now
};

// What an earlier run left in the output folder: the paths its manifest lists and the bytes of
// each of those files (and of the manifest). Reading them ahead, while the document is still
// being parsed, leaves write_outputs nothing to read for an unchanged regeneration.
struct PreviousOutputs {
  std::set<std::string> listed;
  std::unordered_map<std::string, std::string> contents;  // path -> bytes, when readable
};
PreviousOutputs read_previous_outputs(const std::string& out_dir);

// `jobs`: threads that compare with the files on disk (0: one per core); the report does not
// depend on it. With `previous` (read from the same folder), files found there are compared
// with those bytes instead of being read again.
WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags,
                          unsigned jobs = 0, const PreviousOutputs* previous = nullptr);

// What write_outputs would change, without writing: paths that differ, are missing or are stale.
std::vector<std::string> check_outputs(const std::string& out_dir, const std::vector<OutputFile>& files);

}  // namespace wink::codegen::emit
