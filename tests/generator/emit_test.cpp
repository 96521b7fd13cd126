// The emit stage: deterministic rendering, write-if-changed, stale-file removal, --check.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "emit/file_io.h"
#include "emit/mustache.h"
#include "emit/render.h"
#include "emit/templates.h"
#include "emit/writer.h"
#include "test_support.h"

namespace wink::codegen {
namespace {

namespace fs = std::filesystem;

std::vector<emit::OutputFile> render(const std::string& yaml, Diagnostics& diags, unsigned jobs = 0) {
  auto p = testing::parse_yaml_doc(yaml);
  EXPECT_TRUE(p->doc) << p->diags.to_string();
  if (!p->doc) return {};
  ir::BuildOptions options;
  options.namespace_name = "acme::api";
  auto sdk = ir::build_sdk(*p->doc, options, diags);
  EXPECT_TRUE(sdk);
  emit::RenderOptions render_options;
  render_options.spec_name = "spec.yaml";
  render_options.jobs = jobs;
  return emit::render_sdk(*sdk, emit::load_templates("", diags), render_options, diags);
}

const std::string kDoc = testing::openapi(
    "  /a:\n    get:\n      operationId: getA\n      tags: [Things]\n      responses:\n"
    "        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}\n",
    "  schemas:\n    Thing: {type: object, properties: {name: {type: string}}}\n");

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A snapshot of a folder: relative path -> content ("<folder>" for folders).
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    out[fs::relative(e.path(), dir).generic_string()] = e.is_directory() ? "<folder>" : read_text(e.path());
  return out;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("wink-emit-" + std::to_string(std::random_device{}()) + "-" +
                                               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Symbolic links need a privilege on Windows; the tests that make them skip where they cannot.
bool make_link(const fs::path& target, const fs::path& link, bool folder) {
  std::error_code ec;
  if (folder) fs::create_directory_symlink(target, link, ec);
  else fs::create_symlink(target, link, ec);
  return !ec;
}

TEST(Emit, RenderingIsDeterministicAndMarked) {
  Diagnostics d1, d2;
  auto a = render(kDoc, d1);
  auto b = render(kDoc, d2);
  ASSERT_EQ(a.size(), b.size());
  ASSERT_FALSE(a.empty());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].path, b[i].path);
    EXPECT_EQ(a[i].content, b[i].content) << a[i].path;
    if (a[i].path != emit::kManifestName) {
      EXPECT_NE(a[i].content.find("DO NOT EDIT"), std::string::npos) << a[i].path;
    }
  }
  std::vector<std::string> paths;
  for (const auto& f : a) paths.push_back(f.path);
  EXPECT_NE(std::find(paths.begin(), paths.end(), "include/acme/api/models/thing.h"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "src/api/things_api.cpp"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "include/acme/api/mocks/mock_things_api.h"), paths.end());
  EXPECT_NE(std::find(paths.begin(), paths.end(), "include/acme/api/security.h"), paths.end());
}

// Each model group has its header; the code behind them is written a few groups per source
// file, each group's part as model.cpp.mustache renders it, in stem order.
TEST(Emit, ModelCodeIsWrittenAFewGroupsPerSourceFile) {
  Diagnostics diags;
  auto files = render(testing::openapi("  {}\n", R"(  schemas:
    Charlie: {type: object, properties: {n: {type: integer}}}
    Alpha: {type: object, properties: {c: {$ref: '#/components/schemas/Charlie'}}}
    Bravo: {type: string, enum: [x, y]}
)"), diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  std::vector<const emit::OutputFile*> sources;
  std::set<std::string> paths;
  for (const auto& f : files) {
    paths.insert(f.path);
    if (f.path.rfind("src/models/", 0) == 0) sources.push_back(&f);
  }
  for (const char* stem : {"alpha", "bravo", "charlie"})
    EXPECT_TRUE(paths.count("include/acme/api/models/" + std::string(stem) + ".h")) << stem;
  ASSERT_EQ(sources.size(), 1u);
  EXPECT_EQ(sources[0]->path, "src/models/models_00.cpp");
  const std::string& code = sources[0]->content;
  std::size_t last = 0;
  for (const char* stem : {"alpha", "bravo", "charlie"}) {
    const std::size_t at = code.find("#include \"acme/api/models/" + std::string(stem) + ".h\"");
    ASSERT_NE(at, std::string::npos) << stem;
    EXPECT_GT(at, last) << stem << " out of order";
    last = at;
  }
  EXPECT_NE(code.find("void decode(const nlohmann::json& json, Alpha& out"), std::string::npos);
  EXPECT_NE(code.find("void decode(const nlohmann::json& json, Charlie& out"), std::string::npos);
  EXPECT_NE(code.find("bool from_string(std::string_view text, Bravo& out)"), std::string::npos);
  // Every part is marked as generated.
  std::size_t marks = 0;
  for (std::size_t at = 0; (at = code.find("DO NOT EDIT", at)) != std::string::npos; ++at) ++marks;
  EXPECT_EQ(marks, 3u);
}

TEST(Emit, RewritesOnlyWhatChangedAndRemovesStaleFiles) {
  TempDir dir;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  auto first = emit::write_outputs(dir.path.string(), files, diags);
  EXPECT_EQ(first.written.size(), files.size());
  auto header = dir.path / "include/acme/api/models/thing.h";
  auto before = fs::last_write_time(header);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  auto second = emit::write_outputs(dir.path.string(), files, diags);
  EXPECT_TRUE(second.written.empty());
  EXPECT_EQ(fs::last_write_time(header), before);
  EXPECT_TRUE(emit::check_outputs(dir.path.string(), files).empty());

  // The model disappears from the document: its files go, user files stay.
  std::ofstream(dir.path / "notes.txt") << "mine";
  Diagnostics d2;
  auto smaller = render(testing::openapi("  {}\n"), d2);
  auto diff = emit::check_outputs(dir.path.string(), smaller);
  EXPECT_FALSE(diff.empty());
  auto third = emit::write_outputs(dir.path.string(), smaller, d2);
  EXPECT_FALSE(third.removed.empty());
  EXPECT_FALSE(fs::exists(header));
  EXPECT_TRUE(fs::exists(dir.path / "notes.txt"));
  for (const auto& entry : fs::recursive_directory_iterator(dir.path))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

// Files are rendered on several threads; nothing may depend on which thread did what. Many small
// model groups and APIs make the threads interleave.
TEST(Emit, OutputAndWriteReportAreTheSameForAnyNumberOfThreads) {
  std::string paths, schemas;
  for (int i = 0; i < 40; ++i) {
    const std::string n = std::to_string(i);
    paths += "  /t" + n + ":\n    get:\n      operationId: get" + n + "\n      tags: [Tag" + n +
             "]\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: "
             "'#/components/schemas/M" + n + "'}}}}\n";
    schemas += "    M" + n + ": {type: object, properties: {v" + n + ": {type: integer}, next: {$ref: '#/components/schemas/M" +
               std::to_string((i + 1) % 40) + "'}}}\n";
  }
  const std::string doc = testing::openapi(paths, "  schemas:\n" + schemas);
  Diagnostics d1, d4;
  auto one = render(doc, d1, 1);
  auto four = render(doc, d4, 4);
  ASSERT_GT(one.size(), 100u);
  ASSERT_EQ(one.size(), four.size());
  for (std::size_t i = 0; i < one.size(); ++i) {
    EXPECT_EQ(one[i].path, four[i].path);
    EXPECT_EQ(one[i].content, four[i].content) << one[i].path;
  }
  TempDir a, b;
  Diagnostics wa, wb;
  auto first = emit::write_outputs(a.path.string(), one, wa);
  auto second = emit::write_outputs(b.path.string(), four, wb);
  EXPECT_EQ(first.written, second.written);
  EXPECT_EQ(first.written.size(), one.size());
  // Half of the files change: the threads must find exactly those.
  for (std::size_t i = 0; i < four.size(); i += 2) four[i].content += "// changed\n";
  auto third = emit::write_outputs(b.path.string(), four, wb);
  EXPECT_EQ(third.written.size(), (four.size() + 1) / 2);
  EXPECT_EQ(third.unchanged.size(), four.size() / 2);
  EXPECT_TRUE(emit::check_outputs(b.path.string(), four).empty());
  EXPECT_FALSE(wa.has_errors() || wb.has_errors()) << wa.to_string() << wb.to_string();
}

// Whatever happens, the folder never holds a temporary file once the writer is done.
void expect_no_temporary_files(const fs::path& dir) {
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
}

// The manifest comes last, after the files and the removal of stale ones: a run that stops
// before it leaves the old manifest, which still names every file a later run may remove.
TEST(Emit, TheManifestIsWrittenLast) {
  TempDir dir;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  auto report = emit::write_outputs(dir.path.string(), files, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  ASSERT_EQ(report.written.size(), files.size());
  EXPECT_EQ(report.written.back(), emit::kManifestName);
  for (const auto& f : files) EXPECT_EQ(read_text(dir.path / f.path), f.content) << f.path;
  expect_no_temporary_files(dir.path);

  // A changed file and a changed list: the manifest is again the last one written.
  for (auto& f : files)
    if (f.path == "src/security.cpp") f.content += "// changed\n";
  files.insert(files.begin(), {"aaa_first.txt", "new\n"});
  files.back().content += "aaa_first.txt\n";
  report = emit::write_outputs(dir.path.string(), files, diags);
  EXPECT_EQ(report.written, (std::vector<std::string>{"aaa_first.txt", "src/security.cpp", emit::kManifestName}));
}

// A write that fails stops the run: the error says why, the files and folders it created are
// gone again, the old manifest and the stale files it lists stay, and no temporary file is left.
TEST(Emit, AFailedWriteLeavesNoNewFilesAndTheOldManifest) {
  TempDir dir;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  emit::write_outputs(dir.path.string(), files, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  const std::string old_manifest = read_text(dir.path / emit::kManifestName);

  // The next run adds a file in a new folder, drops one, and cannot write a third: a folder
  // stands where src/security.cpp goes.
  std::vector<emit::OutputFile> next;
  for (const auto& f : files)
    if (f.path != "include/acme/api/sdk.h") next.push_back(f);
  next.insert(next.begin(), {"added/new.h", "// new\n"});
  fs::remove(dir.path / "src/security.cpp");
  fs::create_directories(dir.path / "src/security.cpp/inside");
  const auto before = snapshot(dir.path);
  Diagnostics d2;
  auto report = emit::write_outputs(dir.path.string(), next, d2);
  ASSERT_TRUE(d2.has_errors());
  EXPECT_NE(d2.to_string().find("src/security.cpp' is not a regular file"), std::string::npos) << d2.to_string();
  EXPECT_TRUE(report.written.empty());
  EXPECT_TRUE(report.removed.empty());
  EXPECT_EQ(snapshot(dir.path), before);
  EXPECT_EQ(read_text(dir.path / emit::kManifestName), old_manifest);
  EXPECT_TRUE(fs::exists(dir.path / "include/acme/api/sdk.h")) << "stale files go only with a complete run";
  EXPECT_FALSE(fs::exists(dir.path / "added"));
  expect_no_temporary_files(dir.path);

  // A first run that fails leaves no output folder behind.
  std::vector<emit::OutputFile> clash = {{"x.h", "// x\n"}, {"x.h/y.h", "// y\n"}};
  Diagnostics d3;
  emit::write_outputs((dir.path / "first").string(), clash, d3);
  EXPECT_TRUE(d3.has_errors());
  EXPECT_FALSE(fs::exists(dir.path / "first"));
}

// Output errors name the folder or file and the reason.
TEST(Emit, OutputErrorsSayWhy) {
  TempDir dir;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  std::ofstream(dir.path / "a-file") << "x";
  Diagnostics not_folder;
  emit::write_outputs((dir.path / "a-file").string(), files, not_folder);
  EXPECT_NE(not_folder.to_string().find("a-file' is not a folder"), std::string::npos) << not_folder.to_string();
  Diagnostics under_file;
  emit::write_outputs((dir.path / "a-file" / "sdk").string(), files, under_file);
  EXPECT_NE(under_file.to_string().find("cannot create the output folder"), std::string::npos) << under_file.to_string();
  EXPECT_EQ(read_text(dir.path / "a-file"), "x");
}

// A folder that may not be written: the system's reason is in the message.
TEST(Emit, AFolderThatMayNotBeWrittenIsReportedAsSuch) {
  TempDir dir;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  const fs::path locked = dir.path / "locked";
  fs::create_directories(locked);
  fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
  const bool enforced = !std::ofstream(locked / "probe");
  Diagnostics denied;
  emit::write_outputs(locked.string(), files, denied);
  fs::permissions(locked, fs::perms::owner_all);
  if (!enforced) GTEST_SKIP() << "permissions are not enforced for this user (root): nothing to test";
  EXPECT_NE(denied.to_string().find(std::make_error_code(std::errc::permission_denied).message()), std::string::npos)
      << denied.to_string();
  EXPECT_TRUE(fs::is_empty(locked));
}

// A symbolic link inside the output folder could send the files, or the removal of stale ones,
// anywhere: the writer refuses to go through one, and --check reports it.
TEST(Emit, NothingIsWrittenOrRemovedThroughASymbolicLink) {
  TempDir dir, elsewhere;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  const fs::path out = dir.path / "sdk";
  fs::create_directories(out);
  if (!make_link(elsewhere.path, out / "include", true)) GTEST_SKIP() << "cannot make symbolic links here";
  Diagnostics linked_folder;
  emit::write_outputs(out.string(), files, linked_folder);
  EXPECT_NE(linked_folder.to_string().find("include' is a symbolic link"), std::string::npos) << linked_folder.to_string();
  EXPECT_TRUE(fs::is_empty(elsewhere.path));
  EXPECT_FALSE(fs::exists(out / emit::kManifestName));
  const auto differ = emit::check_outputs(out.string(), files);
  EXPECT_NE(std::find(differ.begin(), differ.end(), "include/acme/api/sdk.h (not a regular file)"), differ.end());

  // A file that is a link: not written through (its target keeps its content).
  fs::remove(out / "include");
  emit::write_outputs(out.string(), files, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_string();
  std::ofstream(elsewhere.path / "precious.h") << "precious";
  fs::remove(out / "src/security.cpp");
  ASSERT_TRUE(make_link(elsewhere.path / "precious.h", out / "src/security.cpp", false));
  Diagnostics linked_file;
  emit::write_outputs(out.string(), files, linked_file);
  EXPECT_NE(linked_file.to_string().find("security.cpp' is not a regular file"), std::string::npos) << linked_file.to_string();
  EXPECT_EQ(read_text(elsewhere.path / "precious.h"), "precious");

  // A stale file behind a linked folder stays where it is.
  fs::remove(out / "src/security.cpp");
  emit::write_outputs(out.string(), files, diags);
  fs::create_directories(elsewhere.path / "inner");
  std::ofstream(elsewhere.path / "inner/old.h") << "keep";
  ASSERT_TRUE(make_link(elsewhere.path / "inner", out / "gone", true));
  std::ofstream(out / emit::kManifestName, std::ios::app) << "gone/old.h\n";
  Diagnostics stale;
  auto report = emit::write_outputs(out.string(), files, stale);
  EXPECT_TRUE(report.removed.empty());
  EXPECT_TRUE(fs::exists(elsewhere.path / "inner/old.h"));
  EXPECT_NE(stale.to_string().find("not removing the stale file"), std::string::npos) << stale.to_string();
}

// --check compares and writes nothing: missing, changed and stale files are listed, in a folder
// left as it was.
TEST(Emit, CheckListsWhatDiffersAndWritesNothing) {
  TempDir dir;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  EXPECT_FALSE(emit::check_outputs((dir.path / "absent").string(), files).empty());
  EXPECT_FALSE(fs::exists(dir.path / "absent"));
  emit::write_outputs(dir.path.string(), files, diags);
  EXPECT_TRUE(emit::check_outputs(dir.path.string(), files).empty());
  std::ofstream(dir.path / "src/security.cpp", std::ios::app) << "// edited\n";
  fs::remove(dir.path / "include/acme/api/sdk.h");
  std::ofstream(dir.path / "old.h") << "// from an earlier run\n";
  std::ofstream(dir.path / emit::kManifestName, std::ios::app) << "old.h\n";
  const auto before = snapshot(dir.path);
  EXPECT_EQ(emit::check_outputs(dir.path.string(), files),
            (std::vector<std::string>{"include/acme/api/sdk.h (missing)", "src/security.cpp (differs)",
                                      std::string(emit::kManifestName) + " (differs)", "old.h (stale)"}));
  EXPECT_EQ(snapshot(dir.path), before);
}

TEST(Emit, FileHoldsExactlyItsContent) {
  TempDir dir;
  const fs::path file = dir.path / "f.txt";
  ASSERT_FALSE(emit::write_file(file, "abc"));
  EXPECT_TRUE(emit::holds(file, "abc"));
  EXPECT_FALSE(emit::holds(file, "ab"));
  EXPECT_FALSE(emit::holds(file, "abcd"));
  EXPECT_FALSE(emit::holds(dir.path / "absent", ""));
  ASSERT_FALSE(emit::write_file(dir.path / "g.txt", "new"));
  ASSERT_FALSE(emit::replace_file(dir.path / "g.txt", file));
  EXPECT_EQ(read_text(file), "new");
  EXPECT_FALSE(fs::exists(dir.path / "g.txt"));
  EXPECT_TRUE(emit::write_file(dir.path / "no-such-folder" / "x", "x"));
}

// The manifest says which files to remove once they are no longer generated; a manifest that
// names anything outside the output folder is not obeyed.
TEST(Emit, StaleFilesOutsideTheOutputFolderAreNeverRemoved) {
  TempDir dir, elsewhere;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  emit::write_outputs((dir.path / "sdk").string(), files, diags);
  const fs::path victim = elsewhere.path / "keep.txt";
  std::ofstream(victim) << "precious";
  std::ofstream(dir.path / "outside.txt") << "also precious";
  std::ofstream(dir.path / "sdk" / emit::kManifestName, std::ios::app)
      << victim.string() << "\n../outside.txt\nsrc/../../outside.txt\n";
  auto report = emit::write_outputs((dir.path / "sdk").string(), files, diags);
  EXPECT_TRUE(report.removed.empty());
  EXPECT_TRUE(fs::exists(victim));
  EXPECT_TRUE(fs::exists(dir.path / "outside.txt"));
}

TEST(Emit, TemplateOverridesReplaceBuiltInsAndTyposAreReported) {
  TempDir dir;
  std::ofstream(dir.path / "sdk.h.mustache") << "// custom {{namespace}}\n";
  std::ofstream(dir.path / "sdk_typo.h.mustache") << "x";
  Diagnostics diags;
  auto set = emit::load_templates(dir.path.string(), diags);
  EXPECT_EQ(set.at("sdk.h.mustache"), "// custom {{namespace}}\n");
  EXPECT_NE(set.at("api.h.mustache").find("class {{class_name}}"), std::string::npos);
  EXPECT_NE(diags.to_string().find("sdk_typo.h.mustache' replaces no built-in template"), std::string::npos);
}

// A line holding only a section tag leaves no line behind, whether the section renders or not
// (kainjow drops it only for sections that render); tags inside a line stay where they are.
TEST(EmitMustache, StandaloneSectionLinesLeaveNoLineBehind) {
  emit::Template t = emit::parse_template("a\n{{#yes}}\n  in\n{{/yes}}\n{{^yes}}\n  out\n{{/yes}}\n"
                                          "  {{#no}}\nnever\n  {{/no}}\nb {{#yes}}inline{{/yes}} {{^no}}too{{/no}}\n");
  ASSERT_TRUE(t.is_valid()) << t.error_message();
  emit::Data d;
  emit::put(d, "yes", emit::flag(true));
  emit::put(d, "no", emit::flag(false));
  std::string out = "kept|";
  emit::render_append(t, d, out);
  EXPECT_EQ(out, "kept|a\n  in\nb inline too\n");
}

// Data built in place (lists sized up front, items moved in) renders every item, and C++ text
// is not HTML-escaped.
TEST(EmitMustache, DataBuiltInPlaceRendersEveryItemAsIs) {
  emit::Template t = emit::parse_template("{{#items}}{{type}} {{name}};{{/items}}|{{#words}}{{.}},{{/words}}");
  ASSERT_TRUE(t.is_valid()) << t.error_message();
  emit::Data d;
  emit::Data& items = emit::add_list(d, "items", 2);
  for (const char* name : {"a", "b", "c"}) {  // one more than reserved
    emit::Data& item = emit::add_object(items);
    emit::put(item, "name", emit::unchecked::text(name));
    emit::put(item, "type", emit::unchecked::text("const std::map<std::string, T>&"));
  }
  emit::put(d, "words", emit::unchecked::strings({"x<y>", "\"q\""}));
  std::string out;
  emit::render_append(t, d, out);
  EXPECT_EQ(out, "const std::map<std::string, T>& a;const std::map<std::string, T>& b;const std::map<std::string, T>& c;"
                 "|x<y>,\"q\",");
}

}  // namespace
}  // namespace wink::codegen
