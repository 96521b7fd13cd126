// The wink-codegen command as users run it: exit codes, diagnostics, output folders.
#include <gtest/gtest.h>

#include <array>
#include <set>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>

namespace {

namespace fs = std::filesystem;
const fs::path kSource = WINK_SOURCE_DIR;
const fs::path kShared = WINK_SHARED_SPECS_DIR;

struct CliRun {
  int exit_code = -1;
  std::string out, err;
  double seconds = 0;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Sanitizer runtimes reserve terabytes of address space: an address-space limit cannot apply there.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// `prefix` runs the generator under a command such as `prlimit ...`.
CliRun run(const std::string& args, const std::string& prefix = "") {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("wink-cli-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path out = dir / ("out" + std::to_string(counter)), err = dir / ("err" + std::to_string(counter++));
  auto start = std::chrono::steady_clock::now();
  std::string cmd = std::string("timeout 60 ") + prefix + WINK_CODEGEN_EXE + " " + args + " >" + out.string() + " 2>" + err.string();
  int status = std::system(cmd.c_str());
  CliRun r;
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

// A snapshot of a folder: relative path -> content.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = slurp(e.path());
  return out;
}

TEST(Cli, UsageErrorsExitTwoAndHelpOnEveryCommand) {
  EXPECT_EQ(run("").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
  EXPECT_EQ(run("generate --spec x.yaml").exit_code, 2);
  EXPECT_EQ(run("generate --bogus").exit_code, 2);
  EXPECT_EQ(run("scopes --spec x --format xml").exit_code, 2);
  for (const char* cmd : {"generate", "scopes"}) {
    CliRun help = run(std::string(cmd) + " --help");
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("--spec"), std::string::npos);
    CliRun version = run(std::string(cmd) + " --version");
    EXPECT_EQ(version.exit_code, 0);
    EXPECT_NE(version.out.find("wink-codegen "), std::string::npos);
  }
  EXPECT_EQ(run("generate --spec a --out b --namespace 'not a ns'").exit_code, 2);
  // Namespaces that would not compile or would clash with the language, the standard library or
  // the runtime.
  for (const char* ns : {"class", "acme::int", "std", "std::sdk", "nlohmann::sdk", "wink", "wink::json", "wink::detail",
                         "wink::Client", "wink::dump", "a__b", "_acme", "acme::_X", "acme::", "::acme", "acme::mocks",
                         "errno", "acme::NULL"}) {
    CliRun r = run(std::string("generate --spec a --out b --namespace '") + ns + "'");
    EXPECT_EQ(r.exit_code, 2) << ns;
    EXPECT_NE(r.err.find("--namespace"), std::string::npos) << ns << ": " << r.err;
  }
  EXPECT_EQ(run("generate --spec a --out b --jobs 257").exit_code, 2);
  EXPECT_EQ(run("generate --spec a --out b --jobs many").exit_code, 2);
}

// Every document in tests/specs/negative fails with exit 1, the located diagnostics its
// `<file>.expected` lists (one substring per line), within 5 s of CPU time and 1 GiB of address space
// (enforced with prlimit: a case over either limit is killed), and leaves an existing output folder as it was.
TEST(Cli, NegativeCorpusFailsWithLocatedDiagnostics) {
  fs::path corpus = kSource / "tests/specs/negative";
  fs::path out = fs::temp_directory_path() / ("wink-neg-out-" + std::to_string(::getpid()));
  fs::create_directories(out / "include");
  std::ofstream(out / "include/keep.h") << "// user file\n";
  std::ofstream(out / "wink-sdk-files.txt") << "include/keep.h\n";
  auto before = snapshot(out);
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(corpus)) {
    fs::path doc = entry.path();
    if (doc.extension() == ".expected" || doc.extension() == ".md" || entry.is_directory()) continue;
    fs::path expected = doc.string() + ".expected";
    SCOPED_TRACE(doc.filename().string());
    ASSERT_TRUE(fs::exists(expected)) << "missing " << expected;
    CliRun r = run("generate --spec " + q(doc) + " --out " + q(out),
                   kSanitized ? "prlimit --cpu=5 " : "prlimit --cpu=5 --as=1073741824 ");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.err.find("out of memory"), std::string::npos) << r.err;
    EXPECT_LT(r.seconds, 5.0);
    std::istringstream lines(slurp(expected));
    for (std::string line; std::getline(lines, line);) {
      if (!line.empty()) {
        EXPECT_NE(r.err.find(line), std::string::npos) << "expected '" << line << "' in:\n" << r.err;
      }
    }
    EXPECT_EQ(snapshot(out), before);
    ++checked;
  }
  fs::remove_all(out);
  EXPECT_GE(checked, 30);
}

// tests/golden/<name> is what tests/specs/positive/<name>.* generates, byte for byte.
// Regenerate with tests/update-golden.sh.
TEST(Cli, GoldenFilesMatchThePositiveCorpus) {
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "tests/specs/positive")) {
    fs::path doc = entry.path();
    if (!entry.is_regular_file() || (doc.extension() != ".yaml" && doc.extension() != ".json")) continue;
    std::string name = doc.stem().string();
    SCOPED_TRACE(name);
    CliRun r = run("generate --check --spec " + q(doc) + " --namespace golden::" + name + " --out " +
                q(kSource / "tests/golden" / name));
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err << "\nrun tests/update-golden.sh if the change is intended";
    ++checked;
  }
  EXPECT_GE(checked, 6);
}

TEST(Cli, CommittedGeneratedSdkIsNotStale) {
  CliRun r = run("generate --check --spec " + q(kSource / "specs/wink-supplier.yaml") + " --scopes " +
              q(kSource / "specs/wink-scopes.yaml") + " --namespace wink::supplier --out " + q(kSource / "generated"));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err << "\nrun tests/update-golden.sh to refresh generated/";
}

TEST(Cli, CheckReportsDifferencesWithoutWriting) {
  fs::path out = fs::temp_directory_path() / ("wink-check-" + std::to_string(::getpid()));
  fs::remove_all(out);
  std::string spec = q(kSource / "specs/wink-supplier.yaml");
  CliRun check = run("generate --check --spec " + spec + " --out " + q(out));
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_NE(check.out.find("(missing)"), std::string::npos);
  EXPECT_FALSE(fs::exists(out));
  ASSERT_EQ(run("generate --spec " + spec + " --out " + q(out)).exit_code, 0);
  auto first = snapshot(out);
  auto stamp = fs::last_write_time(out / "wink-sdk-files.txt");
  CliRun again = run("generate --spec " + spec + " --out " + q(out));
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.err.find(" 0 written"), std::string::npos) << again.err;
  EXPECT_EQ(fs::last_write_time(out / "wink-sdk-files.txt"), stamp);
  EXPECT_EQ(snapshot(out), first);
  EXPECT_EQ(run("generate --check --spec " + spec + " --out " + q(out)).exit_code, 0);
  fs::remove_all(out);
}

// A broken template is an error found while rendering: nothing may be written.
TEST(Cli, ABrokenTemplateOverrideWritesNothing) {
  fs::path dir = fs::temp_directory_path() / ("wink-broken-template-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "templates");
  fs::create_directories(dir / "out");
  std::ofstream(dir / "templates/model.h.mustache") << "{{#fields}} never closed\n";
  std::ofstream(dir / "out/keep.h") << "// user file\n";
  CliRun r = run("generate --spec " + q(kSource / "specs/wink-supplier.yaml") + " --templates " + q(dir / "templates") +
                 " --out " + q(dir / "out"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("model.h.mustache:1:1: error: section 'fields' is not closed"), std::string::npos) << r.err;
  std::set<std::string> left;
  for (const auto& e : fs::recursive_directory_iterator(dir / "out")) left.insert(fs::relative(e.path(), dir / "out").string());
  EXPECT_EQ(left, std::set<std::string>{"keep.h"});
  EXPECT_EQ(slurp(dir / "out/keep.h"), "// user file\n");
  fs::remove_all(dir);
}

// A template override is checked against the built-in template it replaces: partials, delimiter
// changes, names the built-in does not use and unpaired sections are errors located in the file.
TEST(Cli, TemplateOverrideErrorsNameTheFileLineAndColumn) {
  fs::path dir = fs::temp_directory_path() / ("wink-template-checks-" + std::to_string(::getpid()));
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"// x\n  {{> header}}\n", "model.h.mustache:2:3: error: Mustache partials"},
      {"// x\n{{namespace}} {{no_such_name}}\n", "model.h.mustache:2:15: error: unknown template variable 'no_such_name'"},
      {"{{=<% %>=}}\n", "model.h.mustache:1:1: error: changing the Mustache delimiters"},
      {"a\n\n   {{/models}}\n", "model.h.mustache:3:4: error: '{{/models}}' closes no open section"},
      {"a {{namespace\n", "model.h.mustache:1:3: error: template tag '{{' is not closed"},
  };
  for (const auto& [text, expected] : cases) {
    SCOPED_TRACE(text);
    fs::remove_all(dir);
    fs::create_directories(dir / "templates");
    std::ofstream(dir / "templates/model.h.mustache") << text;
    CliRun r = run("generate --spec " + q(kSource / "tests/specs/positive/minimal.yaml") + " --templates " +
                   q(dir / "templates") + " --out " + q(dir / "out"));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find((dir / "templates").string() + "/" + expected), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "out"));
  }
  fs::remove_all(dir);
}

// Only regular files are read: a device, a FIFO or a folder given as --spec or --scopes is
// refused at once (a FIFO would otherwise wait for a writer forever).
TEST(Cli, InputsThatAreNotRegularFilesAreRefusedAtOnce) {
  const fs::path dir = fs::temp_directory_path() / ("wink-inputs-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  ASSERT_EQ(std::system(("mkfifo " + q(dir / "fifo.yaml")).c_str()), 0);
  const std::string spec = q(kSource / "tests/specs/positive/minimal.yaml");
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"--spec /dev/zero", "it is not a regular file"},
      {"--spec " + q(dir / "fifo.yaml"), "it is not a regular file"},
      {"--spec " + q(dir), "it is a directory"},
      {"--spec " + spec + " --scopes /dev/zero", "it is not a regular file"},
      {"--spec " + spec + " --scopes " + q(dir / "fifo.yaml"), "it is not a regular file"},
  };
  for (const auto& [args, why] : cases) {
    SCOPED_TRACE(args);
    CliRun r = run("generate " + args + " --out " + q(dir / "out"));
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_NE(r.err.find(": error: cannot read '"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(why), std::string::npos) << r.err;
    EXPECT_LT(r.seconds, 5.0);
    EXPECT_FALSE(fs::exists(dir / "out"));
  }
  fs::remove_all(dir);
}

// File $refs stay inside the document's folder unless --allow-ref-root names another one.
TEST(Cli, AllowRefRootWidensWhereRefsMayLead) {
  const fs::path dir = fs::temp_directory_path() / ("wink-ref-root-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "api");
  fs::create_directories(dir / "shared");
  std::ofstream(dir / "shared/schemas.yaml") << "Pong: {type: string}\n";
  std::ofstream(dir / "api/root.yaml")
      << "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths:\n  /ping:\n    get:\n      operationId: ping\n"
         "      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n"
         "              schema: {$ref: '../shared/schemas.yaml#/Pong'}\n";
  const std::string base = "generate --spec " + q(dir / "api/root.yaml") + " --out " + q(dir / "out");
  CliRun refused = run(base);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("root.yaml:12:"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("error: $ref '../shared/schemas.yaml#/Pong' leads outside the folder"), std::string::npos)
      << refused.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
  CliRun allowed = run(base + " --allow-ref-root " + q(dir / "shared"));
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_TRUE(fs::exists(dir / "out/wink-sdk-files.txt"));
  fs::remove_all(dir);
}

// Output never follows a symbolic link out of --out, and says so.
TEST(Cli, OutputNeverFollowsALinkOutOfTheOutputFolder) {
  const fs::path dir = fs::temp_directory_path() / ("wink-out-link-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "out");
  fs::create_directories(dir / "elsewhere");
  fs::create_directory_symlink(dir / "elsewhere", dir / "out/include");
  CliRun r = run("generate --spec " + q(kSource / "tests/specs/positive/minimal.yaml") + " --out " + q(dir / "out"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("include' is a symbolic link"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::is_empty(dir / "elsewhere"));
  EXPECT_FALSE(fs::exists(dir / "out/wink-sdk-files.txt"));
  fs::remove_all(dir);
}

// Output errors say why: here an output folder that is a file.
TEST(Cli, OutputErrorsSayWhy) {
  const fs::path dir = fs::temp_directory_path() / ("wink-out-file-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "out") << "not a folder";
  CliRun r = run("generate --spec " + q(kSource / "tests/specs/positive/minimal.yaml") + " --out " + q(dir / "out"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("wink-codegen: error: the output folder '" + (dir / "out").generic_string() + "' is not a folder"),
            std::string::npos)
      << r.err;
  fs::remove_all(dir);
}

// A document within every size limit may still need more memory than a ulimit allows: the
// command says "out of memory" and exits 1, without a crash, an internal error or output.
TEST(Cli, OutOfMemoryIsReportedAsSuch) {
  if (kSanitized) GTEST_SKIP() << "address-space limits do not apply under sanitizers";
  const fs::path dir = fs::temp_directory_path() / ("wink-oom-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // 10^3 aliases of a 100 kB string, twice: 200 MB of text once expanded, under the 256 MiB budget
  // (which counts the anchored levels once more: 211 MB).
  std::string doc = "openapi: 3.1.0\ninfo: {title: T, version: '1'}\npaths: {}\nx-big:\n  a: &a " +
                    std::string(100'000, 'x') + "\n";
  doc += "  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n";
  doc += "  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n  e: [*d]\n";
  std::ofstream(dir / "big.yaml") << doc;
  CliRun r = run("generate --spec " + q(dir / "big.yaml") + " --out " + q(dir / "out"), "prlimit --as=157286400 ");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("wink-codegen: error: out of memory"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out"));
  fs::remove_all(dir);
}

TEST(Cli, EmitConformanceAddsAProgramCallingEveryOperation) {
  fs::path out = fs::temp_directory_path() / ("wink-conformance-" + std::to_string(::getpid()));
  fs::remove_all(out);
  std::string spec = q(kSource / "specs/wink-supplier.yaml");
  CliRun plain = run("generate --list-outputs --spec " + spec + " --out " + q(out));
  EXPECT_EQ(plain.out.find("src/conformance/main.cpp"), std::string::npos);
  CliRun listed = run("generate --emit-conformance --list-outputs --spec " + spec + " --out " + q(out));
  EXPECT_NE(listed.out.find("src/conformance/main.cpp"), std::string::npos) << listed.out;
  ASSERT_EQ(run("generate --emit-conformance --spec " + spec + " --out " + q(out)).exit_code, 0);
  std::string program = slurp(out / "src/conformance/main.cpp");
  // One call per operation of the document (17), each naming its operationId.
  std::size_t calls = 0;
  for (std::size_t at = program.find("    run(\""); at != std::string::npos; at = program.find("    run(\"", at + 1)) ++calls;
  EXPECT_EQ(calls, 17u);
  EXPECT_NE(program.find("run(\"export-bookings-csv\", \"GET\""), std::string::npos);
  EXPECT_NE(program.find("return run.finish(17);"), std::string::npos);
  // Arguments: the parameter's example when it fits its schema (year: 2026, within 2000..2100),
  // the example of a $ref'd parameter (hotel-alba).
  EXPECT_NE(program.find("value<std::int32_t>(R\"wink(2026)wink\")"), std::string::npos);
  EXPECT_NE(program.find("R\"wink(\"hotel-alba\")wink\""), std::string::npos);
  fs::remove_all(out);
}

TEST(Cli, ScopesCommandListsEveryOperationAndTheMinimalSet) {
  std::string base = "scopes --spec " + q(kSource / "specs/wink-supplier.yaml") + " --scopes " +
                     q(kSource / "specs/wink-scopes.yaml");
  CliRun json = run(base + " --format json");
  ASSERT_EQ(json.exit_code, 0) << json.err;
  auto all = nlohmann::json::parse(json.out);
  ASSERT_TRUE(all.is_array());
  ASSERT_GE(all.size(), 10u);
  for (const auto& op : all) {
    EXPECT_TRUE(op.contains("operationId") && op.contains("method") && op.contains("path"));
    EXPECT_FALSE(op["scopes"].empty()) << op.dump();
  }
  std::string first = all[0]["operationId"], second = all[1]["operationId"];
  CliRun minimal = run(base + " --operations " + first + "," + second);
  ASSERT_EQ(minimal.exit_code, 0) << minimal.err;
  std::set<std::string> want;
  for (int i : {0, 1})
    for (const auto& s : all[i]["scopes"]) want.insert(s.get<std::string>());
  std::string expected;
  for (const auto& s : want) expected += (expected.empty() ? "" : " ") + s;
  EXPECT_EQ(minimal.out, expected + "\n");
  EXPECT_EQ(run(base + " --operations noSuchOperation").exit_code, 1);
}

TEST(Cli, EveryOperationOfTheSupplierDocumentGetsAScope) {
  fs::path doc = kShared / "30.49.0/supplier.json";
  if (!fs::exists(doc)) GTEST_SKIP() << "Wink's documents are absent: " << doc;
  CliRun r = run("scopes --format json --spec " + q(doc) + " --scopes " + q(kSource / "specs/wink-scopes.yaml"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto all = nlohmann::json::parse(r.out);
  EXPECT_EQ(all.size(), 211u);
  for (const auto& op : all) EXPECT_FALSE(op["scopes"].empty()) << op.dump();
  EXPECT_EQ(r.err.find("has no scope"), std::string::npos) << r.err;
  // Descriptions that disagree with the derived scope are reported.
  EXPECT_NE(r.err.find("description says"), std::string::npos);
}

}  // namespace
