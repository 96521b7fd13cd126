// Tests for the LOAD stage: JSON/YAML parsing into located Nodes, limits, and $ref resolution.

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <cstdlib>
#include <string>
#include <vector>

#include "load/loader.h"
#include "load/text_support.h"

#ifndef WINK_SHARED_SPECS_DIR
#define WINK_SHARED_SPECS_DIR WINK_SOURCE_DIR "/../shared/specs/wink"
#endif

namespace wink::codegen::load {
namespace {

namespace fs = std::filesystem;

const std::string kJsonFile = "test.json";
const std::string kYamlFile = "test.yaml";
const std::string kInputs = WINK_SOURCE_DIR "/tests/generator/load_inputs";

std::unique_ptr<Node> json(std::string_view text, Diagnostics& diags, LoadLimits limits = {}) {
  return parse_json(text, &kJsonFile, diags, limits);
}
std::unique_ptr<Node> yaml(std::string_view text, Diagnostics& diags, LoadLimits limits = {}) {
  return parse_yaml(text, &kYamlFile, diags, limits);
}

// "line:col" of a node, for compact assertions.
std::string pos(const Node* node) {
  if (!node) return "<null node>";
  return std::to_string(node->location.line) + ":" + std::to_string(node->location.column);
}
std::string pos(const Diagnostic& d) {
  return std::to_string(d.location.line) + ":" + std::to_string(d.location.column);
}

const Node* at(const Node& root, std::string_view pointer) { return walk_pointer(root, pointer); }

// ---------------------------------------------------------------------------------------------
// JSON

TEST(LoadJson, NodesKnowTheLineAndColumnWhereTheyStart) {
  Diagnostics diags;
  const std::string text =
      "{\n"
      "  \"name\": \"Rex\",\n"
      "  \"tags\": [1, 2.5, true, null],\n"
      "  \"nested\": {\"q\\\"uote\": \"x\"},\n"
      "  \"\xC3\xA9\": -12\n"
      "}\n";
  auto root = json(text, diags);
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(pos(root.get()), "1:1");
  EXPECT_EQ(pos(at(*root, "/name")), "2:11");
  EXPECT_EQ(pos(at(*root, "/tags")), "3:11");
  EXPECT_EQ(pos(at(*root, "/tags/0")), "3:12");  // number followed by ',' (lexer look-ahead)
  EXPECT_EQ(pos(at(*root, "/tags/1")), "3:15");
  EXPECT_EQ(pos(at(*root, "/tags/2")), "3:20");
  EXPECT_EQ(pos(at(*root, "/tags/3")), "3:26");
  EXPECT_EQ(pos(at(*root, "/nested")), "4:13");
  EXPECT_EQ(pos(at(*root, "/nested/q\"uote")), "4:25");  // key with an escaped quote before it
  // Columns count code points: "é" is two bytes but one column.
  EXPECT_EQ(pos(at(*root, "/\xC3\xA9")), "5:8");
  EXPECT_EQ(root->location.file, &kJsonFile);
}

TEST(LoadJson, NumberAtEndOfInputAndAfterCrLf) {
  Diagnostics diags;
  auto n = json("\r\n  [7,\r\n 123]", diags);
  ASSERT_TRUE(n) << diags.to_string();
  EXPECT_EQ(pos(n.get()), "2:3");
  EXPECT_EQ(pos(at(*n, "/1")), "3:2");
}

// Old Mac line ends: a lone CR ends a line for JSON and YAML alike (YAML 1.2 §5.4).
TEST(LoadJson, CrOnlyLineEndsCountLines) {
  Diagnostics diags;
  auto n = json("{\r  \"a\": [7,\r 123],\r\r  \"b\": true}", diags);
  ASSERT_TRUE(n) << diags.to_string();
  EXPECT_EQ(pos(at(*n, "/a/1")), "3:2");
  EXPECT_EQ(pos(at(*n, "/b")), "5:8");
  Diagnostics bad;
  EXPECT_FALSE(json("{\r\r  \"a\": 1,\r  x}", bad));
  ASSERT_EQ(bad.error_count(), 1u);
  EXPECT_EQ(pos(bad.all()[0]), "4:3");
}

TEST(LoadJson, ScalarTyping) {
  Diagnostics diags;
  auto root = json(
      R"({"i": -42, "u": 9223372036854775807, "big": 9223372036854775808, "huge": 18446744073709551616,
          "neg": -9223372036854775809, "f": 1.50E+2, "t": true, "fa": false, "n": null, "s": "a\u00e9\n"})",
      diags);
  ASSERT_TRUE(root) << diags.to_string();
  const Node* i = root->find("i");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->kind, Node::Kind::Integer);
  EXPECT_EQ(i->integer, -42);
  EXPECT_EQ(i->text, "-42");
  EXPECT_EQ(root->find("u")->kind, Node::Kind::Integer);
  EXPECT_EQ(root->find("u")->integer, INT64_MAX);
  // Integers that do not fit int64 become Number, keeping the literal.
  EXPECT_EQ(root->find("big")->kind, Node::Kind::Number);
  EXPECT_EQ(root->find("big")->text, "9223372036854775808");
  EXPECT_DOUBLE_EQ(root->find("big")->number, 9223372036854775808.0);
  EXPECT_EQ(root->find("huge")->kind, Node::Kind::Number);
  EXPECT_EQ(root->find("huge")->text, "18446744073709551616");
  EXPECT_EQ(root->find("neg")->kind, Node::Kind::Number);
  EXPECT_EQ(root->find("f")->kind, Node::Kind::Number);
  EXPECT_DOUBLE_EQ(root->find("f")->number, 150.0);
  EXPECT_EQ(root->find("f")->text, "1.50E+2");
  EXPECT_TRUE(root->find("t")->is_bool());
  EXPECT_TRUE(root->find("t")->boolean);
  EXPECT_FALSE(root->find("fa")->boolean);
  EXPECT_TRUE(root->find("n")->is_null());
  EXPECT_EQ(root->find("s")->text, "a\xC3\xA9\n");
  EXPECT_EQ(root->find("missing"), nullptr);
  EXPECT_EQ(root->find("s")->find("x"), nullptr);  // find() on a non-object
}

TEST(LoadJson, MembersKeepDocumentOrder) {
  Diagnostics diags;
  auto root = json(R"({"zeta": 1, "alpha": 2, "mid": 3})", diags);
  ASSERT_TRUE(root);
  ASSERT_EQ(root->members.size(), 3u);
  EXPECT_EQ(root->members[0].first, "zeta");
  EXPECT_EQ(root->members[1].first, "alpha");
  EXPECT_EQ(root->members[2].first, "mid");
}

TEST(LoadJson, DuplicateKeysAreReportedAtTheSecondOccurrence) {
  Diagnostics diags;
  auto root = json("{\n  \"a\": 1,\n  \"b\": 2,\n  \"a\": 3,\n  \"b\": {\"x\": 1}\n}", diags);
  ASSERT_EQ(diags.error_count(), 2u) << diags.to_string();
  EXPECT_EQ(pos(diags.all()[0]), "4:3");
  EXPECT_NE(diags.all()[0].message.find("duplicate key 'a'"), std::string::npos);
  EXPECT_NE(diags.all()[0].message.find("line 2, column 3"), std::string::npos) << diags.all()[0].message;
  EXPECT_EQ(pos(diags.all()[1]), "5:3");
  // Parsing went on; the first value is kept.
  ASSERT_TRUE(root);
  EXPECT_EQ(root->members.size(), 2u);
  EXPECT_EQ(root->find("a")->integer, 1);
  EXPECT_EQ(root->find("b")->integer, 2);
}

TEST(LoadJson, DuplicateKeysInLargeObjects) {
  std::string text = "{";
  for (int i = 0; i < 100; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  text += "\"k57\": 0}";
  Diagnostics diags;
  auto root = json(text, diags);
  ASSERT_EQ(diags.error_count(), 1u) << diags.to_string();
  EXPECT_NE(diags.all()[0].message.find("duplicate key 'k57'"), std::string::npos);
  EXPECT_EQ(root->find("k57")->integer, 57);
}

TEST(LoadJson, SyntaxErrorsAreLocatedAndReadable) {
  {
    Diagnostics diags;
    EXPECT_FALSE(json("{\n  \"a\": 1\n", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(pos(diags.all()[0]), "3:1");
    EXPECT_EQ(diags.all()[0].message, "invalid JSON: unexpected end of input; expected '}'");
    EXPECT_EQ(format(diags.all()[0]), "test.json:3:1: error: invalid JSON: unexpected end of input; expected '}'");
  }
  {
    Diagnostics diags;
    EXPECT_FALSE(json("{\"a\" 1}", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(pos(diags.all()[0]), "1:6");
    EXPECT_NE(diags.all()[0].message.find("expected ':'"), std::string::npos) << diags.all()[0].message;
  }
  {
    Diagnostics diags;
    EXPECT_FALSE(json("[1,\n  tru]", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(pos(diags.all()[0]), "2:3");  // start of the bad literal
    EXPECT_NE(diags.all()[0].message.find("invalid literal"), std::string::npos) << diags.all()[0].message;
  }
  {
    Diagnostics diags;
    EXPECT_FALSE(json("{}\n  x", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(pos(diags.all()[0]), "2:3");
    EXPECT_NE(diags.all()[0].message.find("expected end of input"), std::string::npos) << diags.all()[0].message;
  }
  {
    Diagnostics diags;
    EXPECT_FALSE(json("{\"a\": [1, 2,]}", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(pos(diags.all()[0]), "1:13");
  }
}

// nlohmann's "[json.exception.<kind>.<id>]" never reaches the user.
TEST(LoadJson, NoLibraryExceptionText) {
  for (std::string_view text : {"[1e999]", "{\"a\": \"\\ud800\"}", "{\"a\": tru}", "[\"\x01\"]", "[1,"}) {
    Diagnostics diags;
    EXPECT_FALSE(json(text, diags)) << text;
    ASSERT_EQ(diags.error_count(), 1u) << text;
    EXPECT_EQ(diags.all()[0].message.find("json.exception"), std::string::npos) << diags.all()[0].message;
    EXPECT_EQ(diags.all()[0].message.find("[json"), std::string::npos) << diags.all()[0].message;
  }
}

TEST(LoadJson, EmptyDocument) {
  for (std::string_view text : {"", "   \n\t\r\n"}) {
    Diagnostics diags;
    EXPECT_FALSE(json(text, diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(diags.all()[0].message, "empty document");
    EXPECT_EQ(pos(diags.all()[0]), "1:1");
  }
}

TEST(LoadJson, InvalidUtf8IsALocatedError) {
  Diagnostics diags;
  EXPECT_FALSE(json("{\n  \"a\": \"ok \xC3\x28\"\n}", diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(pos(diags.all()[0]), "2:12");
  EXPECT_NE(diags.all()[0].message.find("not valid UTF-8"), std::string::npos);
  // Overlong encoding and lone surrogate.
  Diagnostics d2;
  EXPECT_FALSE(json("[\"\xC0\xAF\"]", d2));
  EXPECT_EQ(pos(d2.all().at(0)), "1:3");
  Diagnostics d3;
  EXPECT_FALSE(json("[\"\xED\xA0\x80\"]", d3));
  EXPECT_TRUE(d3.has_errors());
  // UTF-16 is refused up front.
  Diagnostics d4;
  EXPECT_FALSE(json(std::string_view("\xFF\xFE{\0}\0", 6), d4));
  EXPECT_NE(d4.all().at(0).message.find("UTF-16"), std::string::npos);
  // A UTF-8 byte order mark is fine and does not shift columns.
  Diagnostics d5;
  auto bom = json("\xEF\xBB\xBF{\"a\": 1}", d5);
  ASSERT_TRUE(bom) << d5.to_string();
  EXPECT_EQ(pos(at(*bom, "/a")), "1:7");
}

TEST(LoadJson, DepthLimitStopsHugeNesting) {
  const std::string text = std::string(100000, '[') + std::string(100000, ']');
  Diagnostics diags;
  EXPECT_FALSE(json(text, diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(pos(diags.all()[0]), "1:513");  // the 513th '[' with the default max_depth 512
  EXPECT_NE(diags.all()[0].message.find("too deep"), std::string::npos);

  // Exactly at the limit is fine.
  Diagnostics ok;
  LoadLimits limits;
  limits.max_depth = 10;
  EXPECT_TRUE(json(std::string(10, '[') + std::string(10, ']'), ok, limits)) << ok.to_string();
  EXPECT_FALSE(json(std::string(11, '[') + std::string(11, ']'), ok, limits));
}

TEST(LoadJson, NodeLimit) {
  Diagnostics diags;
  LoadLimits limits;
  limits.max_nodes = 5;
  EXPECT_FALSE(json("[1,2,3,4,5]", diags, limits));
  EXPECT_NE(diags.to_string().find("more than 5 nodes"), std::string::npos) << diags.to_string();
}

// ---------------------------------------------------------------------------------------------
// YAML

TEST(LoadYaml, NodesKnowTheLineAndColumnWhereTheyStart) {
  Diagnostics diags;
  auto root = yaml(
      "openapi: 3.1.0\n"
      "info:\n"
      "  title: \"Quoted\"\n"
      "  version: 1.0\n"
      "list:\n"
      "  - first\n"
      "  - key: value\n"
      "    other: 2\n"
      "flow: {a: 1, b: [x, y]}\n"
      "k\xC3\xA9: \xC3\xBC\n",
      diags);
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(pos(root.get()), "1:1");
  EXPECT_EQ(pos(at(*root, "/openapi")), "1:10");
  EXPECT_EQ(pos(at(*root, "/info")), "3:3");
  EXPECT_EQ(pos(at(*root, "/info/title")), "3:10");
  EXPECT_EQ(pos(at(*root, "/info/version")), "4:12");
  EXPECT_EQ(pos(at(*root, "/list")), "6:3");
  EXPECT_EQ(pos(at(*root, "/list/0")), "6:5");
  EXPECT_EQ(pos(at(*root, "/list/1")), "7:5");
  EXPECT_EQ(pos(at(*root, "/list/1/key")), "7:10");
  EXPECT_EQ(pos(at(*root, "/list/1/other")), "8:12");
  EXPECT_EQ(pos(at(*root, "/flow")), "9:7");
  EXPECT_EQ(pos(at(*root, "/flow/a")), "9:11");
  EXPECT_EQ(pos(at(*root, "/flow/b")), "9:17");
  EXPECT_EQ(pos(at(*root, "/flow/b/0")), "9:18");
  EXPECT_EQ(pos(at(*root, "/k\xC3\xA9")), "10:5");  // code-point columns
  EXPECT_EQ(root->location.file, &kYamlFile);
}

TEST(LoadYaml, CrOnlyLineEndsCountLines) {
  Diagnostics diags;
  auto root = yaml("a: 1\rb:\r  - x\r  - y\rc: {d: 2}\r", diags);
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_EQ(to_json_text(*root), R"({"a":1,"b":["x","y"],"c":{"d":2}})");
  EXPECT_EQ(pos(at(*root, "/b/1")), "4:5");
  EXPECT_EQ(pos(at(*root, "/c/d")), "5:8");
  Diagnostics bad;
  EXPECT_FALSE(yaml("a: 1\rb: c: d\r", bad));
  ASSERT_EQ(bad.error_count(), 1u);
  EXPECT_EQ(pos(bad.all()[0]), "2:5");
}

// yaml-cpp's merge keys are not expanded by yaml-cpp's event parser; a `<<` member would
// silently become a property named "<<".
TEST(LoadYaml, MergeKeysAreRefusedWithALocation) {
  Diagnostics diags;
  EXPECT_FALSE(yaml("base: &b {type: string}\nnamed:\n  <<: *b\n  maxLength: 3\n", diags));
  ASSERT_EQ(diags.error_count(), 1u) << diags.to_string();
  EXPECT_EQ(pos(diags.all()[0]), "3:3");
  EXPECT_NE(diags.all()[0].message.find("merge key"), std::string::npos) << diags.all()[0].message;
  Diagnostics quoted;  // a quoted "<<" is an ordinary key
  EXPECT_TRUE(yaml("named:\n  \"<<\": 1\n", quoted)) << quoted.to_string();
}

// yaml-cpp's messages ("end of map not found") are reworded: the user sees our wording only.
TEST(LoadYaml, SyntaxErrorsUseOurOwnWording) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a: 1\nb: c: d\n", "illegal map value"},
      {"a:\n  - 1\n  b: 2\n", "end of map not found"},
      {"a: [1, 2\n", "end of sequence flow not found"},
      {"a: \"x", "illegal EOF in scalar"},
      {"a: *nowhere\n", "the referenced anchor is not defined"},
  };
  for (const auto& [text, yaml_cpp_message] : cases) {
    Diagnostics diags;
    EXPECT_FALSE(yaml(text, diags));
    ASSERT_EQ(diags.error_count(), 1u) << text;
    const std::string& message = diags.all()[0].message;
    EXPECT_EQ(message.find(yaml_cpp_message), std::string::npos) << message;
    EXPECT_EQ(message.rfind("invalid YAML: ", 0), 0u) << message;
  }
}

TEST(LoadYaml, PlainScalarsResolveWithTheCoreSchema) {
  Diagnostics diags;
  auto root = yaml(
      "n1: ~\nn2: null\nn3: Null\nn4:\n"
      "b1: true\nb2: False\nb3: yes\n"
      "i1: 42\ni2: -7\ni3: +3\ni4: 0x1F\ni5: 0o17\ni6: 007\ni7: 9223372036854775808\n"
      "f1: 1.5\nf2: -2e3\nf3: .5\nf4: .inf\nf5: -.Inf\nf6: .NaN\nf7: 1e5\n"
      "s1: 1_000\ns2: 0b101\ns3: 3.1.0\ns4: \"42\"\ns5: 'true'\ns6: \"null\"\ns7: \"\"\n"
      "t1: !!str 42\nt2: !!int \"7\"\nt3: !!float 1\n"
      "200: ok\nnull: k\ntrue: k\n",
      diags);
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  using K = Node::Kind;
  const auto kind = [&](const char* key) { return root->find(key) ? root->find(key)->kind : K::Array; };
  for (const char* key : {"n1", "n2", "n3", "n4"}) EXPECT_EQ(kind(key), K::Null) << key;
  EXPECT_EQ(kind("b1"), K::Bool);
  EXPECT_TRUE(root->find("b1")->boolean);
  EXPECT_EQ(kind("b2"), K::Bool);
  EXPECT_FALSE(root->find("b2")->boolean);
  EXPECT_EQ(kind("b3"), K::String);  // YAML 1.1 booleans are strings in 1.2
  EXPECT_EQ(root->find("i1")->integer, 42);
  EXPECT_EQ(root->find("i2")->integer, -7);
  EXPECT_EQ(root->find("i3")->integer, 3);
  EXPECT_EQ(root->find("i4")->integer, 31);
  EXPECT_EQ(root->find("i4")->text, "0x1F");
  EXPECT_EQ(root->find("i5")->integer, 15);
  EXPECT_EQ(root->find("i6")->integer, 7);
  for (const char* key : {"i1", "i2", "i3", "i4", "i5", "i6"}) EXPECT_EQ(kind(key), K::Integer) << key;
  EXPECT_EQ(kind("i7"), K::Number);
  for (const char* key : {"f1", "f2", "f3", "f4", "f5", "f6", "f7"}) EXPECT_EQ(kind(key), K::Number) << key;
  EXPECT_DOUBLE_EQ(root->find("f2")->number, -2000.0);
  EXPECT_DOUBLE_EQ(root->find("f3")->number, 0.5);
  EXPECT_TRUE(std::isinf(root->find("f4")->number) && root->find("f4")->number > 0);
  EXPECT_TRUE(std::isinf(root->find("f5")->number) && root->find("f5")->number < 0);
  EXPECT_TRUE(std::isnan(root->find("f6")->number));
  for (const char* key : {"s1", "s2", "s3", "s4", "s5", "s6", "s7"}) EXPECT_EQ(kind(key), K::String) << key;
  EXPECT_EQ(root->find("s4")->text, "42");
  EXPECT_EQ(root->find("s7")->text, "");
  EXPECT_EQ(kind("t1"), K::String);
  EXPECT_EQ(root->find("t1")->text, "42");
  EXPECT_EQ(kind("t2"), K::Integer);
  EXPECT_EQ(kind("t3"), K::Number);
  // Keys are strings as written.
  EXPECT_EQ(root->find("200")->text, "ok");
  EXPECT_TRUE(root->find("null"));
  EXPECT_TRUE(root->find("true"));
}

TEST(LoadYaml, MembersKeepDocumentOrderAndDuplicatesAreErrors) {
  Diagnostics diags;
  auto root = yaml("zeta: 1\nalpha: 2\nmid:\n  x: 1\n  x: 2\nalpha: 3\n", diags);
  ASSERT_TRUE(root);
  ASSERT_EQ(root->members.size(), 3u);
  EXPECT_EQ(root->members[0].first, "zeta");
  EXPECT_EQ(root->members[1].first, "alpha");
  EXPECT_EQ(root->members[2].first, "mid");
  ASSERT_EQ(diags.error_count(), 2u) << diags.to_string();
  EXPECT_EQ(pos(diags.all()[0]), "5:3");
  EXPECT_NE(diags.all()[0].message.find("duplicate key 'x'"), std::string::npos);
  EXPECT_NE(diags.all()[0].message.find("line 4, column 3"), std::string::npos) << diags.all()[0].message;
  EXPECT_EQ(pos(diags.all()[1]), "6:1");
  EXPECT_EQ(root->find("alpha")->integer, 2);
}

TEST(LoadYaml, SyntaxErrorsAreLocated) {
  {
    Diagnostics diags;
    EXPECT_FALSE(yaml("a: 1\nb: [1, 2\nc: 3\n", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_GE(diags.all()[0].location.line, 2u);
    EXPECT_EQ(diags.all()[0].message.rfind("invalid YAML: ", 0), 0u) << diags.all()[0].message;
  }
  {
    Diagnostics diags;
    EXPECT_FALSE(yaml("a: 1\nb: c: d\n", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(pos(diags.all()[0]), "2:5");
    EXPECT_EQ(diags.all()[0].message.rfind("invalid YAML: ", 0), 0u) << diags.all()[0].message;
  }
  {
    Diagnostics diags;
    EXPECT_FALSE(yaml("a:\n  - 1\n  b: 2\n", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(format(diags.all()[0]).rfind("test.yaml:3:3: error: invalid YAML: ", 0), 0u) << format(diags.all()[0]);
  }
  {
    Diagnostics diags;
    EXPECT_FALSE(yaml("a: *nowhere\n", diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(pos(diags.all()[0]), "1:4");
  }
}

TEST(LoadYaml, EmptyDocumentsAndSeveralDocuments) {
  for (std::string_view text : {"", "  \n", "# only a comment\n"}) {
    Diagnostics diags;
    EXPECT_FALSE(yaml(text, diags));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(diags.all()[0].message.rfind("empty document", 0), 0u) << diags.all()[0].message;
    EXPECT_EQ(pos(diags.all()[0]), "1:1");
  }
  Diagnostics diags;
  EXPECT_FALSE(yaml("a: 1\n---\nb: 2\n", diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(pos(diags.all()[0]), "2:1");
  EXPECT_NE(diags.all()[0].message.find("second YAML document"), std::string::npos);
}

TEST(LoadYaml, InvalidUtf8IsALocatedError) {
  Diagnostics diags;
  EXPECT_FALSE(yaml("a: 1\nb: caf\xE9\n", diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(pos(diags.all()[0]), "2:7");
  EXPECT_NE(diags.all()[0].message.find("not valid UTF-8"), std::string::npos);
}

TEST(LoadYaml, DepthLimitStopsHugeNesting) {
  {
    const std::string text = std::string(100000, '[') + std::string(100000, ']');
    Diagnostics diags;
    const auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(yaml(text, diags));
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
    ASSERT_EQ(diags.error_count(), 1u);
    // Located at the collection where nesting went too deep (yaml-cpp itself gives up at about
    // 500 levels, below the default max_depth of 512), not at the end of the input.
    EXPECT_EQ(diags.all()[0].location.line, 1u);
    EXPECT_LE(diags.all()[0].location.column, 513u);
    EXPECT_GE(diags.all()[0].location.column, 400u);
    EXPECT_NE(diags.all()[0].message.find("too deep"), std::string::npos) << diags.all()[0].message;
  }
  {
    // Block style: "- - - ... x" nests one sequence per dash.
    std::string text;
    for (int i = 0; i < 20; ++i) text += "- ";
    text += "x\n";
    LoadLimits limits;
    limits.max_depth = 10;
    Diagnostics diags;
    EXPECT_FALSE(yaml(text, diags, limits));
    ASSERT_EQ(diags.error_count(), 1u);
    EXPECT_EQ(pos(diags.all()[0]), "1:21");  // the 11th '-'
    Diagnostics ok;
    limits.max_depth = 20;
    EXPECT_TRUE(yaml(text, ok, limits)) << ok.to_string();
  }
}

TEST(LoadYaml, AliasesAreExpanded) {
  Diagnostics diags;
  auto root = yaml(
      "base: &base {type: string, maxLength: 3}\n"
      "copy: *base\n"
      "list: [*base, *base]\n"
      "name: &n Rex\n"
      "again: *n\n"
      "nested: &outer\n"
      "  inner: *base\n"
      "twice: *outer\n",
      diags);
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_FALSE(diags.has_errors());
  EXPECT_EQ(to_json_text(*root->find("copy")), R"({"type":"string","maxLength":3})");
  EXPECT_EQ(to_json_text(*root->find("list")), R"([{"type":"string","maxLength":3},{"type":"string","maxLength":3}])");
  EXPECT_EQ(root->find("again")->text, "Rex");
  EXPECT_EQ(to_json_text(*root->find("twice")), R"({"inner":{"type":"string","maxLength":3}})");
}

TEST(LoadYaml, RecursiveAliasIsAnError) {
  Diagnostics diags;
  EXPECT_FALSE(yaml("a: &x [1, *x]\n", diags));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(pos(diags.all()[0]), "1:11");
  EXPECT_NE(diags.all()[0].message.find("recursive alias"), std::string::npos);
}

TEST(LoadYaml, BillionLaughsHitsTheNodeLimitQuickly) {
  const std::string text =
      "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
      "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
      "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
      "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
      "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
      "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
      "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
      "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
      "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
  Diagnostics diags;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(yaml(text, diags));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_EQ(diags.error_count(), 1u);
  // Expanded sizes: a = 10 nodes, b = 91, c = 820, d = 7381, e = 66430, f = 597871, g = 5380840:
  // 'g' (line 7) is the first level whose expansion passes the default 5,000,000-node budget.
  EXPECT_EQ(diags.all()[0].location.line, 7u);
  EXPECT_NE(diags.all()[0].message.find("more than 5000000 nodes"), std::string::npos) << diags.all()[0].message;
}

// A few hundred kilobytes that would expand to gigabytes of text through few nodes: the
// expanded-bytes budget stops it before anything is copied.
TEST(LoadYaml, AliasExpansionIsBoundedByBytesToo) {
  std::string text = "a: &a " + std::string(100'000, 'x') + "\n";
  text += "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n";
  text += "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n";
  text += "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
  text += "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n";  // 10^4 copies: 1 GB
  Diagnostics diags;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(yaml(text, diags));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.all()[0].location.line, 5u);
  EXPECT_NE(diags.all()[0].message.find("bytes"), std::string::npos) << diags.all()[0].message;
}

// ---------------------------------------------------------------------------------------------
// to_json_text

TEST(LoadToJsonText, CompactJsonWithMemberOrderAndEscapes) {
  Diagnostics diags;
  const std::string text = R"({"b":1,"a":[true,null,"x\"\\\n\u0001é"],"n":1.50E+2,"big":18446744073709551616,"e":{}})";
  auto root = json(text, diags);
  ASSERT_TRUE(root);
  EXPECT_EQ(to_json_text(*root), text);
  auto y = yaml("{h: 0x1F, i: .inf, o: 0o17, s: 'it''s', f: 1., p: +5, z: -0.0, l: [a, {}]}", diags);
  ASSERT_TRUE(y) << diags.to_string();
  EXPECT_EQ(to_json_text(*y), R"({"h":31,"i":null,"o":15,"s":"it's","f":1,"p":5,"z":-0.0,"l":["a",{}]})");
}

TEST(LoadNode, KindNames) {
  EXPECT_EQ(Node::kind_name(Node::Kind::Object), "object");
  EXPECT_EQ(Node::kind_name(Node::Kind::Integer), "integer");
  Node n;
  EXPECT_EQ(n.kind_name(), "null");
}

TEST(LoadNode, PointersComeFromTheLinkedTreeForJsonAndYaml) {
  for (const char* text : {R"({"a": {"x/y": [1, {"m~n": true}]}, "b": null})",
                           "a:\n  x/y:\n    - 1\n    - m~n: true\nb: null\n"}) {
    Diagnostics diags;
    Loader loader(diags);
    const Node* root = loader.load_text("<mem>", text);
    ASSERT_TRUE(root) << diags.to_string();
    EXPECT_EQ(pointer_of(*root), "");
    const Node* list = root->find("a")->find("x/y");
    EXPECT_EQ(pointer_of(*list), "/a/x~1y");
    const Node* flag = list->items[1].find("m~n");
    EXPECT_EQ(pointer_of(*flag), "/a/x~1y/1/m~0n");
    EXPECT_EQ(walk_pointer(*root, pointer_of(*flag)), flag);
    EXPECT_EQ(pointer_of(*root->find("b")), "/b");
    EXPECT_EQ(flag->parent, &list->items[1]);
  }
  Node detached;  // never linked: its own root
  EXPECT_EQ(pointer_of(detached), "");
}

// ---------------------------------------------------------------------------------------------
// Loader and $ref resolution

const char* kRefDoc = R"({
  "components": {
    "schemas": {
      "Pet": {"type": "object"},
      "a/b": {"x": 1},
      "m~n": 2,
      "{id}": 3,
      "list": [10, 20]
    }
  }
})";

TEST(LoadRefs, LocalPointersWithEscapesAndPercentEncoding) {
  Diagnostics diags;
  Loader loader(diags);
  const Node* root = loader.load_text("<mem>", kRefDoc);
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_EQ(loader.root_file(), "<mem>");
  const SourceLocation here{loader.intern_file_name("<mem>"), 1, 1};

  RefTarget pet = loader.resolve("#/components/schemas/Pet", loader.root_file(), here);
  ASSERT_TRUE(pet.node) << diags.to_string();
  EXPECT_EQ(pet.node->find("type")->text, "object");
  EXPECT_EQ(pet.file, "<mem>");
  EXPECT_EQ(pet.pointer, "/components/schemas/Pet");
  EXPECT_EQ(pos(pet.node), "4:14");

  EXPECT_EQ(loader.resolve("#/components/schemas/a~1b", loader.root_file(), here).node->find("x")->integer, 1);
  EXPECT_EQ(loader.resolve("#/components/schemas/m~0n", loader.root_file(), here).node->integer, 2);
  RefTarget braces = loader.resolve("#/components/schemas/%7Bid%7D", loader.root_file(), here);
  ASSERT_TRUE(braces.node);
  EXPECT_EQ(braces.node->integer, 3);
  EXPECT_EQ(braces.pointer, "/components/schemas/{id}");
  EXPECT_EQ(loader.resolve("#/components/schemas/list/1", loader.root_file(), here).node->integer, 20);
  RefTarget whole = loader.resolve("#", loader.root_file(), here);
  EXPECT_EQ(whole.node, root);
  EXPECT_EQ(whole.pointer, "");
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
}

TEST(LoadRefs, DanglingPointersNameTheMissingSegment) {
  Diagnostics diags;
  Loader loader(diags);
  ASSERT_TRUE(loader.load_text("<mem>", kRefDoc));
  const SourceLocation here{loader.intern_file_name("<mem>"), 7, 9};
  EXPECT_FALSE(loader.resolve("#/components/schemas/Cat", loader.root_file(), here).node);
  EXPECT_FALSE(loader.resolve("#/components/schemas/list/2", loader.root_file(), here).node);
  EXPECT_FALSE(loader.resolve("#/components/schemas/m~0n/deeper", loader.root_file(), here).node);
  EXPECT_FALSE(loader.resolve("#/nothing", loader.root_file(), here).node);
  EXPECT_FALSE(loader.resolve("#/a~2b", loader.root_file(), here).node);
  EXPECT_FALSE(loader.resolve("#Pet", loader.root_file(), here).node);
  EXPECT_FALSE(loader.resolve("#/%zz", loader.root_file(), here).node);
  ASSERT_EQ(diags.error_count(), 7u) << diags.to_string();
  const auto& d = diags.all();
  EXPECT_EQ(d[0].message,
            "$ref '#/components/schemas/Cat' does not resolve: no member 'Cat' in /components/schemas");
  EXPECT_EQ(format(d[0]),
            "<mem>:7:9: error: $ref '#/components/schemas/Cat' does not resolve: no member 'Cat' in "
            "/components/schemas");
  EXPECT_NE(d[1].message.find("no item 2 in /components/schemas/list (the array has 2 items)"), std::string::npos)
      << d[1].message;
  EXPECT_NE(d[2].message.find("which is an integer"), std::string::npos) << d[2].message;
  EXPECT_NE(d[3].message.find("no member 'nothing' in the document root"), std::string::npos) << d[3].message;
  EXPECT_NE(d[4].message.find("invalid escape"), std::string::npos) << d[4].message;
  EXPECT_NE(d[5].message.find("only JSON pointer fragments"), std::string::npos) << d[5].message;
  EXPECT_NE(d[6].message.find("percent-escape"), std::string::npos) << d[6].message;
  for (const auto& diag : d) EXPECT_EQ(pos(diag), "7:9");
}

// Resolutions are remembered (documents repeat the same $refs thousands of times): a repeated
// $ref gives the same target, a failing one is reported wherever it occurs, and replacing the
// document forgets what was resolved in the old one.
TEST(LoadRefs, RepeatedRefsResolveAlikeFailuresAreReportedEachTimeReplacedDocumentsAreReread) {
  Diagnostics diags;
  Loader loader(diags);
  ASSERT_TRUE(loader.load_text("<mem>", kRefDoc));
  const SourceLocation first{loader.intern_file_name("<mem>"), 3, 1}, second{loader.intern_file_name("<mem>"), 9, 5};
  RefTarget a = loader.resolve("#/components/schemas/Pet", loader.root_file(), first);
  RefTarget b = loader.resolve("#/components/schemas/Pet", loader.root_file(), second);
  ASSERT_TRUE(a.node);
  EXPECT_EQ(a.node, b.node);
  EXPECT_EQ(a.file, b.file);
  EXPECT_EQ(a.pointer, b.pointer);

  EXPECT_FALSE(loader.resolve("#/components/schemas/Cat", loader.root_file(), first).node);
  EXPECT_FALSE(loader.resolve("#/components/schemas/Cat", loader.root_file(), second).node);
  ASSERT_EQ(diags.error_count(), 2u) << diags.to_string();
  EXPECT_EQ(pos(diags.all()[0]), "3:1");
  EXPECT_EQ(pos(diags.all()[1]), "9:5");

  ASSERT_TRUE(loader.load_text("<mem>", R"({"components": {"schemas": {"Pet": {"type": "string"}}}})"));
  RefTarget c = loader.resolve("#/components/schemas/Pet", loader.root_file(), first);
  ASSERT_TRUE(c.node);
  EXPECT_NE(c.node, a.node);
  EXPECT_EQ(c.node->find("type")->text, "string");
}

TEST(LoadRefs, RemoteRefsAreRefused) {
  Diagnostics diags;
  Loader loader(diags);
  ASSERT_TRUE(loader.load_text("<mem>", kRefDoc));
  const SourceLocation here{loader.intern_file_name("<mem>"), 3, 4};
  for (std::string_view ref : {"https://example.com/api.yaml#/components/schemas/Pet", "http://example.com/x.json",
                               "//example.com/x.json", "urn:example:pet", "file:///tmp/x.yaml"}) {
    Diagnostics local;
    Loader l(local);
    ASSERT_TRUE(l.load_text("<mem>", kRefDoc));
    EXPECT_FALSE(l.resolve(ref, l.root_file(), here).node);
    ASSERT_EQ(local.error_count(), 1u) << ref;
    EXPECT_EQ(local.all()[0].message, "remote $ref '" + std::string(ref) +
                                          "' is not supported; download it and use a relative file reference");
    EXPECT_EQ(pos(local.all()[0]), "3:4");
  }
}

TEST(LoadRefs, RelativeFileRefsAreLoadedOnDemandAndCached) {
  Diagnostics diags;
  Loader loader(diags);
  const Node* root = loader.load_root(kInputs + "/root.yaml");
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_EQ(loader.root_file(), fs::weakly_canonical(kInputs + "/root.yaml").string());
  const SourceLocation here = at(*root, "/components/schemas/Pet/$ref")->location;
  EXPECT_EQ(pos(at(*root, "/components/schemas/Pet/$ref")), "10:13");

  RefTarget pet = loader.resolve("sub/pet.yaml#/Pet", loader.root_file(), here);
  ASSERT_TRUE(pet.node) << diags.to_string();
  EXPECT_EQ(pet.file, fs::weakly_canonical(kInputs + "/sub/pet.yaml").string());
  EXPECT_EQ(pet.pointer, "/Pet");
  EXPECT_EQ(pos(pet.node), "2:3");
  EXPECT_EQ(pet.node->location.file_name(), (fs::path(kInputs) / "sub/pet.yaml").lexically_normal().string());

  // A ref inside the referenced file is relative to that file.
  const Node* owner_ref = at(*pet.node, "/properties/owner/$ref");
  ASSERT_TRUE(owner_ref);
  RefTarget owner = loader.resolve(owner_ref->text, pet.file, owner_ref->location);
  ASSERT_TRUE(owner.node) << diags.to_string();
  EXPECT_EQ(owner.file, fs::weakly_canonical(kInputs + "/common.json").string());
  EXPECT_EQ(owner.node->find("type")->text, "string");
  EXPECT_EQ(pos(owner.node), "3:12");

  // The same file reached from elsewhere is the same cached document.
  RefTarget error = loader.resolve("common.json#/Error", loader.root_file(), here);
  ASSERT_TRUE(error.node);
  EXPECT_EQ(error.file, owner.file);
  EXPECT_EQ(loader.resolve("common.json", loader.root_file(), here).node,
            loader.resolve("../common.json#", pet.file, here).node);
  // Whole-file ref.
  RefTarget whole = loader.resolve("sub/pet.yaml", loader.root_file(), here);
  ASSERT_TRUE(whole.node);
  EXPECT_EQ(whole.pointer, "");
  EXPECT_EQ(&whole.node->members[0].second, pet.node);
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
}

// Restores the working directory when a test changes it.
struct ChangeDirectory {
  explicit ChangeDirectory(const fs::path& dir) : saved(fs::current_path()) { fs::current_path(dir); }
  ~ChangeDirectory() { fs::current_path(saved); }
  fs::path saved;
};

TEST(LoadRefs, DiagnosticsUseRelativeFileNames) {
  ChangeDirectory cd(kInputs);
  Diagnostics diags;
  Loader loader(diags);
  const Node* root = loader.load_root("root.yaml");
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_EQ(root->location.file_name(), "root.yaml");
  const SourceLocation here = at(*root, "/components/schemas/Pet/$ref")->location;
  RefTarget pet = loader.resolve("sub/pet.yaml#/Pet", loader.root_file(), here);
  ASSERT_TRUE(pet.node);
  EXPECT_EQ(pet.node->location.file_name(), "sub/pet.yaml");
  // Callers may also pass the file name from a node's location.
  const Node* owner_ref = at(*pet.node, "/properties/owner/$ref");
  RefTarget owner = loader.resolve(owner_ref->text, std::string(owner_ref->location.file_name()), owner_ref->location);
  ASSERT_TRUE(owner.node) << diags.to_string();
  EXPECT_EQ(owner.node->location.file_name(), "common.json");

  // Errors in referenced files name them the same way.
  EXPECT_FALSE(loader.resolve("common.json#/Missing", loader.root_file(), here).node);
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(format(diags.all()[0]),
            "root.yaml:10:13: error: $ref 'common.json#/Missing' does not resolve: no member 'Missing' in the "
            "document root of common.json");
}

TEST(LoadRefs, MissingFiles) {
  Diagnostics diags;
  Loader loader(diags);
  const Node* root = loader.load_root(kInputs + "/root.yaml");
  ASSERT_TRUE(root);
  const SourceLocation here{root->location.file, 12, 7};
  EXPECT_FALSE(loader.resolve("sub/absent.yaml#/X", loader.root_file(), here).node);
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(pos(diags.all()[0]), "12:7");
  EXPECT_EQ(diags.all()[0].location.file, root->location.file);
  EXPECT_NE(diags.all()[0].message.find("'sub/absent.yaml#/X'"), std::string::npos) << diags.all()[0].message;
  EXPECT_NE(diags.all()[0].message.find("does not exist: " + (fs::path(kInputs) / "sub/absent.yaml").string()),
            std::string::npos)
      << diags.all()[0].message;

  Diagnostics d2;
  Loader l2(d2);
  EXPECT_FALSE(l2.load_root("no/such/spec.yaml"));
  ASSERT_EQ(d2.error_count(), 1u);
  EXPECT_EQ(format(d2.all()[0]), "no/such/spec.yaml: error: cannot read 'no/such/spec.yaml': no such file");
}

// A scratch folder, removed at the end of the test.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("wink-load-" + std::to_string(std::random_device{}()) + "-" +
                                               std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Loads `path` as the root document and returns the single error's "file: error: message".
std::string load_error(const std::string& path, LoadLimits limits = {}) {
  Diagnostics diags;
  Loader loader(diags, limits);
  EXPECT_EQ(loader.load_root(path), nullptr) << path;
  return diags.error_count() == 1 ? format(diags.all()[0]) : diags.to_string();
}

// Only regular files are read, and each refusal comes at once (a FIFO is never opened: opening it
// would wait for a writer).
TEST(LoadFiles, OnlyRegularFilesAreRead) {
  TempDir dir;
  EXPECT_EQ(load_error(dir.path.string()),
            dir.path.string() + ": error: cannot read '" + dir.path.string() + "': it is a directory");
  if (fs::exists("/dev/zero")) {
    EXPECT_EQ(load_error("/dev/zero"),
              "/dev/zero: error: cannot read '/dev/zero': it is not a regular file (a FIFO, a device or a socket)");
  }
  if (fs::is_regular_file("/proc/self/status")) {
    EXPECT_EQ(load_error("/proc/self/status"),
              "/proc/self/status: error: cannot read '/proc/self/status': it is a file of the /proc or /sys pseudo file "
              "system");
  }
#ifndef _WIN32
  const fs::path fifo = dir.path / "fifo.yaml";
  ASSERT_EQ(std::system(("mkfifo '" + fifo.string() + "'").c_str()), 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_NE(load_error(fifo.string()).find("it is not a regular file"), std::string::npos);

  // The same through a $ref, located at the $ref.
  std::ofstream(dir.path / "root.yaml") << "a:\n  $ref: 'fifo.yaml#/x'\n";
  Diagnostics diags;
  Loader loader(diags);
  const Node* root = loader.load_root((dir.path / "root.yaml").string());
  ASSERT_TRUE(root) << diags.to_string();
  const Node* ref = at(*root, "/a/$ref");
  EXPECT_FALSE(loader.resolve(ref->text, loader.root_file(), ref->location).node);
  ASSERT_EQ(diags.error_count(), 1u) << diags.to_string();
  EXPECT_EQ(pos(diags.all()[0]), "2:9");
  EXPECT_NE(diags.all()[0].message.find("it is not a regular file"), std::string::npos) << diags.all()[0].message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
#endif
}

// The limit holds for the bytes read, not for the size the file system reports.
TEST(LoadFiles, ReadingStopsAtTheSizeLimit) {
  TempDir dir;
  LoadLimits limits;
  limits.max_file_bytes = 100'000;
  const std::string body = "[" + std::string(limits.max_file_bytes - 4, ' ') + "1]";
  ASSERT_EQ(body.size(), limits.max_file_bytes - 1);
  std::ofstream(dir.path / "fits.json", std::ios::binary) << body << "\n";
  std::ofstream(dir.path / "over.json", std::ios::binary) << body << "\n\n";
  Diagnostics diags;
  Loader loader(diags, limits);
  const Node* fits = loader.load_root((dir.path / "fits.json").string());
  ASSERT_TRUE(fits) << diags.to_string();
  EXPECT_EQ(fits->items.at(0).integer, 1);
  EXPECT_NE(load_error((dir.path / "over.json").string(), limits).find("it is larger than 100000 bytes"),
            std::string::npos);
}

// A file $ref stays inside the folder of the root document unless another folder is allowed;
// the error is located at the $ref.
TEST(LoadRefs, FileRefsStayInsideTheDocumentsFolder) {
  TempDir dir;
  fs::create_directories(dir.path / "api/sub");
  fs::create_directories(dir.path / "shared");
  std::ofstream(dir.path / "shared/common.yaml") << "Error: {type: object}\n";
  std::ofstream(dir.path / "api/sub/pet.yaml") << "Pet: {type: object}\n";
  std::ofstream(dir.path / "api/root.yaml") << "openapi: 3.1.0\n";
  const std::string absolute = (dir.path / "shared/common.yaml").string();
  struct Case {
    std::string ref;
    bool allowed;
    std::string why;
  };
  const std::vector<Case> cases = {
      {"sub/pet.yaml#/Pet", true, ""},
      {"sub/../sub/pet.yaml#/Pet", true, ""},
      {"../shared/common.yaml#/Error", false, "leads outside the folder of the document"},
      {"sub/../../shared/common.yaml#/Error", false, "leads outside the folder of the document"},
      {absolute + "#/Error", false, "is an absolute path outside the folder of the document"},
  };
  for (bool widened : {false, true}) {
    for (const auto& c : cases) {
      SCOPED_TRACE(c.ref + (widened ? " (widened)" : ""));
      Diagnostics diags;
      Loader loader(diags);
      if (widened) loader.allow_ref_root((dir.path / "shared").string());
      const Node* root = loader.load_root((dir.path / "api/root.yaml").string());
      ASSERT_TRUE(root) << diags.to_string();
      const SourceLocation here{root->location.file, 4, 9};
      const bool resolved = loader.resolve(c.ref, loader.root_file(), here).node != nullptr;
      EXPECT_EQ(resolved, c.allowed || widened) << diags.to_string();
      if (resolved) continue;
      ASSERT_EQ(diags.error_count(), 1u);
      EXPECT_EQ(pos(diags.all()[0]), "4:9");
      EXPECT_NE(diags.all()[0].message.find(c.why), std::string::npos) << diags.all()[0].message;
      EXPECT_NE(diags.all()[0].message.find("--allow-ref-root"), std::string::npos) << diags.all()[0].message;
    }
  }
  // A link inside the folder that leads out of it counts as outside.
  std::error_code ec;
  fs::create_directory_symlink(dir.path / "shared", dir.path / "api/linked", ec);
  if (ec) return;  // no links here (Windows without the privilege)
  Diagnostics diags;
  Loader loader(diags);
  ASSERT_TRUE(loader.load_root((dir.path / "api/root.yaml").string()));
  EXPECT_FALSE(loader.resolve("linked/common.yaml#/Error", loader.root_file(), {}).node);
  EXPECT_NE(diags.to_string().find("leads outside the folder of the document"), std::string::npos) << diags.to_string();
}

TEST(LoadRefs, FormatIsDetectedByContent) {
  Diagnostics diags;
  Loader loader(diags);
  const Node* j = loader.load_text("<json>", "  \n [1, {\"a\": 2}]");
  ASSERT_TRUE(j) << diags.to_string();
  EXPECT_EQ(pos(at(*j, "/1/a")), "2:12");
  const Node* y = loader.load_text("<yaml>", "- 1\n- a: 2\n");
  ASSERT_TRUE(y) << diags.to_string();
  EXPECT_EQ(to_json_text(*y), R"([1,{"a":2}])");
  // A JSON-looking document is parsed strictly as JSON.
  EXPECT_FALSE(loader.load_text("<bad>", "{a: 1}"));
  ASSERT_EQ(diags.error_count(), 1u);
  EXPECT_EQ(diags.all()[0].message.rfind("invalid JSON", 0), 0u);
  EXPECT_EQ(diags.all()[0].location.file_name(), "<bad>");
}

TEST(LoadRealSpec, WinkSupplierDocument) {
  const std::string path = WINK_SHARED_SPECS_DIR "/30.49.0/supplier.json";
  if (!fs::exists(path)) {
    GTEST_SKIP() << "Wink's published document is not available at " << path
                 << " (set WINK_SHARED_SPECS_DIR to the folder holding <version>/supplier.json)";
  }
  Diagnostics diags;
  Loader loader(diags);
  const Node* root = loader.load_root(path);
  ASSERT_TRUE(root) << diags.to_string();
  EXPECT_FALSE(diags.has_errors()) << diags.to_string();
  ASSERT_TRUE(root->find("openapi"));
  EXPECT_EQ(root->find("openapi")->text, "3.1.0");
  EXPECT_EQ(pos(root->find("openapi")), "2:14");
  const Node* paths = root->find("paths");
  ASSERT_TRUE(paths && paths->is_object());
  std::size_t operations = 0;
  for (const auto& [path_key, item] : paths->members) {
    for (const auto& [method, op] : item.members) {
      for (std::string_view m : {"get", "put", "post", "delete", "options", "head", "patch", "trace"}) {
        if (method == m) ++operations;
      }
    }
  }
  EXPECT_EQ(operations, 211u);
  const Node* schemas = walk_pointer(*root, "/components/schemas");
  ASSERT_TRUE(schemas);
  EXPECT_EQ(schemas->members.size(), 382u);
}

}  // namespace
}  // namespace wink::codegen::load
