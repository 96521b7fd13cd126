// Writes rendered files: only where content changed (so nothing recompiles needlessly), each one
// complete before it gets its name (a temporary file renamed over the old one, or an unnamed new
// file linked; never half-written), and removes files an earlier run generated that are no longer
// part of the SDK.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
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

// Writes files as they are rendered, from any thread (so writing overlaps rendering): each path
// once through write(), then finish() handles the files not written yet (the manifest among
// them, written last), removes stale files and reports, in the order of `files`. With
// `previous` (read from the same folder), files found there are compared with those bytes
// instead of being read again. An output folder that does not exist yet is built in a hidden
// folder beside it (".<name>.wink-<pid>.tmp") that finish() renames into place: a first run
// shows all of its files or none (and removes such folders left by killed runs first).
class OutputWriter {
 public:
  OutputWriter(const std::string& out_dir, const PreviousOutputs* previous);
  ~OutputWriter();
  OutputWriter(const OutputWriter&) = delete;
  OutputWriter& operator=(const OutputWriter&) = delete;

  void write(const OutputFile& file);
  // `jobs`: threads for the files not written yet (0: one per core); the report does not depend on it.
  WriteReport finish(const std::vector<OutputFile>& files, Diagnostics& diags, unsigned jobs = 0);
  // For a run that fails after writing began: removes the hidden folder of a first run (files
  // written into an existing folder stay, each complete). The destructor does it too.
  void abandon();

 private:
  struct Folder {
    int fd = -1;
    bool created = false;  // made by this run: nothing to compare with there
  };
  enum class Outcome { Unchanged, Written, Failed };
  struct Done {
    Outcome outcome;
    std::string error;
  };
  const Folder& folder(const std::string& relative);
  void stage_if_new();
  void publish(const std::vector<OutputFile>& files, Diagnostics& diags, unsigned jobs, WriteReport& report);

  std::filesystem::path dir_;        // where files go: the output folder, or the folder staged beside it
  std::filesystem::path final_dir_;  // the output folder
  bool staging_ = false;
  const PreviousOutputs* previous_;
  std::set<std::string> before_;  // the manifest's list, when not read ahead
  std::mutex mutex_;  // guards folders_ and done_
  std::map<std::string, Folder> folders_;
  std::unordered_map<std::string, Done> done_;
};

// Hands files to an OutputWriter on a thread of its own, in the order they come. For a folder
// with nothing to compare (a first run), where each file is created: two render threads creating
// files themselves contend in the kernel, one thread beside them does not (calm disk, supplier
// document: 39 -> 37 ms). Where files are mostly compared, writing on the render threads is
// cheaper (no copies).
class BackgroundWriter {
 public:
  explicit BackgroundWriter(OutputWriter& writer);
  ~BackgroundWriter();  // waits, like finish()
  BackgroundWriter(const BackgroundWriter&) = delete;
  BackgroundWriter& operator=(const BackgroundWriter&) = delete;

  // Any thread. Keeps a pointer: `file` must stay in place until finish() returns (render_sdk's
  // files do until its on_done hook returns).
  void push(const OutputFile& file);
  // Writes queued files on the calling thread until the queue is empty: a thread with nothing
  // left to render helps instead of leaving its core idle while the writer's thread works alone.
  void help();
  // Helps, then waits until every file pushed is written; rethrows what either thread threw.
  void finish();

 private:
  void run();
  // Writes queued files on the calling thread; `wait`: for more until closed (the writer's own
  // thread), else only until the queue is empty. Stops at the first failure.
  void drain(bool wait);

  OutputWriter& writer_;
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<const OutputFile*> queue_;  // files stay where render_sdk keeps them: no copies
  bool closed_ = false;
  std::exception_ptr failure_;
  std::thread thread_;
};

// All of `files` at once: OutputWriter::finish without earlier write() calls.
WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags,
                          unsigned jobs = 0, const PreviousOutputs* previous = nullptr);

// What write_outputs would change, without writing: paths that differ, are missing or are stale.
// With `previous` (read_previous_outputs of the same folder, e.g. ahead on another thread), the
// files and the manifest read there are compared instead of being read again.
std::vector<std::string> check_outputs(const std::string& out_dir, const std::vector<OutputFile>& files,
                                       const PreviousOutputs* previous = nullptr);

}  // namespace wink::codegen::emit
