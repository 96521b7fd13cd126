#include "emit/writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <system_error>
#include <vector>

#include "emit/parallel.h"

namespace wink::codegen::emit {
namespace fs = std::filesystem;
namespace {

// Plain POSIX reads and writes: a regeneration touches hundreds of files and iostreams cost
// more than the I/O itself. Names are relative to `folder` (an open folder, or AT_FDCWD), so
// the kernel resolves one name instead of a whole path. A read that returns less than asked is
// the end of a regular file, so most files take one open, one read and one close (a folder
// fails the read).
bool read_file(int folder, const char* name, std::string& out) {
  int fd = ::openat(folder, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  thread_local std::vector<char> buffer(256u << 10);
  bool ok = true;
  while (true) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) ok = false;
    if (n <= 0) break;
    out.append(buffer.data(), static_cast<std::size_t>(n));
    if (static_cast<std::size_t>(n) < buffer.size()) break;
  }
  ::close(fd);
  return ok;
}

// True when `name` holds exactly `content`. One read of one byte more than `content`: a regular
// file returns less than asked only at its end, so a read of exactly content.size() bytes is the
// whole file (no fstat, no second read; anything else counts as changed).
bool holds(int folder, const char* name, const std::string& content) {
  int fd = ::openat(folder, name, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  thread_local std::string existing;
  existing.resize(content.size() + 1);
  ssize_t n;
  do n = ::read(fd, existing.data(), existing.size());
  while (n < 0 && errno == EINTR);
  ::close(fd);
  return n == static_cast<ssize_t>(content.size()) && std::memcmp(existing.data(), content.data(), content.size()) == 0;
}

bool write_all(int folder, const char* name, const std::string& content) {
  int fd = ::openat(folder, name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  const char* data = content.data();
  std::size_t left = content.size();
  bool ok = true;
  while (left > 0) {
    ssize_t n = ::write(fd, data, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0 && ok;
}

std::set<std::string> previous_manifest(const fs::path& dir) {
  std::set<std::string> out;
  std::string text;
  if (!read_file(AT_FDCWD, (dir / kManifestName).c_str(), text)) return out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    // Only relative paths inside the folder: the listed files get removed when stale.
    if (!line.empty() && line[0] != '#' && line[0] != '/' && line.find("..") == std::string::npos) out.insert(line);
  return out;
}

// An output file: its folder (opened once for all its files) and its name there.
struct Place {
  int folder = -1;
  std::string name;
};

// Writes `content` to a temporary file beside the target, then renames it over the target.
bool replace_file(const Place& at, const fs::path& target, const std::string& content, Diagnostics& diags) {
  static const std::string kSuffix = ".tmp" + std::to_string(::getpid());
  const std::string tmp = at.name + kSuffix;
  if (at.folder < 0 || !write_all(at.folder, tmp.c_str(), content)) {
    diags.error({}, "cannot write '" + target.string() + kSuffix + "'");
    if (at.folder >= 0) ::unlinkat(at.folder, tmp.c_str(), 0);
    return false;
  }
  if (::renameat(at.folder, tmp.c_str(), at.folder, at.name.c_str()) != 0) {
    diags.error({}, "cannot replace '" + target.string() + "': " + std::error_code(errno, std::generic_category()).message());
    ::unlinkat(at.folder, tmp.c_str(), 0);
    return false;
  }
  return true;
}

}  // namespace

PreviousOutputs read_previous_outputs(const std::string& out_dir) {
  PreviousOutputs previous;
  fs::path dir(out_dir);
  previous.listed = previous_manifest(dir);
  std::string text;
  for (const auto& path : previous.listed)
    if (read_file(AT_FDCWD, (dir / path).c_str(), text)) previous.contents.emplace(path, text);
  if (read_file(AT_FDCWD, (dir / kManifestName).c_str(), text)) previous.contents.emplace(kManifestName, text);
  return previous;
}

WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags,
                          unsigned jobs, const PreviousOutputs* previous) {
  WriteReport report;
  fs::path dir(out_dir);
  std::set<std::string> now;
  std::map<std::string, int> folders;  // each output folder (relative, "" = the top), opened once
  std::vector<Place> places(files.size());
  std::vector<std::string> folder_of(files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    now.insert(files[i].path);
    const std::string& path = files[i].path;  // '/'-separated, relative
    const std::size_t slash = path.rfind('/');
    folder_of[i] = slash == std::string::npos ? std::string() : path.substr(0, slash);
    places[i].name = path.substr(slash == std::string::npos ? 0 : slash + 1);
    folders.emplace(folder_of[i], -1);
  }
  const std::set<std::string> before = previous ? previous->listed : previous_manifest(dir);
  for (auto& [folder, fd] : folders) {
    const fs::path full = folder.empty() ? dir : dir / folder;
    std::error_code ec;
    fs::create_directories(full, ec);  // a failure shows up as "cannot write" below
    fd = ::open(full.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  }
  for (std::size_t i = 0; i < files.size(); ++i) places[i].folder = folders[folder_of[i]];
  // Comparing with what is on disk runs on several threads (reads scale); creating and renaming
  // files stays on one, since they contend for the same folders and got slower with two.
  std::vector<char> unchanged(files.size(), 0);
  std::vector<std::size_t> on_disk_only;  // not read ahead: compared with the disk
  for (std::size_t i = 0; i < files.size(); ++i) {
    const std::string* read_ahead = nullptr;
    if (previous)
      if (auto it = previous->contents.find(files[i].path); it != previous->contents.end()) read_ahead = &it->second;
    if (read_ahead) unchanged[i] = *read_ahead == files[i].content;
    else on_disk_only.push_back(i);
  }
  for_each_task(on_disk_only.size(), worker_count(jobs, on_disk_only.size()), [&](unsigned, std::size_t k) {
    const std::size_t i = on_disk_only[k];
    unchanged[i] = places[i].folder >= 0 && holds(places[i].folder, places[i].name.c_str(), files[i].content);
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (unchanged[i]) report.unchanged.push_back(files[i].path);
    else if (replace_file(places[i], dir / files[i].path, files[i].content, diags)) report.written.push_back(files[i].path);
  }
  for (const auto& [folder, fd] : folders)
    if (fd >= 0) ::close(fd);
  for (const auto& old : before) {
    if (now.count(old)) continue;
    std::error_code ec;
    if (fs::remove(dir / old, ec)) report.removed.push_back(old);
  }
  return report;
}

std::vector<std::string> check_outputs(const std::string& out_dir, const std::vector<OutputFile>& files) {
  std::vector<std::string> differ;
  fs::path dir(out_dir);
  std::set<std::string> now;
  for (const auto& f : files) {
    now.insert(f.path);
    std::string existing;
    if (!read_file(AT_FDCWD, (dir / f.path).c_str(), existing)) differ.push_back(f.path + " (missing)");
    else if (existing != f.content) differ.push_back(f.path + " (differs)");
  }
  for (const auto& old : previous_manifest(dir))
    if (!now.count(old) && fs::exists(dir / old)) differ.push_back(old + " (stale)");
  return differ;
}

}  // namespace wink::codegen::emit
