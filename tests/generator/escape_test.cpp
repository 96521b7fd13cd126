// Strings from a document, a scope map or the command line reach generated C++ only escaped for
// their context: whatever they hold, the code around them is the code of a harmless document.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <random>

#include <nlohmann/json.hpp>

#include "emit/render.h"
#include "emit/templates.h"
#include "test_support.h"

namespace wink::codegen {
namespace {

namespace fs = std::filesystem;

// ---- C++ as a compiler sees it -------------------------------------------------------------------

// The kinds of the tokens outside literals and comments, after line splicing (as GCC does it:
// a backslash, blanks, then a line end). Identifiers are `id` (keywords are kept: a name never
// becomes one), literals `str`, numbers `num`; anything a compiler would not accept is `BAD`.
std::vector<std::string> token_kinds(const std::string& source) {
  std::string s;  // phase 2: splices removed
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\\') {
      std::size_t j = i + 1;
      while (j < source.size() && (source[j] == ' ' || source[j] == '\t' || source[j] == '\f' || source[j] == '\v')) ++j;
      if (j < source.size() && (source[j] == '\n' || source[j] == '\r')) {
        if (source[j] == '\r' && j + 1 < source.size() && source[j + 1] == '\n') ++j;
        i = j;
        continue;
      }
    }
    s += source[i];
  }
  static const std::set<std::string> kKeywords = {
      "namespace", "struct", "class", "enum", "using", "template", "inline", "constexpr", "const", "return",
      "if", "else", "switch", "case", "for", "virtual", "public", "protected", "private", "explicit", "static",
      "void", "int", "bool", "auto", "true", "false", "extern", "operator", "typename", "include", "pragma",
      "define", "nullptr", "this", "try", "catch", "throw", "default", "override", "decltype", "noexcept"};
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (s.compare(i, 2, "//") == 0) {
      while (i < s.size() && s[i] != '\n' && s[i] != '\r') ++i;
    } else if (s.compare(i, 2, "/*") == 0) {
      std::size_t end = s.find("*/", i + 2);
      if (end == std::string::npos) return out.push_back("BAD"), out;
      i = end + 2;
    } else if (c == 'R' && i + 1 < s.size() && s[i + 1] == '"') {
      std::size_t open = s.find('(', i + 2);
      if (open == std::string::npos) return out.push_back("BAD"), out;
      std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
      std::size_t end = s.find(close, open);
      if (end == std::string::npos) return out.push_back("BAD"), out;
      out.push_back("str");
      i = end + close.size();
    } else if (c == '"' || c == '\'') {
      std::size_t j = i + 1;
      while (j < s.size() && s[j] != c && s[j] != '\n' && s[j] != '\r') j += s[j] == '\\' ? 2 : 1;
      if (j >= s.size() || s[j] != c) return out.push_back("BAD"), out;
      out.push_back("str");
      i = j + 1;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < s.size() && (ident(s[i]) || s[i] == '.' || s[i] == '\'')) ++i;
      out.push_back("num");
    } else if (ident(c)) {
      std::size_t j = i;
      while (j < s.size() && ident(s[j])) ++j;
      std::string word = s.substr(i, j - i);
      out.push_back(kKeywords.count(word) ? word : "id");
      i = j;
    } else if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F || c == '\\' ||
               c == '`' || c == '$' || c == '@') {
      out.push_back("BAD");
      ++i;
    } else {
      out.push_back(std::string(1, c));
      ++i;
    }
  }
  return out;
}

TEST(Escape, TokenKindsSeeSplicesCommentsAndLiterals) {
  EXPECT_EQ(token_kinds("int a; // x\\\nint b;"), (std::vector<std::string>{"int", "id", ";"}));
  EXPECT_EQ(token_kinds("int a; // x\\ \f\nint b;"), (std::vector<std::string>{"int", "id", ";"}));
  EXPECT_EQ(token_kinds("f(\"a\\\"b\", R\"x(\")x\");"),
            (std::vector<std::string>{"id", "(", "str", ",", "str", ")", ";"}));
  EXPECT_EQ(token_kinds("/* a */ b"), (std::vector<std::string>{"id"}));
}

// ---- generating in-process ----------------------------------------------------------------------

struct Generated {
  Diagnostics diags;
  std::unique_ptr<load::Loader> loader;  // owns the file names the diagnostics point to
  std::vector<emit::OutputFile> files;  // empty when the document was refused
};

const emit::TemplateSet& templates() {
  static const emit::TemplateSet set = [] {
    Diagnostics d;
    return emit::load_templates("", d);
  }();
  return set;
}

std::unique_ptr<Generated> generate(const std::string& json, const std::string& spec_name = "spec.json",
                                   bool conformance = false) {
  auto g = std::make_unique<Generated>();
  g->loader = std::make_unique<load::Loader>(g->diags);
  const load::Node* root = g->loader->load_text(spec_name, json);
  if (!root) return g;
  auto doc = spec::parse_document(*g->loader, *root, g->diags);
  if (!doc || g->diags.has_errors()) return g;
  ir::BuildOptions options;
  options.namespace_name = "acme::api";
  auto sdk = ir::build_sdk(*doc, options, g->diags);
  if (!sdk || g->diags.has_errors()) return g;
  emit::RenderOptions render;
  render.spec_name = spec_name;
  render.jobs = 1;
  std::optional<ir::Conformance> c;
  if (conformance) {
    c = ir::build_conformance(*doc, *sdk);
    render.conformance = &*c;
  }
  g->files = emit::render_sdk(*sdk, templates(), render, g->diags);
  if (g->diags.has_errors()) g->files.clear();
  return g;
}

std::vector<std::string> token_kinds(const std::vector<emit::OutputFile>& files) {
  std::vector<std::string> all;
  for (const auto& f : files) {
    if (f.path == emit::kManifestName) continue;
    all.push_back("FILE");
    auto kinds = token_kinds(f.content);
    all.insert(all.end(), kinds.begin(), kinds.end());
  }
  return all;
}

// The first place two token streams differ, for the failure message.
std::string first_difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t i = 0;
  while (i < a.size() && i < b.size() && a[i] == b[i]) ++i;
  return "at token " + std::to_string(i) + " of " + std::to_string(a.size()) + "/" + std::to_string(b.size()) + ": " +
         (i < a.size() ? a[i] : "<end>") + " vs " + (i < b.size() ? b[i] : "<end>");
}

// ---- a small document with a string in every position ------------------------------------------

// What a position accepts: names refuse control characters, scopes are OAuth scope tokens, paths
// and path parameter names hold no braces.
enum class Slot { kText, kName, kScope, kPathPart };

std::string fit(std::string s, Slot slot) {
  // `bad` judges ASCII bytes; C1 controls (U+0080..U+009F: C2 80..C2 9F) count as code 0x80,
  // and other non-ASCII characters as 0x100, whole.
  auto drop = [&](auto&& bad) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      auto c = static_cast<unsigned char>(s[i]);
      std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
      unsigned code = c < 0x80 ? c : (c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) ? 0x80u : 0x100u;
      if (!bad(code)) out.append(s, i, n);
      i += n;
    }
    s = out;
  };
  auto control = [](unsigned c) { return c < 0x20 || c == 0x7F || c == 0x80u; };
  if (slot == Slot::kName) drop(control);
  if (slot == Slot::kPathPart) drop([&](unsigned c) { return control(c) || c == '{' || c == '}'; });
  if (slot == Slot::kScope)
    drop([](unsigned c) { return c <= 0x20 || c >= 0x7F || c == '"' || c == '\\'; });
  return s;
}

// The document with `value(prefix, slot)` in every string position. Prefixes keep every sorted
// list (files, operations, fields) in the same order whatever follows them.
std::string document(const std::function<std::string(const char*, Slot)>& v) {
  using nlohmann::json;
  // A component name in a $ref: a JSON pointer token (~0, ~1), percent-encoded as a URI fragment.
  auto refname = [](const std::string& name) {
    std::string token;
    for (char c : name) {
      std::string t = c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
      for (char b : t) {
        if (std::isalnum(static_cast<unsigned char>(b)) || b == '~' || b == '_') token += b;
        else {
          char hex[4];
          std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(b));
          token += hex;
        }
      }
    }
    return json{{"$ref", "#/components/schemas/" + token}};
  };
  const std::string thing = v("Ta", Slot::kName), color = v("Tb", Slot::kName), shape = v("Tc", Slot::kName),
                    circle = v("Td", Slot::kName), square = v("Te", Slot::kName);
  const std::string scope = v("s", Slot::kScope), tag = v("g", Slot::kName), dprop = v("kind", Slot::kName);
  const std::string path_param = v("p", Slot::kPathPart);
  json d = {
      {"openapi", "3.1.0"},
      {"info", {{"title", v("t", Slot::kText)}, {"version", v("v", Slot::kText)}, {"description", v("d", Slot::kText)}}},
      {"servers", {{{"url", "https://example.com/" + v("u", Slot::kText)}}}},
      {"tags", {{{"name", tag}, {"description", v("d", Slot::kText)}}}},
      {"security", {{{"oauth", {scope}}}}},
  };
  json get = {
      {"operationId", v("oa", Slot::kName)},
      {"summary", v("s", Slot::kText)},
      {"description", v("d", Slot::kText)},
      {"tags", {tag}},
      {"parameters",
       {{{"name", path_param}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}},
         {"description", v("d", Slot::kText)}},
        {{"name", v("q", Slot::kName)}, {"in", "query"}, {"schema", {{"type", "integer"}}},
         {"description", v("d", Slot::kText)}, {"example", 3}},
        {{"name", v("h", Slot::kName)}, {"in", "header"}, {"required", true}, {"schema", {{"type", "string"}}},
         {"example", v("x", Slot::kText)}},
        {{"name", v("c", Slot::kName)}, {"in", "cookie"}, {"schema", {{"type", "string"}}}}}},
      {"responses",
       {{"200", {{"description", v("d", Slot::kText)}, {"content", {{"application/json", {{"schema", refname(thing)}}}}}}},
        {"404", {{"description", "no"}, {"content", {{"application/json", {{"schema", refname(shape)}}}}}}}}},
  };
  json post = {
      {"operationId", v("ob", Slot::kName)},
      {"tags", {tag}},
      {"requestBody",
       {{"required", true},
        {"content", {{"text/plain; x=" + v("m", Slot::kName), {{"schema", {{"type", "string"}}}}}}}}},
      {"responses",
       {{"200", {{"description", "ok"}, {"content", {{"text/plain; y=" + v("n", Slot::kName), {{"schema", {{"type", "string"}}}}}}}}}}},
  };
  json put = {
      {"operationId", v("oc", Slot::kName)},
      {"tags", {tag}},
      {"requestBody",
       {{"content",
         {{"multipart/form-data",
           {{"schema",
             {{"type", "object"},
              {"properties", {{v("fa", Slot::kName), {{"type", "string"}}},
                              {v("fb", Slot::kName), {{"type", "string"}, {"format", "binary"}}}}}}}}}}}}},
      {"responses", {{"204", {{"description", "none"}}}}},
  };
  d["paths"]["/a" + v("l", Slot::kPathPart) + "/{" + path_param + "}"] = {{"get", get}};
  d["paths"]["/b" + v("l", Slot::kPathPart)] = {{"post", post}, {"put", put}};
  json schemas;
  schemas[thing] = {
      {"type", "object"},
      {"description", v("d", Slot::kText)},
      {"required", {v("pb", Slot::kName)}},
      {"properties",
       {{v("pa", Slot::kName), {{"type", "string"}, {"description", v("d", Slot::kText)}, {"example", v("x", Slot::kText)}}},
        {v("pb", Slot::kName), {{"const", v("k", Slot::kText)}}},
        {v("pc", Slot::kName), refname(color)},
        {v("pd", Slot::kName), {{"type", "object"}, {"title", v("d", Slot::kText)},
                                {"properties", {{v("pe", Slot::kName), {{"type", "boolean"}}}}}}},
        {v("pf", Slot::kName), {{"type", "array"}, {"items", refname(shape)}}}}},
  };
  schemas[color] = {{"type", "string"}, {"enum", {v("ea", Slot::kText), v("eb", Slot::kText)}},
                    {"description", v("d", Slot::kText)}};
  schemas[shape] = {{"oneOf", {refname(circle), refname(square)}},
                    {"discriminator", {{"propertyName", dprop},
                                       {"mapping", {{v("da", Slot::kName), refname(circle)["$ref"]},
                                                    {v("db", Slot::kName), refname(square)["$ref"]}}}}}};
  schemas[circle] = {{"type", "object"}, {"required", {dprop}},
                     {"properties", {{dprop, {{"type", "string"}}}, {v("ra", Slot::kName), {{"type", "number"}}}}}};
  schemas[square] = {{"type", "object"}, {"required", {dprop}},
                     {"properties", {{dprop, {{"type", "string"}}}, {v("rb", Slot::kName), {{"type", "number"}}}}}};
  d["components"]["schemas"] = schemas;
  d["components"]["securitySchemes"]["oauth"] = {
      {"type", "oauth2"},
      {"flows", {{"clientCredentials", {{"tokenUrl", "https://example.com/" + v("w", Slot::kText)},
                                        {"scopes", {{scope, v("d", Slot::kText)}}}}}}}};
  return d.dump();
}

std::string harmless(const char* prefix, Slot) { return std::string(prefix) + "x"; }

// Pieces that break out of a C++ context, or would if not escaped.
const std::vector<std::string>& hostile_pieces() {
  static const std::vector<std::string> pieces = {
      "\"", "\\", "'", "\n", "\r", "\r\n", "\f", "\v", "\t", std::string(1, '\0'), "\x01", "\x1b", "\x7f",
      "\xc2\x85",                                   // NEL
      "\xe2\x80\xa8", "\xe2\x80\xa9",               // line and paragraph separators
      "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x80\x8f",  // bidi: RLO, LRI, RLM
      "*/", "/*", "//", "?\?/", "?\?=", ")\"", ")wink\"", ")wink0\"", "R\"(", "\\\n", "\\\f", "\\ \n",
      "\\u0041", "\\x41", "\\0", "#define x", "#include <x>", "};", "int injected = 1;", "{{marker}}",
      "{{#methods}}", "%s", "$(x)", "`", "\xc3\xa9", "\xf0\x9f\x98\x80", "a", " ", "}", "{", "0", "::", "<", ">"};
  return pieces;
}

std::string hostile_string(std::mt19937& rng) {
  const auto& pieces = hostile_pieces();
  std::uniform_int_distribution<std::size_t> count(1, 6), pick(0, pieces.size() - 1);
  std::string s;
  for (std::size_t n = count(rng); n > 0; --n) s += pieces[pick(rng)];
  return s;
}

// Every position gets its own hostile string.
std::function<std::string(const char*, Slot)> hostile_values(std::mt19937& rng) {
  auto cache = std::make_shared<std::map<std::string, std::string>>();
  auto seed = rng();
  return [cache, seed](const char* prefix, Slot slot) {
    auto [it, fresh] = cache->try_emplace(prefix);
    if (fresh) {
      std::mt19937 local(seed ^ static_cast<unsigned>(std::hash<std::string>{}(prefix)));
      it->second = hostile_string(local);
    }
    return std::string(prefix) + fit(it->second, slot);
  };
}

// ---- defects found by hand -------------------------------------------------------------------------

TEST(Escape, SpecFileNameCannotAddALine) {
  auto plain = generate(document(harmless));
  ASSERT_FALSE(plain->files.empty()) << plain->diags.to_string();
  auto g = generate(document(harmless), "spec\nint injected = 1;\n.json");
  ASSERT_FALSE(g->files.empty()) << g->diags.to_string();
  EXPECT_EQ(token_kinds(g->files), token_kinds(plain->files));
}

TEST(Escape, DescriptionEndingInBackslashAndFormFeedSplicesNothing) {
  auto plain = generate(document(harmless));
  for (const char* ending : {"\\\f", "\\\v", "\\ \t\f", "?\?/", "\\\xe2\x80\xa8"}) {
    auto g = generate(document([&](const char* prefix, Slot slot) {
      return slot == Slot::kText ? std::string(prefix) + ending : harmless(prefix, slot);
    }));
    ASSERT_FALSE(g->files.empty()) << g->diags.to_string();
    EXPECT_EQ(token_kinds(g->files), token_kinds(plain->files)) << "ending " << ::testing::PrintToString(ending);
  }
}

TEST(Escape, ScopeTokensAreLiteralsAndCommentsOnly) {
  auto plain = generate(document(harmless));
  auto g = generate(document([](const char* prefix, Slot slot) {
    return slot == Slot::kScope ? std::string(prefix) + "?\?/*/)wink'" : harmless(prefix, slot);
  }));
  ASSERT_FALSE(g->files.empty()) << g->diags.to_string();
  EXPECT_EQ(token_kinds(g->files), token_kinds(plain->files));
}

// A name with a control character is refused where it is written: NUL would cut a wire name
// short at run time (C strings), the others make names that look alike but differ.
TEST(Escape, ControlCharactersInNamesAreRefusedWhereWritten) {
  for (const char* prefix : {"Ta", "pa", "q", "h", "oa", "g", "kind", "fa", "p"}) {
    for (std::string control : {std::string(1, '\0'), std::string("\x01"), std::string("\n"), std::string("\x7f"),
                                std::string("\xc2\x85")}) {
      auto g = generate(document([&](const char* p, Slot slot) {
        return std::string(p) == prefix ? std::string(p) + control + "x" : harmless(p, slot);
      }));
      EXPECT_TRUE(g->files.empty()) << prefix << " with " << ::testing::PrintToString(control);
      bool located = false;
      for (const auto& d : g->diags.all())
        located = located || (d.severity == Severity::Error && d.location.line > 0 &&
                              d.message.find("control character") != std::string::npos);
      EXPECT_TRUE(located) << prefix << " with " << ::testing::PrintToString(control) << ":\n" << g->diags.to_string();
    }
  }
}

// ---- the property ------------------------------------------------------------------------------

// Writes the SDK into `dir` and compiles every source and header (mocks included) as one
// translation unit with -Werror; returns the compiler's output, empty when it compiled.
std::string compile(const std::vector<emit::OutputFile>& files, const fs::path& dir) {
  fs::remove_all(dir);
  std::string tu;
  for (const auto& f : files) {
    fs::path p = dir / f.path;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << f.content;
    if (p.extension() == ".cpp" || (p.extension() == ".h" && f.path.find("/mocks/") != std::string::npos))
      tu += "#include \"" + p.string() + "\"\n";
  }
  std::ofstream(dir / "all.cpp") << "#include <gmock/gmock.h>\n" << tu;
  std::string log = (dir / "compile.log").string();
  std::string cmd = std::string(WINK_CXX_COMPILER) + " -std=c++17 -fsyntax-only -Wall -Wextra -Wpedantic -Werror -I" +
                    (dir / "include").string() + " -I" WINK_SOURCE_DIR "/runtime/include " + (dir / "all.cpp").string() +
                    " > " + log + " 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream in(log);
  std::string out((std::istreambuf_iterator<char>(in)), {});
  return rc == 0 ? std::string() : out.empty() ? "compiler exit " + std::to_string(rc) : out;
}

TEST(Escape, HostileStringsInEveryPositionChangeNoCodeToken) {
  const unsigned seed = std::getenv("WINK_ESCAPE_SEED") ? static_cast<unsigned>(std::atoi(std::getenv("WINK_ESCAPE_SEED")))
                                                        : 20261206u;
  const int cases = std::getenv("WINK_ESCAPE_CASES") ? std::atoi(std::getenv("WINK_ESCAPE_CASES")) : 2000;
  auto plain = generate(document(harmless), "spec.json", true);
  ASSERT_FALSE(plain->files.empty()) << plain->diags.to_string();
  const auto expected = token_kinds(plain->files);
  std::mt19937 rng(seed);
  int generated = 0;
  std::vector<std::unique_ptr<Generated>> sample;
  for (int i = 0; i < cases; ++i) {
    auto values = hostile_values(rng);
    std::string spec_name = "spec" + fit(hostile_string(rng), Slot::kText) + ".json";
    auto g = generate(document(values), spec_name, true);
    if (g->files.empty()) {  // refused: only ever with a located error
      ASSERT_TRUE(g->diags.has_errors()) << "case " << i << " (seed " << seed << ")";
      for (const auto& d : g->diags.all()) {
        if (d.severity == Severity::Error) {
          EXPECT_GT(d.location.line, 0u) << format(d);
        }
      }
      continue;
    }
    ++generated;
    auto got = token_kinds(g->files);
    ASSERT_EQ(got, expected) << "case " << i << " (seed " << seed << "), " << first_difference(got, expected)
                             << "\ndocument: " << document(values);
    if (sample.size() < 3 && i % 7 == 3) sample.push_back(std::move(g));
  }
  // Refusals are for names with control characters; most cases must generate.
  EXPECT_GT(generated, cases / 2);

  // Compiling is the slow part (seconds each): a few cases, two at a time.
  const fs::path root = fs::path(WINK_BINARY_DIR) / "escape-test";
  std::vector<std::future<std::string>> compiles;
  compiles.push_back(std::async(std::launch::async, [&] { return compile(plain->files, root / "plain"); }));
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const auto* files = &sample[i]->files;
    if (compiles.size() == 2) {
      EXPECT_EQ(compiles.front().get(), "");
      compiles.erase(compiles.begin());
    }
    compiles.push_back(std::async(std::launch::async, [files, &root, i] {
      return compile(*files, root / ("hostile_" + std::to_string(i)));
    }));
  }
  for (auto& c : compiles) EXPECT_EQ(c.get(), "");
}

}  // namespace
}  // namespace wink::codegen
