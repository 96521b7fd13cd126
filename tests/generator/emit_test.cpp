// The emit stage: deterministic rendering, write-if-changed, stale-file removal, --check.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <set>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "emit/file_io.h"
#include "emit/parallel.h"
#include "emit/render.h"
#include "emit/templates.h"
#include "emit/writer.h"
#include "test_support.h"

namespace wink::codegen {
namespace {

namespace fs = std::filesystem;

std::vector<emit::OutputFile> render(const std::string& yaml, Diagnostics& diags, unsigned jobs = 0,
                                     std::function<void(const emit::OutputFile&)> on_file = {},
                                     std::function<void()> on_idle = {}, std::function<void()> on_done = {}) {
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
  render_options.on_file = std::move(on_file);
  render_options.on_idle = std::move(on_idle);
  render_options.on_done = std::move(on_done);
  return emit::render_sdk(*sdk, emit::load_templates("", diags), render_options, diags);
}

const std::string kDoc = testing::openapi(
    "  /a:\n    get:\n      operationId: getA\n      tags: [Things]\n      responses:\n"
    "        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}\n",
    "  schemas:\n    Thing: {type: object, properties: {name: {type: string}}}\n");

// Where a first run into `parent`/`name` builds the folder before moving it into place.
fs::path staging_folder(const fs::path& parent, const std::string& name) {
  return parent / ("." + name + ".wink-" + std::to_string(::getpid()) + ".tmp");
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Takes `path` off the folder's manifest, as if an earlier run had not listed it.
void unlist(const fs::path& dir, const std::string& path) {
  std::string manifest = read_text(dir / emit::kManifestName);
  const std::size_t at = manifest.find(path + "\n");
  ASSERT_NE(at, std::string::npos) << path;
  manifest.erase(at, path.size() + 1);
  std::ofstream(dir / emit::kManifestName, std::ios::trunc) << manifest;
}

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("wink-emit-" + std::to_string(::getpid()) + "-" +
                                               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

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

// Files are rendered, compared and written on several threads; nothing may depend on which
// thread did what. Many small model groups and APIs make the threads interleave.
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
  auto first = emit::write_outputs(a.path.string(), one, wa, 1);
  auto second = emit::write_outputs(b.path.string(), four, wb, 4);
  EXPECT_EQ(first.written, second.written);
  EXPECT_EQ(first.written.size(), one.size());
  // Half of the files change: the threads must find exactly those.
  for (std::size_t i = 0; i < four.size(); i += 2) four[i].content += "// changed\n";
  auto third = emit::write_outputs(b.path.string(), four, wb, 4);
  EXPECT_EQ(third.written.size(), (four.size() + 1) / 2);
  EXPECT_EQ(third.unchanged.size(), four.size() / 2);
  EXPECT_TRUE(emit::check_outputs(b.path.string(), four).empty());
  EXPECT_FALSE(wa.has_errors() || wb.has_errors()) << wa.to_string() << wb.to_string();
}

// `generate` reads what the last run wrote while it parses; comparing with those bytes must
// give the same report as reading the folder, including files edited or deleted by hand and
// files the manifest does not list.
TEST(Emit, FilesReadAheadGiveTheSameReportAsTheFolder) {
  Diagnostics diags;
  auto files = render(kDoc, diags);
  TempDir with, without;
  for (const auto* dir : {&with, &without}) {
    emit::write_outputs(dir->path.string(), files, diags);
    std::ofstream(dir->path / "include/acme/api/models/thing.h", std::ios::app) << "// edited by hand\n";
    fs::remove(dir->path / "src/api/things_api.cpp");
    // Not listed by the manifest, so not read ahead: compared on disk.
    std::ofstream(dir->path / "src/security.cpp", std::ios::trunc) << "stale";
    ASSERT_NO_FATAL_FAILURE(unlist(dir->path, "src/security.cpp"));
  }
  const auto previous = emit::read_previous_outputs(with.path.string());
  EXPECT_EQ(previous.listed.count("include/acme/api/models/thing.h"), 1u);
  EXPECT_EQ(previous.contents.count("include/acme/api/models/thing.h"), 1u);
  EXPECT_EQ(previous.listed.count("src/api/things_api.cpp"), 1u);
  EXPECT_EQ(previous.contents.count("src/api/things_api.cpp"), 0u) << "deleted: nothing to read";
  EXPECT_EQ(previous.listed.count("src/security.cpp"), 0u);

  Diagnostics d1, d2;
  auto ahead = emit::write_outputs(with.path.string(), files, d1, 0, &previous);
  auto on_disk = emit::write_outputs(without.path.string(), files, d2, 0);
  EXPECT_EQ(ahead.written, on_disk.written);
  EXPECT_EQ(ahead.unchanged, on_disk.unchanged);
  EXPECT_EQ(ahead.removed, on_disk.removed);
  const std::vector<std::string> rewritten = {emit::kManifestName, "include/acme/api/models/thing.h",
                                              "src/api/things_api.cpp", "src/security.cpp"};
  auto sorted = ahead.written;
  std::sort(sorted.begin(), sorted.end());
  auto expected = rewritten;
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(sorted, expected);
  EXPECT_TRUE(emit::check_outputs(with.path.string(), files).empty());
}

// `generate --check` reads the folder ahead, while the document is parsed: it must find what a
// check reading the folder afterwards finds (edited, deleted, unlisted and stale files).
TEST(Emit, FilesReadAheadGiveTheSameCheckAsTheFolder) {
  Diagnostics diags;
  auto files = render(kDoc, diags);
  TempDir dir;
  emit::write_outputs(dir.path.string(), files, diags);
  std::ofstream(dir.path / "include/acme/api/models/thing.h", std::ios::app) << "// edited by hand\n";
  fs::remove(dir.path / "src/api/things_api.cpp");
  // Not listed, so not read ahead: compared on disk.
  std::ofstream(dir.path / "src/security.cpp", std::ios::trunc) << "edited";
  ASSERT_NO_FATAL_FAILURE(unlist(dir.path, "src/security.cpp"));
  // Listed by an earlier run and no longer generated.
  std::ofstream(dir.path / emit::kManifestName, std::ios::app) << "src/models/gone.cpp\n";
  std::ofstream(dir.path / "src/models/gone.cpp") << "old";

  const auto previous = emit::read_previous_outputs(dir.path.string());
  auto ahead = emit::check_outputs(dir.path.string(), files, &previous);
  auto on_disk = emit::check_outputs(dir.path.string(), files);
  std::sort(ahead.begin(), ahead.end());
  std::sort(on_disk.begin(), on_disk.end());
  EXPECT_EQ(ahead, on_disk);
  const std::vector<std::string> expected = {"include/acme/api/models/thing.h (differs)", "src/api/things_api.cpp (missing)",
                                             "src/models/gone.cpp (stale)", "src/security.cpp (differs)",
                                             std::string(emit::kManifestName) + " (differs)"};
  EXPECT_EQ(ahead, expected);
}

// `generate` writes each file from the thread that rendered it, as soon as it is complete; the
// manifest comes last, from finish(), so that until then the old one still lists what to remove.
TEST(Emit, FilesWrittenWhileRenderingAreWrittenOnceWithTheManifestLast) {
  TempDir dir;
  Diagnostics diags;
  const std::string out = (dir.path / "sdk").string();
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round == 0 ? "into an empty folder" : "unchanged");
    const auto previous = emit::read_previous_outputs(out);
    emit::OutputWriter writer(out, &previous);
    std::mutex mutex;
    std::multiset<std::string> heard;
    auto files = render(kDoc, diags, 2, [&](const emit::OutputFile& f) {
      writer.write(f);
      std::lock_guard<std::mutex> lock(mutex);
      heard.insert(f.path);
    });
    ASSERT_GT(files.size(), 5u);
    EXPECT_EQ(heard.size(), files.size() - 1) << "every file but the manifest, each once";
    EXPECT_EQ(heard.count(emit::kManifestName), 0u);
    // A first run writes into a hidden folder beside the output folder, moved into place by finish().
    const fs::path where = round == 0 ? staging_folder(dir.path, "sdk") : fs::path(out);
    EXPECT_EQ(fs::exists(out), round != 0);
    for (const auto& f : files) {
      if (f.path == emit::kManifestName) continue;
      std::ifstream in(where / f.path, std::ios::binary);
      EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), f.content) << f.path << " written while rendering";
    }
    if (round == 0) {
      EXPECT_FALSE(fs::exists(where / emit::kManifestName)) << "the manifest comes last";
    }
    auto report = writer.finish(files, diags);
    EXPECT_EQ(report.written.size(), round == 0 ? files.size() : 0u);
    EXPECT_EQ(report.unchanged.size(), round == 0 ? 0u : files.size());
    EXPECT_TRUE(emit::check_outputs(out, files).empty());
  }
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
}

// The first run into a folder writes on a thread of its own: whatever thread renders a file,
// it ends up on disk once finish() returns, and the report is the same as writing inline.
TEST(Emit, BackgroundWriterWritesWhatAnyThreadPushes) {
  TempDir dir;
  Diagnostics diags;
  const std::string out = (dir.path / "sdk").string();
  const auto previous = emit::read_previous_outputs(out);
  ASSERT_TRUE(previous.contents.empty());
  emit::OutputWriter writer(out, &previous);
  std::vector<emit::OutputFile> files;
  {
    emit::BackgroundWriter background(writer);
    // The writer keeps pointers to the files: it finishes before render_sdk gathers them.
    files = render(
        kDoc, diags, 2, [&](const emit::OutputFile& f) { background.push(f); }, {}, [&] { background.finish(); });
    for (const auto& f : files) {
      if (f.path == emit::kManifestName) continue;
      std::ifstream in(staging_folder(dir.path, "sdk") / f.path, std::ios::binary);
      EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), f.content) << f.path;
    }
  }
  EXPECT_FALSE(fs::exists(out)) << "a first run's folder appears when complete";
  auto report = writer.finish(files, diags);
  EXPECT_FALSE(fs::exists(staging_folder(dir.path, "sdk")));
  EXPECT_EQ(report.written.size(), files.size());
  EXPECT_TRUE(report.unchanged.empty());
  EXPECT_TRUE(emit::check_outputs(out, files).empty());
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
}

// A killed first run leaves its hidden folder behind: the next first run into the same folder
// removes it, but not one whose process still runs, nor those of other output folders.
TEST(Emit, AFirstRunRemovesHiddenFoldersOfRunsThatNoLongerExist) {
  TempDir dir;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  const pid_t gone = ::fork();  // a process id that no longer runs once it has been waited for
  ASSERT_GE(gone, 0);
  if (gone == 0) ::_exit(0);
  ASSERT_EQ(::waitpid(gone, nullptr, 0), gone);
  const std::string parent_pid = std::to_string(::getppid());  // runs for as long as this test
  const std::vector<std::string> kept = {".sdk.wink-" + parent_pid + ".tmp", ".other.wink-" + std::to_string(gone) + ".tmp",
                                         ".sdk.wink-x" + std::to_string(gone) + ".tmp", "sdk.wink-" + std::to_string(gone) + ".tmp"};
  const std::string abandoned = ".sdk.wink-" + std::to_string(gone) + ".tmp";
  for (const auto& name : kept) fs::create_directories(dir.path / name);
  fs::create_directories(dir.path / abandoned / "include");
  std::ofstream(dir.path / abandoned / "include" / "half.h") << "// half";

  auto report = emit::write_outputs((dir.path / "sdk").string(), files, diags);
  EXPECT_EQ(report.written.size(), files.size());
  std::set<std::string> beside;
  for (const auto& e : fs::directory_iterator(dir.path)) beside.insert(e.path().filename().string());
  std::set<std::string> expected(kept.begin(), kept.end());
  expected.insert("sdk");
  EXPECT_EQ(beside, expected);
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
}

// A first run shows every file or none: the folder is built aside and renamed into place; if
// a file cannot be written, nothing appears; if the folder appeared meanwhile, the files go into
// it the usual way and what was there stays.
TEST(Emit, AFirstRunMovesItsFolderIntoPlaceWhenComplete) {
  TempDir dir;
  Diagnostics diags;
  auto files = render(kDoc, diags);
  const fs::path out = dir.path / "new" / "sdk";
  {
    emit::OutputWriter writer(out.string(), nullptr);
    writer.write(files.front());
    EXPECT_FALSE(fs::exists(out));
    EXPECT_TRUE(fs::exists(staging_folder(out.parent_path(), "sdk") / files.front().path));
    auto report = writer.finish(files, diags);
    EXPECT_EQ(report.written.size(), files.size());
  }
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  EXPECT_TRUE(emit::check_outputs(out.string(), files).empty());
  std::set<std::string> beside;
  for (const auto& e : fs::directory_iterator(out.parent_path())) beside.insert(e.path().filename().string());
  EXPECT_EQ(beside, (std::set<std::string>{"sdk"})) << "no hidden folder left";

  // A file that cannot be written (its folder would be a file): nothing appears.
  const fs::path failing = dir.path / "failing";
  std::vector<emit::OutputFile> clash = {{"a", "file"}, {"a/b.h", "under a file"}, {emit::kManifestName, "a\na/b.h\n"}};
  {
    Diagnostics errors;
    emit::OutputWriter writer(failing.string(), nullptr);
    auto report = writer.finish(clash, errors, 1);
    EXPECT_TRUE(errors.has_errors());
    EXPECT_NE(errors.to_string().find("cannot write"), std::string::npos) << errors.to_string();
    EXPECT_TRUE(report.written.empty());
  }
  EXPECT_FALSE(fs::exists(failing));
  EXPECT_FALSE(fs::exists(staging_folder(dir.path, "failing")));

  // The folder appears while the run writes: the files go into it, its own file stays.
  const fs::path raced = dir.path / "raced";
  {
    emit::OutputWriter writer(raced.string(), nullptr);
    fs::create_directories(raced);
    std::ofstream(raced / "mine.txt") << "mine";
    auto report = writer.finish(files, diags);
    EXPECT_EQ(report.written.size(), files.size());
  }
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  EXPECT_TRUE(emit::check_outputs(raced.string(), files).empty());
  EXPECT_TRUE(fs::exists(raced / "mine.txt"));
  EXPECT_FALSE(fs::exists(staging_folder(dir.path, "raced")));

  // A run that fails after writing began leaves nothing behind either.
  const fs::path dropped = dir.path / "dropped";
  {
    emit::OutputWriter writer(dropped.string(), nullptr);
    writer.write(files.front());
    writer.abandon();
    EXPECT_FALSE(fs::exists(staging_folder(dir.path, "dropped")));
  }
  EXPECT_FALSE(fs::exists(dropped));
}

// Threads that run out of tasks say so once (render threads then help write files), and never
// take a task after that.
TEST(Emit, EachThreadGoesIdleOnceAfterItsLastTask) {
  for (unsigned workers : {1u, 2u, 4u}) {
    SCOPED_TRACE(workers);
    std::mutex mutex;
    std::set<std::thread::id> idle;
    std::vector<int> ran(200, 0);
    bool task_after_idle = false;
    emit::for_each_task(
        ran.size(), workers,
        [&](unsigned, std::size_t i) {
          std::lock_guard<std::mutex> lock(mutex);
          ++ran[i];
          if (idle.count(std::this_thread::get_id())) task_after_idle = true;
        },
        [&] {
          std::lock_guard<std::mutex> lock(mutex);
          EXPECT_TRUE(idle.insert(std::this_thread::get_id()).second) << "idle twice on one thread";
        });
    EXPECT_EQ(idle.size(), workers);
    EXPECT_FALSE(task_after_idle);
    EXPECT_EQ(std::count(ran.begin(), ran.end(), 1), static_cast<long>(ran.size()));
  }
}

// Render threads with nothing left to render write queued files beside the writer's thread:
// every file is written once, whole, whichever thread took it.
TEST(Emit, RenderThreadsWithNothingLeftHelpTheBackgroundWriter) {
  for (unsigned jobs : {1u, 2u, 3u}) {
    SCOPED_TRACE(jobs);
    TempDir dir;
    Diagnostics diags;
    const std::string out = (dir.path / "sdk").string();
    const auto previous = emit::read_previous_outputs(out);
    emit::OutputWriter writer(out, &previous);
    std::vector<emit::OutputFile> files;
    std::atomic<unsigned> idle_calls{0}, heard{0};
    unsigned done_calls = 0, heard_when_done = 0;
    {
      emit::BackgroundWriter background(writer);
      files = render(
          kDoc, diags, jobs,
          [&](const emit::OutputFile& f) {
            ++heard;
            background.push(f);
          },
          [&] {
            ++idle_calls;
            background.help();
          },
          [&] {
            ++done_calls;
            heard_when_done = heard;
            background.finish();
          });
    }
    EXPECT_EQ(idle_calls, jobs) << "each render thread goes idle once";
    EXPECT_EQ(done_calls, 1u);
    EXPECT_EQ(heard_when_done, files.size() - 1) << "on_done comes after every file (the manifest is not handed out)";
    auto report = writer.finish(files, diags);
    EXPECT_EQ(report.written.size(), files.size());
    EXPECT_TRUE(emit::check_outputs(out, files).empty());
    EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  }
}

// A new file appears under its name only once complete, with the usual permissions; an existing
// one is left to the temporary-file-and-rename path.
TEST(Emit, NewFilesAreLinkedWhenCompleteAndExistingOnesAreLeftAlone) {
  TempDir dir;
  const int folder = ::open(dir.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(folder, 0);
  const std::string content(100000, 'x');
  const emit::NewFile made = emit::write_new_file(folder, "new.h", content);
  if (made == emit::NewFile::Unavailable) {
    ::close(folder);
    GTEST_SKIP() << "no O_TMPFILE or linkat here: the writer uses temporary names and renames";
  }
  EXPECT_EQ(made, emit::NewFile::Linked);
  std::string back;
  EXPECT_TRUE(emit::read_file(folder, "new.h", back));
  EXPECT_EQ(back, content);
  const mode_t mask = ::umask(0);
  ::umask(mask);
  struct stat st {};
  ASSERT_EQ(::stat((dir.path / "new.h").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask);

  std::ofstream(dir.path / "old.h") << "mine";
  EXPECT_EQ(emit::write_new_file(folder, "old.h", content), emit::NewFile::Exists);
  EXPECT_TRUE(emit::read_file(folder, "old.h", back));
  EXPECT_EQ(back, "mine");
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir.path)) names.insert(e.path().filename().string());
  EXPECT_EQ(names, (std::set<std::string>{"new.h", "old.h"}));
  bool missing = false;
  EXPECT_FALSE(emit::holds(folder, "none.h", content, missing));
  EXPECT_TRUE(missing);
  EXPECT_TRUE(emit::holds(folder, "new.h", content, missing));
  EXPECT_FALSE(missing);
  ::close(folder);
}

// Both ways of naming an unnamed file: by descriptor (what root gets, and everyone on Linux >= 6.10)
// and through /proc (what other users get on older kernels, e.g. Debian 12's 6.1).
TEST(Emit, UnnamedFilesCanBeLinkedByDescriptorOrThroughProc) {
#ifndef O_TMPFILE
  GTEST_SKIP() << "no O_TMPFILE here";
#else
  TempDir dir;
  const int folder = ::open(dir.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(folder, 0);
  for (bool through_proc : {false, true}) {
    SCOPED_TRACE(through_proc ? "through /proc" : "by descriptor");
    const std::string name = through_proc ? "proc.h" : "fd.h";
    const int fd = ::openat(folder, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) GTEST_SKIP() << "O_TMPFILE is not supported in " << dir.path;
    ASSERT_EQ(::write(fd, name.data(), name.size()), static_cast<ssize_t>(name.size()));
    if (!emit::link_unnamed_file(fd, folder, name.c_str(), through_proc)) {
      const int error = errno;
      ::close(fd);
      if (!through_proc && (error == ENOENT || error == EPERM)) continue;  // needs CAP_DAC_READ_SEARCH here
      FAIL() << std::strerror(error);
    }
    EXPECT_FALSE(emit::link_unnamed_file(fd, folder, name.c_str(), through_proc));
    EXPECT_EQ(errno, EEXIST);
    ::close(fd);
    std::string back;
    EXPECT_TRUE(emit::read_file(folder, name.c_str(), back));
    EXPECT_EQ(back, name);
  }
  ::close(folder);
#endif
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
  EXPECT_TRUE(emit::read_previous_outputs((dir.path / "sdk").string()).listed.count(victim.string()) == 0);
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

}  // namespace
}  // namespace wink::codegen
