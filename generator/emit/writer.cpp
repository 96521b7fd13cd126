#include "emit/writer.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "emit/file_io.h"
#include "emit/parallel.h"

namespace wink::codegen::emit {
namespace fs = std::filesystem;
namespace {

// The paths a manifest lists: only relative paths inside the folder, since the listed files get
// removed when stale.
std::set<std::string> listed_paths(const std::string& manifest) {
  std::set<std::string> out;
  std::istringstream lines(manifest);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line[0] != '#' && line[0] != '/' && line.find("..") == std::string::npos) out.insert(line);
  return out;
}

// Where the file name starts in a '/'-separated relative path, and the folder before it ("" at
// the top).
std::size_t name_start(const std::string& path) {
  const std::size_t slash = path.rfind('/');
  return slash == std::string::npos ? 0 : slash + 1;
}
std::string folder_of(const std::string& path) {
  const std::size_t start = name_start(path);
  return start ? path.substr(0, start - 1) : std::string();
}

std::set<std::string> previous_manifest(const fs::path& dir) {
  std::string text;
  return read_file(AT_FDCWD, (dir / kManifestName).c_str(), text) ? listed_paths(text) : std::set<std::string>{};
}

// Writes `content` to a temporary file beside the target, then renames it over the target (a
// target that did not exist gets its name once complete, without a temporary name). On failure,
// `error` says why.
bool replace_file(int folder, const char* name, const fs::path& dir, const std::string& path,
                  const std::string& content, bool missing, std::string& error) {
  if (missing && folder >= 0 && write_new_file(folder, name, content) == NewFile::Linked) return true;
  static const std::string kSuffix = ".tmp" + std::to_string(::getpid());
  const std::string tmp = name + kSuffix;
  if (folder < 0 || !write_all(folder, tmp.c_str(), content)) {
    error = "cannot write '" + (dir / path).string() + kSuffix + "'";
    if (folder >= 0) ::unlinkat(folder, tmp.c_str(), 0);
    return false;
  }
  if (::renameat(folder, tmp.c_str(), folder, name) != 0) {
    error = "cannot replace '" + (dir / path).string() + "': " + std::error_code(errno, std::generic_category()).message();
    ::unlinkat(folder, tmp.c_str(), 0);
    return false;
  }
  return true;
}

// A first run builds its output folder <name> as ".<name>.wink-<pid>.tmp" beside it.
std::string staging_prefix(const std::string& name) { return "." + name + ".wink-"; }
constexpr std::string_view kStagingSuffix = ".tmp";

// A first run that is killed leaves its hidden folder (".<name>.wink-<pid>.tmp") behind; the
// next first run into the same folder removes those whose process no longer exists (one that
// does may still be writing). Process ids are this machine's: on a folder shared between
// machines, a run on another one could lose its staging folder and would report it.
void remove_abandoned_staging(const fs::path& parent, const std::string& name) {
  const std::string prefix = staging_prefix(name);
  const std::string_view suffix = kStagingSuffix;
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string entry = it->path().filename().string();
    if (entry.size() <= prefix.size() + suffix.size() || entry.compare(0, prefix.size(), prefix) != 0 ||
        entry.compare(entry.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string digits = entry.substr(prefix.size(), entry.size() - prefix.size() - suffix.size());
    if (digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
    const auto pid = static_cast<pid_t>(std::stol(digits));
    if (pid <= 0 || pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to tell
    std::error_code removed;
    fs::remove_all(it->path(), removed);
  }
}

}  // namespace

PreviousOutputs read_previous_outputs(const std::string& out_dir) {
  PreviousOutputs previous;
  const fs::path dir(out_dir);
  std::string text;
  if (!read_file(AT_FDCWD, (dir / kManifestName).c_str(), text)) return previous;
  previous.listed = listed_paths(text);
  previous.contents.emplace(kManifestName, std::move(text));
  // The paths are sorted, so each folder's files come together: the folder is opened once and
  // its files are named relative to it (the kernel resolves one name, not the whole path).
  std::string folder_path;
  int folder = -1;
  for (const auto& path : previous.listed) {
    std::string parent = folder_of(path);
    if (folder < 0 || parent != folder_path) {
      if (folder >= 0) ::close(folder);
      folder_path = std::move(parent);
      folder = ::open((folder_path.empty() ? dir : dir / folder_path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    if (folder >= 0 && read_file(folder, path.c_str() + name_start(path), text)) previous.contents.emplace(path, text);
  }
  if (folder >= 0) ::close(folder);
  return previous;
}

OutputWriter::OutputWriter(const std::string& out_dir, const PreviousOutputs* previous)
    : dir_(out_dir), final_dir_(out_dir), previous_(previous) {
  // Read before anything is written: the manifest is about to be replaced.
  if (!previous_) before_ = previous_manifest(dir_);
  stage_if_new();
}

// A first run into a folder that does not exist yet builds the SDK in a hidden folder beside it
// and renames that into place once every file is written: plain file creations in a private
// folder instead of unnamed files linked one by one (908 files: 14 -> 12 ms of kernel time), and
// the output folder appears complete or not at all.
void OutputWriter::stage_if_new() {
  struct stat st {};
  if (::lstat(final_dir_.c_str(), &st) == 0 || errno != ENOENT) return;
  fs::path normal = final_dir_.lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();  // "out/" -> "out"
  const std::string name = normal.filename().string();
  if (name.empty() || name == "." || name == "..") return;
  const fs::path parent = normal.has_parent_path() ? normal.parent_path() : fs::path(".");
  std::error_code ec;
  fs::create_directories(parent, ec);  // a failure shows up below or as "cannot write"
  remove_abandoned_staging(parent, name);
  fs::path staging = parent / (staging_prefix(name) + std::to_string(::getpid()) + std::string(kStagingSuffix));
  if (::mkdir(staging.c_str(), 0777) != 0) return;  // the usual way then
  dir_ = std::move(staging);
  staging_ = true;
}

// Moves the staged folder into place. Should the output folder have appeared meanwhile (another
// run), the files are written into it the usual way instead.
void OutputWriter::publish(const std::vector<OutputFile>& files, Diagnostics& diags, unsigned jobs,
                           WriteReport& report) {
  std::error_code ec;
  if (::rename(dir_.c_str(), final_dir_.c_str()) == 0) return;
  const int error = errno;
  if (error == EEXIST || error == ENOTEMPTY || error == ENOTDIR || error == EISDIR) {
    report = OutputWriter(final_dir_.string(), nullptr).finish(files, diags, jobs);
  } else {
    diags.error({}, "cannot move '" + dir_.string() + "' to '" + final_dir_.string() +
                        "': " + std::error_code(error, std::generic_category()).message());
    report.written.clear();
  }
  fs::remove_all(dir_, ec);
}

OutputWriter::~OutputWriter() {
  for (const auto& [relative, folder] : folders_)
    if (folder.fd >= 0) ::close(folder.fd);
  abandon();
}

void OutputWriter::abandon() {
  if (!staging_) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
  staging_ = false;
}

// Each output folder is created and opened once; files are then named relative to it, so the
// kernel resolves one name instead of a whole path.
const OutputWriter::Folder& OutputWriter::folder(const std::string& relative) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = folders_.try_emplace(relative);
  if (inserted) {
    const fs::path full = relative.empty() ? dir_ : dir_ / relative;
    std::error_code ec;
    it->second.created = fs::create_directories(full, ec);  // a failure shows up as "cannot write"
    it->second.fd = ::open(full.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  }
  return it->second;
}

void OutputWriter::write(const OutputFile& file) {
  const Folder& at = folder(folder_of(file.path));
  const char* name = file.path.c_str() + name_start(file.path);
  Done done{Outcome::Unchanged, {}};
  if (staging_) {  // a private folder: nothing to compare with, nobody sees a file before the folder is in place
    done.outcome = at.fd >= 0 && write_all(at.fd, name, file.content) ? Outcome::Written : Outcome::Failed;
    if (done.outcome == Outcome::Failed) done.error = "cannot write '" + (dir_ / file.path).string() + "'";
  } else {
    bool same = false, missing = at.created;
    if (!at.created) {
      const std::string* ahead = nullptr;
      if (previous_)
        if (auto it = previous_->contents.find(file.path); it != previous_->contents.end()) ahead = &it->second;
      if (ahead) same = *ahead == file.content;
      else same = at.fd >= 0 && holds(at.fd, name, file.content, missing);
    }
    if (!same)
      done.outcome = replace_file(at.fd, name, dir_, file.path, file.content, missing, done.error) ? Outcome::Written
                                                                                                  : Outcome::Failed;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  done_.emplace(file.path, std::move(done));
}

WriteReport OutputWriter::finish(const std::vector<OutputFile>& files, Diagnostics& diags, unsigned jobs) {
  std::vector<const OutputFile*> left;
  const OutputFile* manifest = nullptr;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& f : files) {
      if (done_.count(f.path)) continue;
      if (f.path == kManifestName) manifest = &f;
      else left.push_back(&f);
    }
  }
  for_each_task(left.size(), worker_count(jobs, left.size()), [&](unsigned, std::size_t k) { write(*left[k]); });
  if (manifest) write(*manifest);  // last: until then the old one lists what may need removing

  WriteReport report;
  std::set<std::string> now;
  bool failed = false;
  for (const auto& f : files) {
    now.insert(f.path);
    const Done& done = done_.at(f.path);
    if (done.outcome == Outcome::Unchanged) report.unchanged.push_back(f.path);
    else if (done.outcome == Outcome::Written) report.written.push_back(f.path);
    else {
      diags.error({}, done.error);
      failed = true;
    }
  }
  if (staging_) {
    if (failed) {
      report.written.clear();
      abandon();  // nothing appears
    } else {
      publish(files, diags, jobs, report);
      staging_ = false;
    }
    return report;
  }
  for (const auto& old : previous_ ? previous_->listed : before_) {
    if (now.count(old)) continue;
    std::error_code ec;
    if (fs::remove(dir_ / old, ec)) report.removed.push_back(old);
  }
  return report;
}

BackgroundWriter::BackgroundWriter(OutputWriter& writer) : writer_(writer), thread_([this] { run(); }) {}

BackgroundWriter::~BackgroundWriter() {
  try {
    finish();
  } catch (...) {  // reported by finish() when it is called; a destructor must not throw
  }
}

void BackgroundWriter::push(const OutputFile& file) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(&file);
  }
  ready_.notify_one();
}

void BackgroundWriter::run() { drain(true); }

void BackgroundWriter::help() { drain(false); }

void BackgroundWriter::drain(bool wait) {
  try {
    for (;;) {
      std::unique_lock<std::mutex> lock(mutex_);
      if (wait) ready_.wait(lock, [this] { return closed_ || !queue_.empty(); });
      if (queue_.empty() || failure_) return;
      const OutputFile* file = queue_.front();
      queue_.pop_front();
      lock.unlock();
      writer_.write(*file);
    }
  } catch (...) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failure_) failure_ = std::current_exception();
  }
}

void BackgroundWriter::finish() {
  if (!thread_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  ready_.notify_one();
  help();
  thread_.join();
  if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
}

WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags,
                          unsigned jobs, const PreviousOutputs* previous) {
  return OutputWriter(out_dir, previous).finish(files, diags, jobs);
}

std::vector<std::string> check_outputs(const std::string& out_dir, const std::vector<OutputFile>& files,
                                       const PreviousOutputs* previous) {
  std::vector<std::string> differ;
  fs::path dir(out_dir);
  std::set<std::string> now;
  std::string read;
  for (const auto& f : files) {
    now.insert(f.path);
    // Files the manifest does not list (or that could not be read ahead) are read here.
    const std::string* existing = nullptr;
    if (previous) {
      auto it = previous->contents.find(f.path);
      if (it != previous->contents.end()) existing = &it->second;
    }
    if (!existing && read_file(AT_FDCWD, (dir / f.path).c_str(), read)) existing = &read;
    if (!existing) differ.push_back(f.path + " (missing)");
    else if (*existing != f.content) differ.push_back(f.path + " (differs)");
  }
  for (const auto& old : previous ? previous->listed : previous_manifest(dir))
    if (!now.count(old) && fs::exists(dir / old)) differ.push_back(old + " (stale)");
  return differ;
}

}  // namespace wink::codegen::emit
