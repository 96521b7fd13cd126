#include "emit/writer.h"

#include <chrono>
#include <filesystem>
#include <set>
#include <sstream>
#include <system_error>

#include "emit/file_io.h"

namespace wink::codegen::emit {
namespace fs = std::filesystem;
namespace {

// (Built by appending: GCC 12 warns wrongly (-Wrestrict) about "literal" + std::string here.)
std::string quoted(const fs::path& path) {
  std::string out(1, '\'');
  out += path.generic_string();
  out += '\'';
  return out;
}

// The paths a manifest lists. Listed files get removed once they are no longer generated, so
// only plain relative paths count: nothing absolute, with a drive or with "..".
std::set<std::string> listed_paths(const fs::path& dir) {
  std::string text;
  std::set<std::string> out;
  if (!read_file(dir / kManifestName, text)) return out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#' || line[0] == '/' || line.find("..") != std::string::npos ||
        line.find_first_of("\\:") != std::string::npos)
      continue;
    out.insert(line);
  }
  return out;
}

// The folders of the output folder that files go into, each checked once: a real folder (never
// a symbolic link, which could lead anywhere), created when missing and `create` is set.
class Folders {
 public:
  Folders(fs::path dir, bool create) : dir_(std::move(dir)), create_(create) {}

  // Checks (and creates) every folder on the way to `file`, a '/'-separated path relative to the
  // output folder. An error message, or "" when the folders are in place. `missing`: a folder is
  // absent and was not created.
  std::string prepare(const std::string& file, bool& missing) {
    missing = false;
    for (std::size_t slash = file.find('/'); slash != std::string::npos; slash = file.find('/', slash + 1)) {
      const std::string relative = file.substr(0, slash);
      if (ready_.count(relative)) continue;
      const fs::path folder = dir_ / relative;
      std::error_code ec;
      const fs::file_status status = fs::symlink_status(folder, ec);
      if (status.type() == fs::file_type::not_found) {
        if (!create_) {
          missing = true;
          return "";
        }
        if (!fs::create_directory(folder, ec) && ec) return "cannot create the folder " + quoted(folder) + ": " + ec.message();
        created_.push_back(folder);
      } else if (ec) {
        return "cannot inspect " + quoted(folder) + ": " + ec.message();
      } else if (fs::is_symlink(status)) {
        return quoted(folder) + " is a symbolic link; wink-codegen writes nothing through links inside --out";
      } else if (!fs::is_directory(status)) {
        return quoted(folder) + " is not a folder";
      }
      ready_.insert(relative);
    }
    return "";
  }

  // Removes the folders this run created, deepest first, as far as they are empty.
  void remove_created() {
    for (auto it = created_.rbegin(); it != created_.rend(); ++it) {
      std::error_code ec;
      fs::remove(*it, ec);
    }
  }

 private:
  fs::path dir_;
  bool create_;
  std::set<std::string> ready_;
  std::vector<fs::path> created_;
};

// What is at a file's place in the output folder.
enum class Existing { None, File, Other };
Existing existing(const fs::path& path, std::error_code& ec) {
  const fs::file_status status = fs::symlink_status(path, ec);
  if (status.type() == fs::file_type::not_found) {
    ec.clear();
    return Existing::None;
  }
  return fs::is_regular_file(status) ? Existing::File : Existing::Other;
}

// A name for the temporary file beside `target`: hidden, and different for two runs writing the
// same folder at once.
fs::path temporary_for(const fs::path& target) {
  static const std::string suffix =
      std::string(".wink-")
          .append(std::to_string(static_cast<unsigned long long>(
              std::chrono::steady_clock::now().time_since_epoch().count() & 0xffffffffffULL)))
          .append(".tmp");
  std::string name(1, '.');
  name += target.filename().string();
  name += suffix;
  return target.parent_path() / name;
}

class Writer {
 public:
  Writer(const fs::path& dir, Diagnostics& diags) : dir_(dir), folders_(dir, true), diags_(diags) {}

  // Writes `file` unless the folder already holds it; false (reported) on failure.
  bool put(const OutputFile& file, WriteReport& report) {
    bool missing = false;
    if (std::string error = folders_.prepare(file.path, missing); !error.empty()) return fail(error);
    const fs::path target = dir_ / file.path;
    std::error_code ec;
    const Existing there = existing(target, ec);
    if (ec) return fail("cannot inspect " + quoted(target) + ": " + ec.message());
    if (there == Existing::Other)
      return fail(quoted(target) + " is not a regular file (a folder or a link); wink-codegen does not replace it");
    if (there == Existing::File && holds(target, file.content)) {
      report.unchanged.push_back(file.path);
      return true;
    }
    const fs::path temporary = temporary_for(target);
    if (const std::error_code failed = write_file(temporary, file.content)) {
      fs::remove(temporary, ec);
      return fail("cannot write " + quoted(target) + ": " + failed.message());
    }
    if (const std::error_code failed = replace_file(temporary, target)) {
      fs::remove(temporary, ec);
      return fail("cannot replace " + quoted(target) + ": " + failed.message());
    }
    if (there == Existing::None) created_.push_back(target);
    report.written.push_back(file.path);
    return true;
  }

  // Undoes what a failed run added: the files and folders it created (files it replaced stay, each
  // complete).
  void roll_back() {
    for (const auto& path : created_) {
      std::error_code ec;
      fs::remove(path, ec);
    }
    folders_.remove_created();
  }

 private:
  bool fail(const std::string& message) {
    diags_.error({}, message);
    return false;
  }

  fs::path dir_;
  Folders folders_;
  Diagnostics& diags_;
  std::vector<fs::path> created_;
};

}  // namespace

WriteReport write_outputs(const std::string& out_dir, const std::vector<OutputFile>& files, Diagnostics& diags) {
  WriteReport report;
  const fs::path dir(out_dir);
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);  // --out itself may be a link: the user chose it
  const bool created = status.type() == fs::file_type::not_found;
  if (created) {
    if (!fs::create_directories(dir, ec) && ec) {
      diags.error({}, "cannot create the output folder " + quoted(dir) + ": " + ec.message());
      return report;
    }
  } else if (ec) {
    diags.error({}, "cannot use the output folder " + quoted(dir) + ": " + ec.message());
    return report;
  } else if (!fs::is_directory(status)) {
    diags.error({}, "the output folder " + quoted(dir) + " is not a folder");
    return report;
  }
  const std::set<std::string> before = listed_paths(dir);  // before the manifest is replaced

  Writer writer(dir, diags);
  const OutputFile* manifest = nullptr;
  for (const auto& file : files) {
    if (file.path == kManifestName) {
      manifest = &file;
      continue;
    }
    if (!writer.put(file, report)) {
      writer.roll_back();
      if (created) fs::remove(dir, ec);  // empty again: a first run that fails leaves no folder
      return {};
    }
  }

  // Stale files go before the new manifest is written: should this run stop in between, the
  // old manifest still names them for the next one.
  std::set<std::string> now;
  for (const auto& file : files) now.insert(file.path);
  Folders folders(dir, false);
  for (const auto& old : before) {
    if (now.count(old)) continue;
    bool missing = false;
    if (std::string error = folders.prepare(old, missing); !error.empty()) {
      diags.warning({}, "not removing the stale file " + quoted(dir / old) + ": " + error);
      continue;
    }
    if (missing) continue;
    // A file, or a link put in its place (removing a link leaves what it points to alone); never
    // a folder.
    const fs::file_status there = fs::symlink_status(dir / old, ec);
    if (!ec && (fs::is_regular_file(there) || fs::is_symlink(there)) && fs::remove(dir / old, ec))
      report.removed.push_back(old);
  }
  if (manifest) writer.put(*manifest, report);
  return report;
}

std::vector<std::string> check_outputs(const std::string& out_dir, const std::vector<OutputFile>& files) {
  std::vector<std::string> differ;
  const fs::path dir(out_dir);
  Folders folders(dir, false);
  std::set<std::string> now;
  for (const auto& file : files) {
    now.insert(file.path);
    bool missing = false;
    if (!folders.prepare(file.path, missing).empty()) {
      differ.push_back(file.path + " (not a regular file)");
      continue;
    }
    std::error_code ec;
    const Existing there = missing ? Existing::None : existing(dir / file.path, ec);
    if (there == Existing::None) differ.push_back(file.path + " (missing)");
    else if (there == Existing::Other) differ.push_back(file.path + " (not a regular file)");
    else if (!holds(dir / file.path, file.content)) differ.push_back(file.path + " (differs)");
  }
  for (const auto& old : listed_paths(dir)) {
    std::error_code ec;
    if (!now.count(old) && fs::symlink_status(dir / old, ec).type() != fs::file_type::not_found)
      differ.push_back(old + " (stale)");
  }
  return differ;
}

}  // namespace wink::codegen::emit
