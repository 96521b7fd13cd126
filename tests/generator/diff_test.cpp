// `wink-codegen diff`: one fixture pair per rule (tests/specs/diff), the command line (exit
// codes, formats), and Wink's real document versions (skipped when they are absent).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "diff/diff.h"
#include "ir/build.h"
#include "ir/signature.h"
#include "load/loader.h"
#include "spec/parse.h"
#include "spec/scope_map.h"
#include "test_support.h"

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

diff::Result diff_files(const fs::path& old_path, const fs::path& new_path, const spec::ScopeMap* scopes = nullptr) {
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
  auto map = spec::parse_scope_map(*root, diags);
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

TEST(DiffCli, UsageErrorsExitTwoAndBadInputExitOne) {
  EXPECT_EQ(run_cli("diff").exit_code, 2);
  EXPECT_EQ(run_cli("diff " + fixture("operation-added", "old")).exit_code, 2);
  EXPECT_EQ(run_cli(pair_args("operation-added") + " --format xml").exit_code, 2);
  EXPECT_EQ(run_cli(pair_args("operation-added") + " --fail-on everything").exit_code, 2);
  EXPECT_EQ(run_cli(pair_args("operation-added") + " extra").exit_code, 2);
  EXPECT_EQ(run_cli("diff --help").exit_code, 0);
  EXPECT_EQ(run_cli("diff --version").exit_code, 0);
  EXPECT_EQ(run_cli("diff /nonexistent/old.yaml " + fixture("operation-added", "new")).exit_code, 1);

  fs::path dir = fs::temp_directory_path() / ("wink-diff-bad-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "bad.yaml") << "openapi: 3.0.3\ninfo:\n  title: Bad\n  version: '1'\npaths:\n  /a:\n    get:\n"
                                     "      parameters:\n        - name: x\n          in: body\n      responses: {}\n";
  CliRun bad = run_cli("diff " + fixture("operation-added", "old") + " '" + (dir / "bad.yaml").string() + "'");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("bad.yaml:10:"), std::string::npos) << "diagnostics must be located:\n" << bad.err;
  fs::remove_all(dir);
}

// What `--format json` prints uses only the fields docs/ci/diff-json-schema.json describes, and
// every field it requires.
void expect_json_follows_schema(const nlohmann::json& out) {
  auto schema = nlohmann::json::parse(read_file(fs::path(WINK_SOURCE_DIR) / "docs/ci/diff-json-schema.json"));
  auto check = [](const nlohmann::json& value, const nlohmann::json& object_schema, const std::string& where) {
    for (const auto& key : object_schema["required"]) EXPECT_TRUE(value.contains(key)) << where << " lacks " << key;
    for (auto it = value.begin(); it != value.end(); ++it)
      EXPECT_TRUE(object_schema["properties"].contains(it.key()))
          << where << "." << it.key() << " is not in the schema";
  };
  check(out, schema, "report");
  const auto& change = schema["$defs"]["change"];
  for (const auto& c : out["changes"]) {
    check(c, change, "change");
    check(c["location"], change["properties"]["location"], "location");
    if (c["location"].contains("source"))
      check(c["location"]["source"], change["properties"]["location"]["properties"]["source"], "source");
  }
}

TEST(DiffCli, Formats) {
  CliRun json = run_cli(pair_args("response-property-removed--required") + " --format json");
  EXPECT_EQ(json.exit_code, 1);
  auto doc = nlohmann::json::parse(json.out);
  expect_json_follows_schema(doc);
  EXPECT_EQ(doc["summary"]["breaking"], 1);
  EXPECT_EQ(doc["semver"], "major");
  EXPECT_EQ(doc["operations"]["kept"], 3);
  ASSERT_EQ(doc["changes"].size(), 1u);
  const auto& c = doc["changes"][0];
  EXPECT_EQ(c["rule"], "response-property-removed");
  EXPECT_EQ(c["level"], "breaking");
  EXPECT_EQ(c["wire"], "breaking");
  EXPECT_EQ(c["cpp"], "source");
  EXPECT_EQ(c["direction"], "response");
  EXPECT_EQ(c["location"]["schema"], "Thing");
  EXPECT_EQ(c["location"]["pointer"], "/properties/id");
  // NEW's document, at the schema the property was removed from (`Thing:` is on line 62, its
  // value starts on the next one).
  EXPECT_NE(c["location"]["source"]["file"].get<std::string>().find("response-property-removed--required.new.yaml"),
            std::string::npos);
  EXPECT_EQ(c["location"]["source"]["line"], 63);
  EXPECT_EQ(c["usedBy"], nlohmann::json::array({"GET /things/{thingId}"}));

  CliRun md = run_cli(pair_args("response-property-removed--required") + " --format markdown");
  EXPECT_NE(md.out.find("| **breaking** |"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("`response-property-removed`"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("Recommended SDK version bump: major"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("- `schema Thing (response; used by 1 operation)`: `GET /things/{thingId}`"), std::string::npos)
      << md.out;

  CliRun gh = run_cli(pair_args("response-property-removed--required") + " --format github");
  std::istringstream lines(gh.out);
  std::string summary, annotation;
  std::getline(lines, summary);
  std::getline(lines, annotation);
  EXPECT_EQ(summary.rfind("::notice title=OpenAPI drift ", 0), 0u) << gh.out;
  EXPECT_NE(summary.find("1 breaking, 0 source, 0 non-breaking, 0 info; recommended SDK version bump: major"),
            std::string::npos)
      << gh.out;
  EXPECT_EQ(annotation.rfind("::error file=", 0), 0u) << gh.out;
  EXPECT_NE(annotation.find("response-property-removed--required.new.yaml,line=63,title=response-property-removed "
                            "(breaking)::schema Thing"),
            std::string::npos)
      << gh.out;
  CliRun gh_source = run_cli(pair_args("parameter-removed") + " --format github");
  EXPECT_NE(gh_source.out.find("\n::warning file="), std::string::npos) << gh_source.out;

  CliRun text = run_cli(pair_args("parameter-added"));
  EXPECT_NE(text.out.find("GET /things/{thingId}\n  breaking     parameter-added /parameters/query/region"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("\nrecommended SDK version bump: major\n"), std::string::npos) << text.out;

  CliRun semver = run_cli(pair_args("operation-added") + " --semver");
  EXPECT_EQ(semver.exit_code, 0);
  EXPECT_EQ(semver.out, "minor\n");
  EXPECT_EQ(run_cli(pair_args("operation-id-changed") + " --semver").out, "patch\n");
  EXPECT_EQ(run_cli(pair_args("reordered") + " --semver").out, "none\n");
  CliRun semver_breaking = run_cli(pair_args("operation-removed") + " --semver");
  EXPECT_EQ(semver_breaking.out, "major\n");
  EXPECT_EQ(semver_breaking.exit_code, 1);  // --fail-on still decides the exit code
}

// Two operations move from component Thing to Item: the structural finding is reported once,
// at "schema Thing -> Item", and names both operations.
TEST(DiffCli, ChangesListEveryOperationTheyReach) {
  auto r = diff_files(kFixtures / "schema-ref-changed--moved.old.yaml",
                      kFixtures / "schema-ref-changed--moved.new.yaml");
  const std::vector<std::string> both = {"GET /things/{thingId}", "GET /things/{thingId}/copy"};
  std::size_t ref_changes = 0, removed = 0;
  for (const auto& c : r.changes) {
    if (c.rule == "schema-ref-changed") {
      ++ref_changes;
      ASSERT_EQ(c.used_by.size(), 1u);
      EXPECT_EQ(c.used_by.front(), c.location.group());
    }
    if (c.rule == "response-property-removed") {
      ++removed;
      EXPECT_EQ(c.location.old_schema, "Thing");
      EXPECT_EQ(c.location.schema, "Item");
      EXPECT_EQ(c.location.pointer, "/properties/label");
      EXPECT_EQ(c.used_by, both);
    }
  }
  EXPECT_EQ(ref_changes, 2u);
  EXPECT_EQ(removed, 1u);
  CliRun text = run_cli(pair_args("schema-ref-changed--moved"));
  EXPECT_NE(text.out.find("schema Thing -> Item (response; used by 2 operations)\n  used by: GET /things/{thingId}\n"
                          "           GET /things/{thingId}/copy\n"),
            std::string::npos)
      << text.out;
  auto json = nlohmann::json::parse(run_cli(pair_args("schema-ref-changed--moved") + " --format json").out);
  expect_json_follows_schema(json);
  for (const auto& c : json["changes"])
    if (c["rule"] == "response-property-removed") {
      EXPECT_EQ(c["location"]["oldSchema"], "Thing");
    }
}

// A temporary folder with documents written by the test; removed at the end of the scope.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("wink-diff-" + std::to_string(::getpid()) + "-" +
                                               ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return "'" + (path / name).string() + "'";
  }
};

std::string document_with_operations(int count, const std::string& version) {
  std::string out = "openapi: 3.0.3\ninfo: {title: Many, version: '" + version + "'}\n";
  out += count == 0 ? "paths: {}\n" : "paths:\n";
  for (int i = 0; i < count; ++i)
    out += "  /op" + std::to_string(i) + ":\n    get:\n      operationId: op" + std::to_string(i) +
           "\n      responses:\n        '204': {description: done}\n";
  return out;
}

TEST(DiffCli, GithubShowsAtMostTenAnnotationsOfEachKindAndSaysHowManyAreLeftOut) {
  TempDir dir;
  std::string old_doc = dir.write("old.yaml", document_with_operations(25, "1"));
  std::string new_doc = dir.write("new.yaml", document_with_operations(0, "2"));
  CliRun gh = run_cli("diff " + new_doc + " " + old_doc + " --format github");  // 25 operations added
  std::size_t notices = 0;
  std::istringstream lines(gh.out);
  for (std::string line; std::getline(lines, line);) notices += line.rfind("::notice ", 0) == 0 ? 1 : 0;
  EXPECT_EQ(notices, 10u) << gh.out;  // the summary and 9 non-breaking changes
  EXPECT_NE(gh.out.find("16 change(s) not annotated (GitHub shows 10 annotations of each kind)"), std::string::npos)
      << gh.out;
  CliRun removed = run_cli("diff " + old_doc + " " + new_doc + " --format github");  // 25 operations removed
  std::size_t errors = 0;
  std::istringstream removed_lines(removed.out);
  for (std::string line; std::getline(removed_lines, line);) {
    if (line.rfind("::error ", 0) != 0) continue;
    ++errors;
    EXPECT_NE(line.find("new.yaml,line=1,"), std::string::npos) << line;  // gone: NEW's document itself
  }
  EXPECT_EQ(errors, 10u) << removed.out;
  EXPECT_NE(removed.out.find("15 change(s) not annotated"), std::string::npos) << removed.out;
}

// A document whose one operation returns an object with `properties` (YAML, 18 spaces deep).
std::string object_response_document(const std::string& version, const std::string& properties,
                                     const std::string& required = "") {
  return "openapi: 3.0.3\ninfo: {title: T, version: '" + version + "'}\npaths:\n  /a:\n    get:\n"
         "      operationId: getA\n      responses:\n        '200':\n          description: ok\n"
         "          content:\n            application/json:\n              schema:\n                type: object\n" +
         (required.empty() ? std::string() : "                required: " + required + "\n") +
         "                properties:\n" + properties;
}

TEST(DiffCli, JunitHasOneTestCasePerChangeAndFailsThoseAtFailOn) {
  TempDir dir;
  std::string old_doc = dir.write("old.yaml", object_response_document("1",
                                                                       "                  'x<y&\"z': {type: string}\n"
                                                                       "                  kept: {type: string}\n",
                                                                       "['x<y&\"z']"));
  std::string new_doc = dir.write("new.yaml", object_response_document("2",
                                                                       "                  kept: {type: string}\n"
                                                                       "                  added: {type: string}\n",
                                                                       "['x<y&\"z']"));
  CliRun junit = run_cli("diff " + old_doc + " " + new_doc + " --format junit");
  EXPECT_EQ(junit.exit_code, 1);
  EXPECT_EQ(junit.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0), 0u) << junit.out;
  EXPECT_NE(junit.out.find("tests=\"2\" failures=\"1\""), std::string::npos) << junit.out;
  EXPECT_NE(junit.out.find("<failure type=\"breaking\" message=\"required property &apos;x&lt;y&amp;&quot;z&apos;"),
            std::string::npos)
      << junit.out;
  EXPECT_EQ(junit.out.find("x<y"), std::string::npos) << "unescaped document text:\n" << junit.out;
  EXPECT_NE(junit.out.find("<property name=\"semver\" value=\"major\"/>"), std::string::npos) << junit.out;
  CliRun none = run_cli("diff " + old_doc + " " + new_doc + " --format junit --fail-on none");
  EXPECT_EQ(none.exit_code, 0);
  EXPECT_EQ(none.out.find("<failure"), std::string::npos) << none.out;
  CliRun any = run_cli("diff " + old_doc + " " + new_doc + " --format junit --fail-on any");
  EXPECT_NE(any.out.find("failures=\"2\""), std::string::npos) << any.out;
}

// A name with control characters is refused (see spec/), and the diagnostic shows them escaped.
TEST(DiffCli, ControlCharactersOfADocumentAreShownNotPrinted) {
  TempDir dir;
  const std::string escape_sequence = "                  \"x\\e[2J\\ny\": {type: string}\n";
  std::string old_doc = dir.write("old.yaml", object_response_document("1", escape_sequence));
  std::string new_doc = dir.write("new.yaml", object_response_document("1", "                  kept: {type: string}\n"));
  CliRun text = run_cli("diff " + old_doc + " " + new_doc);
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos) << text.out;
  EXPECT_EQ(text.err.find('\x1b'), std::string::npos) << text.err;
  EXPECT_NE(text.err.find("property name 'x\\x1B[2J\\x0Ay' holds a control character"), std::string::npos) << text.err;
}

// The contract users read is the one the code carries.
TEST(DiffRules, TheDocumentedContractIsTheRulesTable) {
  std::string readme = read_file(fs::path(WINK_SOURCE_DIR) / "docs/ci/README.md");
  EXPECT_NE(readme.find(diff::rules_markdown()), std::string::npos)
      << "docs/ci/README.md must contain diff::rules_markdown() verbatim; it is now:\n"
      << diff::rules_markdown();
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

// The SHA-256 specs/wink-specs.json pins for one of Wink's documents ("" when it has none).
std::string pinned_sha256(const std::string& version, const std::string& document) {
  auto pins = nlohmann::json::parse(read_file(fs::path(WINK_SOURCE_DIR) / "specs/wink-specs.json"));
  const auto& docs = pins["versions"][version]["documents"];
  return docs.contains(document) ? docs[document]["sha256"].get<std::string>() : std::string();
}

// The file's SHA-256 as `cmake -E sha256sum` prints it (the same tool the compile tests use).
std::string sha256_of(const fs::path& file) {
  std::string command = std::string("'") + WINK_CMAKE_COMMAND + "' -E sha256sum '" + file.string() + "'";
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe)) out += buffer;
    ::pclose(pipe);
  }
  return out.substr(0, out.find(' '));
}

// Is `property` required by the component `name` of `doc` (its allOf parts included)?
bool required_in(const spec::Document& doc, const spec::Schema* s, const std::string& property, int depth = 0) {
  s = doc.resolve(s);
  if (!s || depth > 16) return false;
  if (s->is_required(property)) return true;
  return std::any_of(s->all_of.begin(), s->all_of.end(),
                     [&](const spec::SchemaPtr& part) { return required_in(doc, part.get(), property, depth + 1); });
}

// Every audience published in both 30.51.2 and 31.4.1, each document pinned by SHA-256: the
// counts by level, and a response property removed is `breaking` exactly when OLD required it
// (an optional one decodes as std::nullopt in OLD's SDK: `source`, for code reading it).
TEST(DiffWink, EveryAudienceOf30_51To31_4) {
  REQUIRE_SHARED("30.51.2");
  REQUIRE_SHARED("31.4.1");
  struct Expected {
    const char* document;
    std::size_t breaking, source, non_breaking, info;
  };
  const Expected expected[] = {
      {"booking-engine", 0, 10, 18, 3}, {"extranet", 5, 28, 86, 15}, {"link-manager", 0, 0, 0, 0},
      {"partner", 9, 9, 13, 91},        {"payment", 0, 9, 19, 1},    {"reference", 0, 0, 0, 0},
      {"settings", 2, 0, 4, 1},         {"social", 0, 0, 0, 0},      {"studio", 3, 68, 1, 0},
      {"travel-agent", 0, 9, 20, 9},    {"user", 0, 9, 19, 1},
  };
  auto start = std::chrono::steady_clock::now();
  std::size_t removed_optional = 0, removed_required = 0;
  for (const auto& e : expected) {
    SCOPED_TRACE(e.document);
    fs::path old_path = kShared / "30.51.2" / (std::string(e.document) + ".json");
    fs::path new_path = kShared / "31.4.1" / (std::string(e.document) + ".json");
    for (const auto& [version, path] : {std::pair{"30.51.2", old_path}, std::pair{"31.4.1", new_path}}) {
      ASSERT_TRUE(fs::exists(path)) << path;
      std::string pin = pinned_sha256(version, e.document);
      ASSERT_FALSE(pin.empty()) << "specs/wink-specs.json pins no " << version << "/" << e.document;
      ASSERT_EQ(sha256_of(path), pin) << path << " is not the pinned document";
    }
    auto a = load_doc(old_path), b = load_doc(new_path);
    ASSERT_TRUE(a->doc && b->doc) << a->diags.to_string() << b->diags.to_string();
    auto r = diff::diff_documents(*a->doc, *b->doc);
    EXPECT_EQ(r.count(diff::Level::Breaking), e.breaking);
    EXPECT_EQ(r.count(diff::Level::Source), e.source);
    EXPECT_EQ(r.count(diff::Level::NonBreaking), e.non_breaking);
    EXPECT_EQ(r.count(diff::Level::Info), e.info);
    for (const auto& c : r.changes) {
      if (c.rule != "response-property-removed") continue;
      ASSERT_TRUE(c.location.is_schema()) << c.location.group() << c.location.pointer;
      const std::string prefix = "/properties/";
      ASSERT_EQ(c.location.pointer.rfind(prefix, 0), 0u) << c.location.pointer;
      std::string property = c.location.pointer.substr(prefix.size());
      const std::string& component = c.location.old_schema.empty() ? c.location.schema : c.location.old_schema;
      bool required = required_in(*a->doc, a->doc->find_schema(component), property);
      EXPECT_EQ(c.level == diff::Level::Breaking, required) << component << c.location.pointer << ": " << c.message;
      ++(required ? removed_required : removed_optional);
    }
  }
  EXPECT_EQ(removed_optional, 59u);
  EXPECT_EQ(removed_required, 6u);
  std::cout << "[ timing ] load + diff of 11 document pairs (with their SHA-256): "
            << std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() << " s\n";
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

// ---- generate and diff judge the same SDK --------------------------------------------------------

// The signature `generate` gives the document's one method, and what `diff` says against `old`.
struct Judged {
  std::string signature;
  std::string result;
  std::vector<std::string> changes;
};

Judged judge(const std::string& old_yaml, const std::string& new_yaml) {
  Judged out;
  auto a = wink::codegen::testing::parse_yaml_doc(old_yaml), b = wink::codegen::testing::parse_yaml_doc(new_yaml);
  if (!a->doc || !b->doc) {
    ADD_FAILURE() << a->diags.to_string() << b->diags.to_string();
    return out;
  }
  auto sdk = ir::build_sdk(*b->doc, {}, b->diags);
  if (!sdk || sdk->apis.size() != 1 || sdk->apis[0].methods.size() != 1) {
    ADD_FAILURE() << "expected one method\n" << b->diags.to_string();
    return out;
  }
  const ir::Method& m = sdk->apis[0].methods[0];
  out.signature = ir::declaration_args(m);
  out.result = m.result.type.cpp();
  for (const auto& c : diff::diff_documents(*a->doc, *b->doc).changes)
    out.changes.push_back(c.rule + ": " + c.message);
  return out;
}

std::string patch_operation(const std::string& request_content, const std::string& response_content) {
  return wink::codegen::testing::openapi("  /things/{id}:\n    patch:\n      operationId: patchThing\n      parameters:\n"
                          "        - {name: id, in: path, required: true, schema: {type: string}}\n"
                          "      requestBody: {required: true, content: {" + request_content + "}}\n"
                          "      responses: {'200': {description: ok, content: {" + response_content + "}}}\n",
                          "  schemas:\n"
                          "    Patch: {type: object, properties: {name: {type: string}}}\n"
                          "    Thing: {type: object, properties: {id: {type: string}}}\n"
                          "    Problem: {type: object, properties: {title: {type: string}}}\n");
}

// The SDK takes application/json over other JSON media types wherever it is listed, so reordered
// `content` keys change neither the C++ signature nor diff's verdict.
TEST(SdkChoices, ReorderedContentKeysChangeNeitherTheSignatureNorTheDiff) {
  const std::string patch = "application/merge-patch+json: {schema: {$ref: '#/components/schemas/Patch'}}";
  const std::string json = "application/json: {schema: {$ref: '#/components/schemas/Thing'}}";
  const std::string problem = "application/problem+json: {schema: {$ref: '#/components/schemas/Problem'}}";
  const std::string forwards = patch_operation(patch + ", " + json, problem + ", " + json);
  const std::string backwards = patch_operation(json + ", " + patch, json + ", " + problem);
  Judged a = judge(forwards, backwards), b = judge(backwards, forwards);
  EXPECT_EQ(a.signature, "const std::string& id, const Thing& body, const wink::CallOptions& options = {}");
  EXPECT_EQ(a.signature, b.signature);
  EXPECT_EQ(a.result, "Thing");
  EXPECT_EQ(b.result, "Thing");
  EXPECT_TRUE(a.changes.empty()) << a.changes.front();
  EXPECT_TRUE(b.changes.empty()) << b.changes.front();
}

std::string post_operation(const std::string& parameters) {
  return wink::codegen::testing::openapi("  /entities/{entityId}/posts/{postId}:\n    get:\n      operationId: showPost\n"
                          "      parameters:\n" + parameters +
                          "      responses: {'204': {description: ok}}\n");
}

// Path parameters are positional in the path template's order, the other required ones follow in
// document order: a reordered `parameters` list cannot swap two std::string arguments.
TEST(SdkChoices, ReorderedPathParametersKeepTheSignatureAndDiffSaysNothing) {
  const std::string entity = "        - {name: entityId, in: path, required: true, schema: {type: string}}\n";
  const std::string post = "        - {name: postId, in: path, required: true, schema: {type: string}}\n";
  const std::string lang = "        - {name: lang, in: query, required: true, schema: {type: string}}\n";
  const std::string page = "        - {name: page, in: query, schema: {type: integer, format: int32}}\n";
  const std::string listed = post_operation(entity + post + lang + page);
  const std::string shuffled = post_operation(page + lang + post + entity);
  Judged a = judge(listed, shuffled), b = judge(shuffled, listed);
  EXPECT_EQ(a.signature,
            "const std::string& entityId, const std::string& postId, const std::string& lang, "
            "const ShowPostParams& params = {}, const wink::CallOptions& options = {}");
  EXPECT_EQ(a.signature, b.signature);
  EXPECT_TRUE(a.changes.empty()) << a.changes.front();
  EXPECT_TRUE(b.changes.empty()) << b.changes.front();

  // Two required query parameters that swap do swap in C++: diff says so.
  const std::string region = "        - {name: region, in: query, required: true, schema: {type: string}}\n";
  Judged swapped = judge(post_operation(entity + post + lang + region), post_operation(entity + post + region + lang));
  EXPECT_EQ(swapped.signature,
            "const std::string& entityId, const std::string& postId, const std::string& region, "
            "const std::string& lang, const wink::CallOptions& options = {}");
  ASSERT_EQ(swapped.changes.size(), 1u);
  EXPECT_EQ(swapped.changes[0].rfind("parameter-order-changed: ", 0), 0u) << swapped.changes[0];
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
