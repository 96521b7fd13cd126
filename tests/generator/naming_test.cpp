#include "ir/naming.h"

#include <gtest/gtest.h>

#include "ir/build.h"
#include "ir/sdk_names.h"
#include "test_support.h"

namespace wink::codegen::ir {
namespace {

TEST(Naming, CamelAndKebabOperationIdsGiveTheSameMethodName) {
  EXPECT_EQ(method_name_for("showRatePlan"), "showRatePlan");
  EXPECT_EQ(method_name_for("show-rate-plan"), "showRatePlan");
  EXPECT_EQ(method_name_for("show_rate_plan"), "showRatePlan");
  EXPECT_EQ(method_name_for("uploadHTTPFile"), method_name_for("upload-http-file"));
  EXPECT_EQ(method_name_for("listV2Items"), method_name_for("list-v2-items"));
}

TEST(Naming, SplitsWordsOnCaseDigitsAndPunctuation) {
  EXPECT_EQ(split_words("HTTPServer2Go"), (std::vector<std::string>{"HTTP", "Server2", "Go"}));
  EXPECT_EQ(split_words("a.b c-d_e"), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(pascal_case("rate plan"), "RatePlan");
  EXPECT_EQ(snake_case("RatePlan_Supplier"), "rate_plan_supplier");
}

TEST(Naming, NonAsciiNamesBecomeDeterministicIdentifiers) {
  std::string a = pascal_case("名前");
  EXPECT_EQ(a, pascal_case("名前"));
  EXPECT_NE(a, pascal_case("предмет"));
  for (char c : a) EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '_') << a;
}

TEST(Naming, KeywordsMacrosAndLeadingDigitsAreMadeSafe) {
  EXPECT_EQ(safe_identifier("class"), "class_");
  EXPECT_EQ(safe_identifier("errno"), "errno_");
  EXPECT_EQ(safe_identifier("NULL"), "NULL_");
  EXPECT_EQ(safe_identifier("linux"), "linux_");
  EXPECT_EQ(safe_identifier("2fa"), "n2fa");
  EXPECT_EQ(safe_identifier("_Reserved"), "x_Reserved");
  EXPECT_EQ(safe_identifier("a__b"), "a_b");
  EXPECT_EQ(safe_identifier("name"), "name");
}

TEST(Naming, CollisionsGetDeterministicSuffixes) {
  NameScope scope;
  EXPECT_EQ(scope.claim("fooBar"), "fooBar");
  EXPECT_EQ(scope.claim("fooBar"), "fooBar_2");
  EXPECT_EQ(scope.claim("fooBar"), "fooBar_3");
  // foo-bar, foo_bar and fooBar all want the same C++ name.
  NameScope fields;
  std::vector<std::string> got;
  for (const char* wire : {"foo-bar", "foo_bar", "fooBar"}) got.push_back(fields.claim(camel_case(wire)));
  EXPECT_EQ(got, (std::vector<std::string>{"fooBar", "fooBar_2", "fooBar_3"}));
}

TEST(Naming, StringLiteralsAndCommentsAreEscaped) {
  EXPECT_EQ(cpp_string_literal_body("a\"b\\c\n"), "a\\\"b\\\\c\\n");
  EXPECT_EQ(cpp_string_literal_body("?\?="), "\\?\\?=");
  EXPECT_EQ(cpp_string_literal_body("\xC3\xA9"), "\\303\\251");
  EXPECT_EQ(comment_lines("one\\\ntwo  \n\n"), (std::vector<std::string>{"one", "two"}));
}

// File names derived from names (long stems, model source buckets) come from this hash, so its
// values are pinned: every platform and version must give the same files. It is FNV-1a's loop
// with an offset basis one digit short of FNV's (14695981039346656037): long stems were named
// with it before this test existed, so it stays.
TEST(Naming, StableHashIsPinned) {
  EXPECT_EQ(stable_hash(""), 1469598103934665603ull);
  EXPECT_EQ(stable_hash("a"), 0x44bd8ad473cd9906ull);
  EXPECT_EQ(stable_hash("foobar"), 0x88fad7c0a8ff07f2ull);
  EXPECT_NE(stable_hash("ab"), stable_hash("ba"));
}

// A schema named like an API class: generate and diff (which both ask claim_sdk_names) agree on
// who gets the suffix, and API classes are named before any inline model can take their name.
TEST(Naming, TypeNamesAreClaimedInOneScopeInAFixedOrder) {
  auto p = testing::parse_yaml_doc(testing::openapi(R"(  /rooms:
    get:
      operationId: listRooms
      tags: [Room]
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {api: {type: object, properties: {x: {type: string}}}}}}}}}
  /clients:
    get: {operationId: listClients, tags: [Client], responses: {'204': {description: ok}}}
  /other:
    get: {operationId: other, responses: {'204': {description: ok}}}
)",
                                                    "  schemas:\n    RoomApi: {type: string}\n    Client: {type: string}\n"
                                                    "    ListRoomsResponse: {type: string}\n"));
  ASSERT_TRUE(p->doc) << p->diags.to_string();
  SdkNames names = claim_sdk_names(*p->doc);
  EXPECT_EQ(names.components, (std::map<std::string, std::string>{
                                  {"Client", "Client_2"}, {"ListRoomsResponse", "ListRoomsResponse"}, {"RoomApi", "RoomApi"}}));
  EXPECT_EQ(names.api_classes, (std::map<std::string, std::string>{
                                   {"Client", "ClientApi"}, {"Default", "DefaultApi"}, {"Room", "RoomApi_2"}}));
  auto sdk = build_sdk(*p->doc, {}, p->diags);
  ASSERT_TRUE(sdk) << p->diags.to_string();
  std::vector<std::string> apis;
  for (const auto& api : sdk->apis) apis.push_back(api.name);
  EXPECT_EQ(apis, (std::vector<std::string>{"ClientApi", "DefaultApi", "RoomApi_2"}));
  EXPECT_EQ(sdk->apis[2].methods[0].result.type.cpp(), "ListRoomsResponse_2");
}

}  // namespace
}  // namespace wink::codegen::ir
