// The spec stage: 3.0 and 3.1 normalised into one model; every problem located.
#include <gtest/gtest.h>

#include <deque>

#include "spec/scope_map.h"
#include "test_support.h"

namespace wink::codegen {
namespace {

using testing::openapi;
using testing::parse_yaml_doc;

TEST(Spec, NormalisesNullableFrom30And31) {
  auto p30 = parse_yaml_doc("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                            "    A:\n      type: object\n      properties:\n        x: {type: string, nullable: true}\n");
  auto p31 = parse_yaml_doc(openapi("  {}\n", "  schemas:\n    A:\n      type: object\n      properties:\n"
                                              "        x: {type: [string, 'null']}\n"));
  ASSERT_TRUE(p30->doc) << p30->diags.to_string();
  ASSERT_TRUE(p31->doc) << p31->diags.to_string();
  for (auto* p : {p30.get(), p31.get()}) {
    const spec::Schema* a = p->doc->find_schema("A");
    ASSERT_NE(a, nullptr);
    EXPECT_TRUE(a->properties[0].schema->nullable);
    EXPECT_TRUE(a->properties[0].schema->has_type(spec::kString));
  }
}

TEST(Spec, KeepsConstExamplesAndIgnoresContainsAndExtensions) {
  auto p = parse_yaml_doc(openapi("  {}\n", "  schemas:\n    A:\n      type: array\n      items: {type: integer}\n"
                                            "      contains: {const: 3}\n      unevaluatedItems: false\n"
                                            "      x-vendor: 1\n      examples: [[1, 2]]\n"
                                            "    B: {const: fixed}\n    C: {type: number, exclusiveMinimum: 0}\n"));
  ASSERT_TRUE(p->doc) << p->diags.to_string();
  EXPECT_EQ(p->diags.all().size(), 0u);
  EXPECT_EQ(p->doc->find_schema("A")->examples.at(0), spec::Value::parse("[1,2]"));
  EXPECT_EQ(p->doc->find_schema("B")->const_value.value_or(nullptr), spec::Value("fixed"));
}

TEST(Spec, MergesPathItemParametersAndChecksTheTemplate) {
  auto ok = parse_yaml_doc(openapi("  /a/{id}:\n    parameters:\n      - {name: id, in: path, required: true, schema: {type: string}}\n"
                                   "    get:\n      operationId: getA\n      responses: {'200': {description: ok}}\n"));
  ASSERT_TRUE(ok->doc) << ok->diags.to_string();
  ASSERT_EQ(ok->doc->operations.size(), 1u);
  EXPECT_EQ(ok->doc->operations[0].parameters.size(), 1u);
  EXPECT_EQ(ok->doc->operations[0].method, "GET");

  auto bad = parse_yaml_doc(openapi("  /a/{id}:\n    get:\n      operationId: getA\n"
                                    "      parameters:\n        - {name: other, in: path, required: true}\n"
                                    "      responses: {'200': {description: ok}}\n"));
  EXPECT_FALSE(bad->doc);
  std::string text = bad->diags.to_string();
  EXPECT_NE(text.find("uses {id}"), std::string::npos) << text;
  EXPECT_NE(text.find("'other' does not appear"), std::string::npos) << text;
}

TEST(Spec, CollectsEveryErrorWithLocations) {
  auto p = parse_yaml_doc(openapi("  /a:\n    get:\n      operationId: x\n      parameters: {}\n"
                                  "      responses: {'200': {description: ok}}\n"
                                  "  /b:\n    get:\n      operationId: x\n      responses: []\n"));
  EXPECT_FALSE(p->doc);
  std::string text = p->diags.to_string();
  EXPECT_NE(text.find("test.yaml:9:"), std::string::npos) << text;       // parameters: {}
  EXPECT_NE(text.find("expected 'parameters' to be an array"), std::string::npos) << text;
  EXPECT_NE(text.find("expected 'responses' to be an object"), std::string::npos) << text;
  EXPECT_NE(text.find("duplicate operationId 'x'"), std::string::npos) << text;
  EXPECT_GE(p->diags.error_count(), 3u);
}

TEST(Spec, RejectsSwaggerAndUnknownVersions) {
  auto swagger = parse_yaml_doc("swagger: '2.0'\ninfo: {title: T, version: '1'}\npaths: {}\n");
  EXPECT_NE(swagger->diags.to_string().find("Swagger 2.0"), std::string::npos);
  auto v4 = parse_yaml_doc("openapi: 4.0.0\ninfo: {title: T, version: '1'}\npaths: {}\n");
  EXPECT_NE(v4->diags.to_string().find("test.yaml:1:"), std::string::npos) << v4->diags.to_string();
  EXPECT_NE(v4->diags.to_string().find("unsupported openapi version '4.0.0'"), std::string::npos);
}

TEST(Spec, ComponentRefsStayNamedAndCyclesWithoutStructureAreErrors) {
  auto ok = parse_yaml_doc(openapi("  {}\n", "  schemas:\n    Node:\n      type: object\n      properties:\n"
                                             "        next: {$ref: '#/components/schemas/Node'}\n"));
  ASSERT_TRUE(ok->doc) << ok->diags.to_string();
  EXPECT_EQ(ok->doc->find_schema("Node")->properties[0].schema->ref, "Node");

  auto cyc = parse_yaml_doc(openapi("  {}\n", "  schemas:\n    A: {$ref: '#/components/schemas/B'}\n"
                                              "    B: {$ref: '#/components/schemas/A'}\n"));
  EXPECT_FALSE(cyc->doc);
  EXPECT_NE(cyc->diags.to_string().find("$ref cycle"), std::string::npos) << cyc->diags.to_string();
}

TEST(Spec, RefSiblingsMakeAReferenceNullable) {
  auto p = parse_yaml_doc(openapi("  {}\n", "  schemas:\n    A: {type: string}\n    B:\n      type: object\n"
                                            "      properties:\n        a: {$ref: '#/components/schemas/A', nullable: true,"
                                            " description: d}\n"));
  ASSERT_TRUE(p->doc) << p->diags.to_string();
  const auto& a = p->doc->find_schema("B")->properties[0].schema;
  EXPECT_EQ(a->ref, "A");
  EXPECT_TRUE(a->nullable);
  EXPECT_EQ(a->description, "d");
}

TEST(Spec, KeepsValidationLimitsAndWarnsAboutOnesOfTheWrongKind) {
  auto p = parse_yaml_doc("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                          "    A: {type: string, minLength: 2, maxLength: 9, pattern: '^a'}\n"
                          "    B: {type: array, minItems: 1, maxItems: 3}\n"
                          "    C: {type: number, minimum: 1.5, exclusiveMinimum: true, maximum: 10}\n"
                          "    D: {type: number, exclusiveMinimum: 2, minimum: 1, exclusiveMaximum: 5}\n"
                          "    E: {type: string, maxLength: '9', minimum: x}\n");
  ASSERT_TRUE(p->doc) << p->diags.to_string();
  const spec::Schema* a = p->doc->find_schema("A");
  EXPECT_EQ(a->min_length.value_or(0), 2u);
  EXPECT_EQ(a->max_length.value_or(0), 9u);
  EXPECT_EQ(a->pattern.value_or(""), "^a");
  const spec::Schema* b = p->doc->find_schema("B");
  EXPECT_EQ(b->min_items.value_or(0), 1u);
  EXPECT_EQ(b->max_items.value_or(0), 3u);
  const spec::Schema* c = p->doc->find_schema("C");
  ASSERT_TRUE(c->minimum && c->maximum);
  EXPECT_EQ(c->minimum->text, "1.5");
  EXPECT_TRUE(c->minimum->exclusive);
  EXPECT_FALSE(c->maximum->exclusive);
  const spec::Schema* d = p->doc->find_schema("D");  // 3.1 spelling: the stricter bound wins
  ASSERT_TRUE(d->minimum && d->maximum);
  EXPECT_EQ(d->minimum->value, 2);
  EXPECT_TRUE(d->minimum->exclusive);
  EXPECT_TRUE(d->maximum->exclusive);
  const spec::Schema* e = p->doc->find_schema("E");
  EXPECT_FALSE(e->max_length || e->minimum);
  std::string text = p->diags.to_string();
  EXPECT_EQ(p->diags.warning_count(), 2u) << text;
  EXPECT_NE(text.find("test.yaml:10:"), std::string::npos) << text;
  EXPECT_NE(text.find("expected 'maxLength' to be a non-negative integer; ignored"), std::string::npos) << text;
}

TEST(Spec, KeepsResponseHeadersButNotContentType) {
  auto p = parse_yaml_doc(openapi("  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n"
                                  "          description: ok\n          headers:\n"
                                  "            X-Rate-Limit:\n"
                                  "              {required: true, deprecated: true, schema: {type: integer}}\n"
                                  "            Content-Type: {schema: {type: string}}\n"
                                  "            Location: {$ref: '#/components/headers/Location'}\n",
                                  "  headers:\n    Location: {schema: {type: string}}\n"));
  ASSERT_TRUE(p->doc) << p->diags.to_string();
  const auto& headers = p->doc->operations.at(0).responses.at(0).headers;
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].name, "X-Rate-Limit");
  EXPECT_TRUE(headers[0].required);
  EXPECT_TRUE(headers[0].deprecated);
  EXPECT_TRUE(headers[0].schema->has_type(spec::kInteger));
  EXPECT_EQ(headers[1].name, "Location");
  EXPECT_FALSE(headers[1].required);
  EXPECT_TRUE(headers[1].schema->has_type(spec::kString));
}

// Literals stay JSON values (never text to parse again), with numbers as written.
TEST(Spec, KeepsLiteralsAsValues) {
  auto p = parse_yaml_doc(openapi("  {}\n", "  schemas:\n"
                                            "    A: {type: string, enum: [on, 'off', '2'], default: 'off', example: \"a\\\"b\"}\n"
                                            "    B: {type: object, example: {z: 1, a: [2.5, -3, null, true]}}\n"
                                            "    C: {type: integer, enum: [1, 18446744073709551615]}\n"));
  ASSERT_TRUE(p->doc) << p->diags.to_string();
  const spec::Schema* a = p->doc->find_schema("A");
  EXPECT_EQ(a->enum_values, (std::vector<spec::Value>{"on", "off", "2"}));
  EXPECT_EQ(a->default_value, spec::Value("off"));
  EXPECT_EQ(a->examples.at(0), spec::Value("a\"b"));
  EXPECT_EQ(p->doc->find_schema("B")->examples.at(0).dump(), R"({"z":1,"a":[2.5,-3,null,true]})");  // member order kept
  const auto& c = p->doc->find_schema("C")->enum_values;
  ASSERT_EQ(c.size(), 2u);
  EXPECT_TRUE(c[0].is_number_integer());
  EXPECT_EQ(c[1].dump(), "18446744073709551615");
}

// `type: null` with properties: the model implies object (as Wink's documents need), yet the
// schema admits null only, as written.
TEST(Spec, KeepsTheTypesAsWritten) {
  auto p = parse_yaml_doc(openapi("  {}\n", "  schemas:\n    Null: {type: 'null', properties: {a: {type: string}}}\n"
                                            "    Text: {type: [string, 'null']}\n"));
  ASSERT_TRUE(p->doc) << p->diags.to_string();
  const spec::Schema* null = p->doc->find_schema("Null");
  EXPECT_TRUE(null->has_type(spec::kObject));
  EXPECT_TRUE(null->is_null_only());
  EXPECT_FALSE(p->doc->find_schema("Text")->is_null_only());
}

// Scopes become C++ string literals and comments of the SDK: a document's scopes must be OAuth scope
// tokens, whether a flow declares them or a requirement lists them.
TEST(Spec, RejectsScopesThatAreNoOAuthScopeTokens) {
  EXPECT_TRUE(spec::is_scope_token("inventory.read"));
  EXPECT_TRUE(spec::is_scope_token("https://api.example.test/scope:x"));
  for (const char* bad : {"", "a b", "a\"b", "a\\b", "a\nb", "caf\xc3\xa9"}) EXPECT_FALSE(spec::is_scope_token(bad)) << bad;

  auto p = parse_yaml_doc(openapi("  /r:\n    get:\n      operationId: a\n"
                                  "      security: [{oauth: [\"x\\\"};int evil;//\"]}]\n"
                                  "      responses: {'204': {description: ok}}\n",
                                  "  securitySchemes:\n    oauth: {type: oauth2, flows: {clientCredentials: "
                                  "{tokenUrl: 'https://t', scopes: {\"y\\ny\": d}}}}\n"));
  EXPECT_FALSE(p->doc);
  std::string text = p->diags.to_string();
  EXPECT_NE(text.find("'x\"};int evil;//' is not an OAuth scope"), std::string::npos) << text;
  EXPECT_NE(text.find("'y\\x0Ay' is not an OAuth scope"), std::string::npos) << text;
}

TEST(Spec, ScopeMapsAreValidatedWhereTheyAreRead) {
  std::deque<load::Loader> loaders;  // diagnostics point at the file names they keep
  auto parse = [&](const std::string& yaml, Diagnostics& diags) {
    const load::Node* root = loaders.emplace_back(diags).load_text("scopes.yaml", yaml);
    return root ? spec::parse_scope_map(*root, diags) : std::nullopt;
  };
  Diagnostics ok_diags;
  auto ok = parse("sections: [inventory]\ntags: {Rate Plan: inventory}\noperations: {show-rate: [inventory.read], b: x.y}\n",
                  ok_diags);
  ASSERT_TRUE(ok) << ok_diags.to_string();
  EXPECT_EQ(ok->tags.at("Rate Plan"), "inventory");
  ASSERT_EQ(ok->operations.size(), 2u);
  EXPECT_EQ(ok->operations[0], (std::pair<std::string, std::vector<std::string>>{"show-rate", {"inventory.read"}}));
  EXPECT_EQ(ok->operations[1].second, std::vector<std::string>{"x.y"});

  Diagnostics diags;
  EXPECT_FALSE(parse("sections: [inventory]\ntags: {A: booking, B: \"a b\"}\noperations: {x: [\"q\\\"\"], y: 3}\n", diags));
  std::string text = diags.to_string();
  EXPECT_NE(text.find("scopes.yaml:2:"), std::string::npos) << text;
  EXPECT_NE(text.find("tag 'A' maps to unknown section 'booking'"), std::string::npos) << text;
  EXPECT_NE(text.find("'q\"' is not an OAuth scope"), std::string::npos) << text;
  EXPECT_NE(text.find("scopes of 'y' must be a list of strings"), std::string::npos) << text;
}

}  // namespace
}  // namespace wink::codegen
