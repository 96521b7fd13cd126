// `wink-codegen diff`: one fixture pair per rule (tests/specs/diff), the command line (exit
// codes, formats), and Wink's real document versions (skipped when they are absent).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "diff/diff.h"
#include "ir/security.h"
#include "load/loader.h"
#include "spec/parse.h"

namespace fs = std::filesystem;
using namespace wink::codegen;

namespace {

const fs::path kFixtures = fs::path(WINK_SOURCE_DIR) / "tests/specs/diff";
const fs::path kShared = WINK_SHARED_SPECS_DIR;

struct Loaded {
  Diagnostics diags;
  std::unique_ptr<load::Loader> loader;
  std::optional<spec::Document> doc;
};

std::unique_ptr<Loaded> load_doc(const fs::path& path) {
  auto l = std::make_unique<Loaded>();
  l->loader = std::make_unique<load::Loader>(l->diags);
  if (const load::Node* root = l->loader->load_root(path.string()))
    l->doc = spec::parse_document(*l->loader, *root, l->diags);
  return l;
}

diff::Result diff_files(const fs::path& old_path, const fs::path& new_path, const ir::ScopeMap* scopes = nullptr) {
  auto a = load_doc(old_path), b = load_doc(new_path);
  if (!a->doc || !b->doc) {
    ADD_FAILURE() << "cannot load " << old_path << " or " << new_path << "\n"
                  << a->diags.to_string() << b->diags.to_string();
    return {};
  }
  diff::Options options;
  options.scope_map = scopes;
  return diff::diff_documents(*a->doc, *b->doc, options);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CliRun {
  int exit_code = -1;
  std::string out, err;
};

// Runs the real binary; stdout and stderr are captured through files.
CliRun run_cli(const std::string& args) {
  fs::path dir = fs::temp_directory_path() / ("wink-diff-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path out = dir / "out.txt", err = dir / "err.txt";
  std::string command =
      std::string("'") + WINK_CODEGEN_EXE + "' " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  int status = std::system(command.c_str());
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  return r;
}

std::string fixture(const std::string& name, const char* side) {
  return "'" + (kFixtures / (name + "." + side + ".yaml")).string() + "'";
}

std::string pair_args(const std::string& name) { return "diff " + fixture(name, "old") + " " + fixture(name, "new"); }

// ---- one fixture pair per rule ------------------------------------------------------------------

std::vector<std::string> fixture_cases() {
  std::vector<std::string> names;
  if (!fs::exists(kFixtures)) return names;
  for (const auto& e : fs::directory_iterator(kFixtures)) {
    std::string file = e.path().filename().string();
    const std::string suffix = ".old.yaml";
    if (file.size() > suffix.size() && file.compare(file.size() - suffix.size(), suffix.size(), suffix) == 0)
      names.push_back(file.substr(0, file.size() - suffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}

// "# expect: <rule> <level>" lines of the NEW document; "# expect: nothing" for none.
std::set<std::string> expectations(const std::string& name) {
  std::set<std::string> out;
  std::ifstream in(kFixtures / (name + ".new.yaml"));
  for (std::string line; std::getline(in, line);) {
    const std::string prefix = "# expect: ";
    if (line.rfind(prefix, 0) != 0) continue;
    std::string e = line.substr(prefix.size());
    if (e != "nothing") out.insert(e);
  }
  return out;
}

class DiffFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(DiffFixture, ReportsExactlyTheExpectedRuleAndLevel) {
  const std::string name = GetParam();
  auto expected = expectations(name);
  diff::Result result =
      diff_files(kFixtures / (name + ".old.yaml"), kFixtures / (name + ".new.yaml"));
  std::set<std::string> got;
  std::set<std::string_view> known;
  for (const auto& r : diff::rules()) known.insert(r.id);
  std::string report;
  for (const auto& c : result.changes) {
    got.insert(c.rule + " " + std::string(diff::level_name(c.level)));
    report += c.rule + " " + std::string(diff::level_name(c.level)) + " " + c.location.group() + " " +
              c.location.pointer + ": " + c.message + "\n";
    EXPECT_TRUE(known.count(c.rule)) << "rule '" << c.rule << "' is missing from diff::rules()";
    EXPECT_EQ(c.level, std::max(c.wire, c.cpp)) << c.rule;
  }
  EXPECT_EQ(got, expected) << "changes reported for " << name << ":\n" << report;
}

INSTANTIATE_TEST_SUITE_P(Rules, DiffFixture, ::testing::ValuesIn(fixture_cases()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string n = info.param;
                           for (auto& ch : n)
                             if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
                           return n;
                         });

TEST(DiffRules, EveryRuleHasAFixturePair) {
  for (const auto& rule : diff::rules()) {
    std::string id(rule.id);
    EXPECT_TRUE(fs::exists(kFixtures / (id + ".old.yaml")) && fs::exists(kFixtures / (id + ".new.yaml")))
        << "no fixture pair tests/specs/diff/" << id << ".{old,new}.yaml";
    auto expected = expectations(id);
    bool mentioned = std::any_of(expected.begin(), expected.end(),
                                 [&](const std::string& e) { return e.rfind(id + " ", 0) == 0; });
    EXPECT_TRUE(mentioned) << id << ".new.yaml does not expect its own rule";
  }
}

TEST(DiffRules, ScopesComeFromTheScopeMapLikeGenerate) {
  Diagnostics diags;
  load::Loader loader(diags);
  const load::Node* root = loader.load_root((kFixtures / "scopes.yaml").string());
  ASSERT_NE(root, nullptr) << diags.to_string();
  auto map = ir::parse_scope_map(*root, diags);
  ASSERT_TRUE(map) << diags.to_string();
  // Tag Thing -> Item: the API class changes (source) and so does the derived scope (breaking).
  auto result = diff_files(kFixtures / "operation-tag-changed.old.yaml", kFixtures / "operation-tag-changed.new.yaml",
                           &*map);
  std::map<std::string, diff::Level> by_rule;
  for (const auto& c : result.changes) by_rule[c.rule] = c.level;
  ASSERT_TRUE(by_rule.count("operation-scopes-changed"));
  EXPECT_EQ(by_rule["operation-scopes-changed"], diff::Level::Breaking);
  EXPECT_EQ(by_rule["operation-tag-changed"], diff::Level::Source);
  CliRun cli = run_cli(pair_args("operation-tag-changed") + " --scopes '" + (kFixtures / "scopes.yaml").string() + "'");
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_NE(cli.out.find("thing.read] -> [item.read]"), std::string::npos) << cli.out;
}

// ---- command line ---------------------------------------------------------------------------------

TEST(DiffCli, ExitCodesFollowFailOn) {
  EXPECT_EQ(run_cli(pair_args("operation-removed")).exit_code, 1);                          // default: breaking
  EXPECT_EQ(run_cli(pair_args("operation-added")).exit_code, 0);
  EXPECT_EQ(run_cli(pair_args("operation-added") + " --fail-on any").exit_code, 1);
  EXPECT_EQ(run_cli(pair_args("operation-id-changed") + " --fail-on any").exit_code, 1);    // info counts for "any"
  EXPECT_EQ(run_cli(pair_args("operation-removed") + " --fail-on none").exit_code, 0);
  EXPECT_EQ(run_cli(pair_args("parameter-removed") + " --fail-on source").exit_code, 1);
  EXPECT_EQ(run_cli(pair_args("parameter-removed")).exit_code, 0);                          // source < breaking
  EXPECT_EQ(run_cli(pair_args("operation-added") + " --fail-on source").exit_code, 0);
  EXPECT_EQ(run_cli(pair_args("reordered") + " --fail-on any").exit_code, 0);
}

TEST(DiffCli, UsageErrorsAndBadInputExitTwo) {
  EXPECT_EQ(run_cli("diff").exit_code, 2);
  EXPECT_EQ(run_cli("diff " + fixture("operation-added", "old")).exit_code, 2);
  EXPECT_EQ(run_cli(pair_args("operation-added") + " --format xml").exit_code, 2);
  EXPECT_EQ(run_cli(pair_args("operation-added") + " --fail-on everything").exit_code, 2);
  EXPECT_EQ(run_cli(pair_args("operation-added") + " extra").exit_code, 2);
  EXPECT_EQ(run_cli("diff --help").exit_code, 0);
  EXPECT_EQ(run_cli("diff --version").exit_code, 0);
  EXPECT_EQ(run_cli("diff /nonexistent/old.yaml " + fixture("operation-added", "new")).exit_code, 2);

  fs::path dir = fs::temp_directory_path() / ("wink-diff-bad-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "bad.yaml") << "openapi: 3.0.3\ninfo:\n  title: Bad\n  version: '1'\npaths:\n  /a:\n    get:\n"
                                     "      parameters:\n        - name: x\n          in: body\n      responses: {}\n";
  CliRun bad = run_cli("diff " + fixture("operation-added", "old") + " '" + (dir / "bad.yaml").string() + "'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.yaml:10:"), std::string::npos) << "diagnostics must be located:\n" << bad.err;
  fs::remove_all(dir);
}

TEST(DiffCli, Formats) {
  CliRun json = run_cli(pair_args("response-property-removed") + " --format json");
  EXPECT_EQ(json.exit_code, 1);
  auto doc = nlohmann::json::parse(json.out);
  EXPECT_EQ(doc["summary"]["breaking"], 1);
  EXPECT_EQ(doc["operations"]["kept"], 3);
  ASSERT_EQ(doc["changes"].size(), 1u);
  const auto& c = doc["changes"][0];
  EXPECT_EQ(c["rule"], "response-property-removed");
  EXPECT_EQ(c["level"], "breaking");
  EXPECT_EQ(c["wire"], "breaking");
  EXPECT_EQ(c["cpp"], "source");
  EXPECT_EQ(c["direction"], "response");
  EXPECT_EQ(c["location"]["schema"], "Thing");
  EXPECT_EQ(c["location"]["pointer"], "/properties/label");
  EXPECT_EQ(c["usedBy"], nlohmann::json::array({"GET /things/{thingId}"}));

  CliRun md = run_cli(pair_args("response-property-removed") + " --format markdown");
  EXPECT_NE(md.out.find("| **breaking** |"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("`response-property-removed`"), std::string::npos) << md.out;

  CliRun gh = run_cli(pair_args("response-property-removed") + " --format github");
  EXPECT_EQ(gh.out.rfind("::error title=response-property-removed (breaking)::", 0), 0u) << gh.out;
  CliRun gh_source = run_cli(pair_args("parameter-removed") + " --format github");
  EXPECT_EQ(gh_source.out.rfind("::warning title=", 0), 0u) << gh_source.out;

  CliRun text = run_cli(pair_args("parameter-added"));
  EXPECT_NE(text.out.find("GET /things/{thingId}\n  breaking     parameter-added /parameters/query/region"),
            std::string::npos)
      << text.out;
}

// ---- Wink's published versions -------------------------------------------------------------------

#define REQUIRE_SHARED(file)                                                                           \
  if (!fs::exists(kShared / (file))) {                                                                 \
    GTEST_SKIP() << "Wink's documents are absent: " << (kShared / (file)).string()                     \
                 << " (set -DWINK_SHARED_SPECS_DIR=... to run this test)";                             \
  }

std::size_t count_rule(const diff::Result& r, const std::string& rule) {
  return static_cast<std::size_t>(
      std::count_if(r.changes.begin(), r.changes.end(), [&](const diff::Change& c) { return c.rule == rule; }));
}

TEST(DiffWink, Supplier30_49ToExtranet30_51) {
  REQUIRE_SHARED("30.49.0/supplier.json");
  REQUIRE_SHARED("30.51.2/extranet.json");
  auto start = std::chrono::steady_clock::now();
  auto r = diff_files(kShared / "30.49.0/supplier.json", kShared / "30.51.2/extranet.json");
  std::cout << "[ timing ] load + diff of two ~2 MB documents: "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s\n";
  EXPECT_EQ(r.operations.old_total, 211u);
  EXPECT_EQ(r.operations.new_total, 200u);
  EXPECT_EQ(r.operations.removed, 12u);
  EXPECT_EQ(r.operations.added, 1u);
  EXPECT_EQ(r.operations.kept, 199u);
  EXPECT_EQ(count_rule(r, "operation-removed"), 12u);
  EXPECT_EQ(count_rule(r, "operation-added"), 1u);
  // camelCase -> kebab-case: the C++ method names stay, so none of these is source-breaking.
  EXPECT_EQ(count_rule(r, "operation-id-changed"), 198u);
  // Thousands of changes: the PR comment must still fit GitHub's 65536-character limit.
  EXPECT_LT(diff::format_markdown(r, {}).size(), 65536u);
  for (const auto& c : r.changes)
    if (c.rule == "operation-id-changed") {
      EXPECT_EQ(c.level, diff::Level::Info) << c.location.group() << ": " << c.message;
      EXPECT_EQ(c.cpp, diff::Level::Info) << c.location.group() << ": " << c.message;
    }
}

TEST(DiffWink, Extranet30_51To31_4) {
  REQUIRE_SHARED("30.51.2/extranet.json");
  REQUIRE_SHARED("31.4.1/extranet.json");
  auto r = diff_files(kShared / "30.51.2/extranet.json", kShared / "31.4.1/extranet.json");
  EXPECT_EQ(r.operations.removed, 1u);
  EXPECT_EQ(r.operations.added, 16u);
  EXPECT_EQ(r.operations.kept, 199u);
  EXPECT_EQ(count_rule(r, "operation-id-changed"), 0u);
}

// Object keys (hence properties and paths), tags, enum values and required lists reversed.
nlohmann::ordered_json reordered(const nlohmann::ordered_json& v, const std::string& key = "") {
  if (v.is_object()) {
    std::vector<std::string> keys;
    for (auto it = v.begin(); it != v.end(); ++it) keys.push_back(it.key());
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (auto k = keys.rbegin(); k != keys.rend(); ++k) out[*k] = reordered(v.at(*k), *k);
    return out;
  }
  if (v.is_array()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& item : v) out.push_back(reordered(item));
    if (key == "tags" || key == "enum" || key == "required") std::reverse(out.begin(), out.end());
    return out;
  }
  return v;
}

TEST(DiffWink, EachDocumentOf31_4AgainstAReorderedCopyOfItself) {
  REQUIRE_SHARED("31.4.1");
  fs::path dir = fs::temp_directory_path() / ("wink-diff-reordered-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::size_t documents = 0;
  for (const auto& e : fs::directory_iterator(kShared / "31.4.1")) {
    if (e.path().extension() != ".json") continue;
    ++documents;
    std::ifstream in(e.path());
    auto copy = reordered(nlohmann::ordered_json::parse(in));
    fs::path shuffled = dir / e.path().filename();
    std::ofstream(shuffled) << copy.dump();
    auto r = diff_files(e.path(), shuffled);
    std::string first;
    if (!r.changes.empty()) first = r.changes.front().rule + " " + r.changes.front().location.group() + ": " +
                                    r.changes.front().message;
    EXPECT_TRUE(r.changes.empty()) << e.path().filename() << ": " << r.changes.size() << " change(s), first: " << first;
    EXPECT_GT(r.operations.kept, 0u);
  }
  EXPECT_EQ(documents, 12u);
  fs::remove_all(dir);
}

}  // namespace
