// Puts rendered files into the output folder:
// - only files whose content changed are written (so a build recompiles nothing needlessly);
// - each file is complete before it has its name (written to a temporary file beside it, then
//   renamed over it), so a reader or a killed run never sees half a file;
// - files that the previous manifest lists and that are no longer generated are removed, and the
//   manifest (`wink-sdk-files.txt`) is written last, so that until then the old one still names
//   every file a later run may have to remove;
// - nothing is written through a symbolic link inside the output folder (a link could lead the
//   files, or the removal of stale ones, anywhere).
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

// Writes `files` (render_sdk's, the manifest among them) into `out_dir`, creating it if needed.
// An error (the folder cannot be created, a file cannot be written, a link in the way) is
// reported with its reason; the run then stops, removes the files it created, and leaves the
// manifest and stale files alone.
WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags);

// What write_outputs would change, writing nothing: "<path> (missing)", "(differs)", "(stale)"
// or "(not a regular file)", in the order of `files`, stale files last.
std::vector<std::string> check_outputs(const std::string& out_dir, const std::vector<OutputFile>& files);

}  // namespace wink::codegen::emit
