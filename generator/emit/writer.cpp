#include "emit/writer.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include "emit/parallel.h"

namespace wink::codegen::emit {
namespace fs = std::filesystem;
namespace {

// Plain POSIX reads and writes: a regeneration touches hundreds of files and iostreams cost
// more than the I/O itself. With `expected_size`, a file of another size is not read (false).
bool read_file(const fs::path& p, std::string& out, std::optional<std::size_t> expected_size = std::nullopt) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
            (!expected_size || static_cast<std::size_t>(st.st_size) == *expected_size);
  out.clear();
  if (ok) out.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[65536];
  while (ok) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = n == 0;
      break;
    }
    out.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return ok;
}

// True when `p` holds exactly `content` (a size check first spares reading changed files).
bool holds(const fs::path& p, const std::string& content) {
  std::string existing;
  return read_file(p, existing, content.size()) && existing == content;
}

bool write_all(const fs::path& p, const std::string& content) {
  int fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
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
  if (!read_file(dir / kManifestName, text)) return out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);)
    if (!line.empty() && line[0] != '#' && line.find("..") == std::string::npos) out.insert(line);
  return out;
}

// Writes `content` to a temporary file beside `target`, then renames it over `target`.
bool replace_file(const fs::path& target, const std::string& content, Diagnostics& diags) {
  fs::path tmp = target;
  tmp += ".tmp" + std::to_string(::getpid());
  std::error_code ec;
  if (!write_all(tmp, content)) {
    diags.error({}, "cannot write '" + tmp.string() + "'");
    fs::remove(tmp, ec);
    return false;
  }
  fs::rename(tmp, target, ec);
  if (ec) {
    diags.error({}, "cannot replace '" + target.string() + "': " + ec.message());
    fs::remove(tmp, ec);
    return false;
  }
  return true;
}

}  // namespace

WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags,
                          unsigned jobs) {
  WriteReport report;
  fs::path dir(out_dir);
  std::set<std::string> now;
  std::set<fs::path> folders;
  for (const auto& f : files) {
    now.insert(f.path);
    folders.insert((dir / f.path).parent_path());
  }
  auto before = previous_manifest(dir);
  for (const auto& folder : folders) {
    std::error_code ec;
    fs::create_directories(folder, ec);  // a failure shows up as "cannot write" below
  }
  // Comparing with what is on disk runs on several threads (reads scale); creating and renaming
  // files stays on one, since they contend for the same folders and got slower with two.
  std::vector<char> unchanged(files.size(), 0);
  for_each_task(files.size(), worker_count(jobs, files.size()), [&](unsigned, std::size_t i) {
    unchanged[i] = holds(dir / files[i].path, files[i].content);
  });
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (unchanged[i]) report.unchanged.push_back(files[i].path);
    else if (replace_file(dir / files[i].path, files[i].content, diags)) report.written.push_back(files[i].path);
  }
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
    if (!read_file(dir / f.path, existing)) differ.push_back(f.path + " (missing)");
    else if (existing != f.content) differ.push_back(f.path + " (differs)");
  }
  for (const auto& old : previous_manifest(dir))
    if (!now.count(old) && fs::exists(dir / old)) differ.push_back(old + " (stale)");
  return differ;
}

}  // namespace wink::codegen::emit
