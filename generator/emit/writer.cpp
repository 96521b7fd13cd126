#include "emit/writer.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace wink::codegen::emit {
namespace fs = std::filesystem;
namespace {

bool read_file(const fs::path& p, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
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

}  // namespace

WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags) {
  WriteReport report;
  fs::path dir(out_dir);
  std::set<std::string> now;
  for (const auto& f : files) now.insert(f.path);
  auto before = previous_manifest(dir);
  for (const auto& f : files) {
    fs::path target = dir / f.path;
    std::string existing;
    if (read_file(target, existing) && existing == f.content) {
      report.unchanged.push_back(f.path);
      continue;
    }
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    fs::path tmp = target;
    tmp += ".tmp" + std::to_string(::getpid());
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      out.write(f.content.data(), static_cast<std::streamsize>(f.content.size()));
      out.close();
      if (!out) {
        diags.error({}, "cannot write '" + tmp.string() + "'");
        fs::remove(tmp, ec);
        continue;
      }
    }
    fs::rename(tmp, target, ec);
    if (ec) {
      diags.error({}, "cannot replace '" + target.string() + "': " + ec.message());
      fs::remove(tmp, ec);
      continue;
    }
    report.written.push_back(f.path);
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
