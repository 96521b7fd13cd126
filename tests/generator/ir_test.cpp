// The IR stage: C++ types, models, methods and scopes.
#include <gtest/gtest.h>

#include <ctime>

#include <algorithm>
#include <map>
#include <optional>

#include "ir/conformance.h"
#include "ir/model.h"
#include "ir/signature.h"
#include "ir/type.h"
#include "test_support.h"

namespace wink::codegen {
namespace {

using testing::openapi;
using testing::parse_yaml_doc;

struct Built {
  std::unique_ptr<testing::Parsed> parsed;
  std::optional<ir::Sdk> sdk;
};

Built build(const std::string& yaml, const spec::ScopeMap* map = nullptr) {
  Built b;
  b.parsed = parse_yaml_doc(yaml);
  if (!b.parsed->doc) return b;
  ir::BuildOptions options;
  options.scope_map = map;
  b.sdk = ir::build_sdk(*b.parsed->doc, options, b.parsed->diags);
  return b;
}

const ir::Model* model(const ir::Sdk& sdk, const std::string& name) {
  for (const auto& m : sdk.models)
    if (m.name == name) return &m;
  return nullptr;
}

const ir::Field* field(const ir::Model& m, const std::string& name) {
  for (const auto& f : m.fields)
    if (f.name == name) return &f;
  return nullptr;
}

const ir::Method* method(const ir::Sdk& sdk, const std::string& name) {
  for (const auto& a : sdk.apis)
    for (const auto& m : a.methods)
      if (m.name == name) return &m;
  return nullptr;
}

// ---- ir::Type: one spelling, questions answered from the structure ------------------------------

TEST(IrType, OneFunctionSpellsEveryKind) {
  using ir::Type;
  using K = Type::Kind;
  const std::pair<Type, const char*> spelled[] = {
      {Type(K::kBool), "bool"},
      {Type(K::kInt32), "std::int32_t"},
      {Type(K::kInt64), "std::int64_t"},
      {Type(K::kFloat), "float"},
      {Type(K::kDouble), "double"},
      {Type(K::kString), "std::string"},
      {Type(K::kJson), "nlohmann::json"},
      {Type(K::kFilePart), "wink::FilePart"},
      {Type(), "wink::Empty"},
      {Type::model("Room"), "Room"},
      {Type::enumeration("Status"), "wink::EnumValue<Status>"},
      {Type::optional(Type::box(Type::model("Room"))), "std::optional<wink::Box<Room>>"},
      {Type::nullable(Type::vector(Type(K::kString))), "wink::Nullable<std::vector<std::string>>"},
      {Type::map(Type::vector(Type::enumeration("Status"))), "std::map<std::string, std::vector<wink::EnumValue<Status>>>"},
  };
  for (const auto& [type, cpp] : spelled) EXPECT_EQ(type.cpp(), cpp);
  // Outside the SDK's namespace (a model header's result instantiations) models are qualified.
  EXPECT_EQ(Type::map(Type::vector(Type::enumeration("Status"))).cpp("wink::sdk"),
            "std::map<std::string, std::vector<wink::EnumValue<wink::sdk::Status>>>");
  EXPECT_EQ(Type::optional(Type::model("Room")).cpp("a::b"), "std::optional<a::b::Room>");
}

TEST(IrType, PredicatesReadTheStructure) {
  using ir::Type;
  using K = Type::Kind;
  for (K scalar : {K::kBool, K::kInt32, K::kInt64, K::kFloat, K::kDouble}) EXPECT_TRUE(Type(scalar).passed_by_value());
  EXPECT_FALSE(Type::optional(Type(K::kInt32)).passed_by_value());
  EXPECT_FALSE(Type(K::kString).passed_by_value());
  EXPECT_FALSE(Type::model("Room").passed_by_value());

  EXPECT_TRUE(Type::optional(Type::map(Type::vector(Type(K::kJson)))).holds_json());
  EXPECT_FALSE(Type::model("JsonDocument").holds_json());  // a name is not a type
  EXPECT_FALSE(Type::vector(Type::enumeration("Json")).holds_json());

  Type boxed = Type::box(Type::model("Category"));
  EXPECT_TRUE(boxed.is_box());
  EXPECT_FALSE(Type::optional(boxed).is_box());
  EXPECT_TRUE(Type::nullable(Type::optional(boxed)).unwrapped().is_box());
  EXPECT_EQ(Type::vector(boxed).unwrapped(), Type::vector(boxed));

  EXPECT_EQ(Type::map(Type::vector(Type::enumeration("Status"))).models(), std::vector<std::string>{"Status"});
  EXPECT_EQ(Type::optional(boxed).models(), std::vector<std::string>{"Category"});
  EXPECT_TRUE(Type::vector(Type(K::kString)).models().empty());

  EXPECT_EQ(Type::vector(Type::model("A")), Type::vector(Type::model("A")));
  EXPECT_NE(Type::vector(Type::model("A")), Type::vector(Type::model("B")));
  EXPECT_NE(Type::vector(Type::model("A")), Type::optional(Type::model("A")));
  EXPECT_NE(Type::model("A"), Type::enumeration("A"));
}

TEST(IrModels, FieldTypesFollowRequiredAndNullable) {
  auto b = build(openapi("  {}\n", R"(  schemas:
    Rate:
      type: object
      required: [id, note]
      properties:
        id: {type: integer, format: int64}
        note: {type: [string, 'null']}
        price: {type: number, format: float}
        cleared: {type: [string, 'null']}
        tags: {type: array, items: {type: string}}
        extra: {type: object, additionalProperties: {type: integer, format: int32}}
        anything: {}
        when: {type: string, format: date-time}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  const ir::Model* m = model(*b.sdk, "Rate");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(field(*m, "id")->type.cpp(), "std::int64_t");
  EXPECT_TRUE(field(*m, "id")->required);
  EXPECT_EQ(field(*m, "note")->type.cpp(), "std::optional<std::string>");
  EXPECT_TRUE(field(*m, "note")->required);
  EXPECT_FALSE(field(*m, "price")->required);
  EXPECT_EQ(field(*m, "price")->type.cpp(), "std::optional<float>");
  EXPECT_EQ(field(*m, "cleared")->type.cpp(), "wink::Nullable<std::string>");
  EXPECT_EQ(field(*m, "tags")->type.cpp(), "std::optional<std::vector<std::string>>");
  EXPECT_EQ(field(*m, "extra")->type.cpp(), "std::optional<std::map<std::string, std::int32_t>>");
  EXPECT_EQ(field(*m, "anything")->type.cpp(), "std::optional<nlohmann::json>");
  EXPECT_EQ(field(*m, "when")->type.cpp(), "std::optional<std::string>");
}

TEST(IrModels, EnumsAllOfAndOneOfWithDiscriminator) {
  auto b = build(openapi("  {}\n", R"(  schemas:
    Status: {type: string, enum: [ACTIVE, on-request, '2.0', ACTIVE]}
    Base: {type: object, required: [id], properties: {id: {type: string}}}
    Cat: {allOf: [{$ref: '#/components/schemas/Base'}, {type: object, properties: {meow: {type: boolean}}}]}
    Dog: {type: object, properties: {kind: {type: string}}}
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind, mapping: {cat: '#/components/schemas/Cat', dog: Dog}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  const ir::Model* status = model(*b.sdk, "Status");
  ASSERT_EQ(status->kind, ir::Model::Kind::Enum);
  ASSERT_EQ(status->members.size(), 3u);  // duplicates dropped
  EXPECT_EQ(status->members[0].name, "kActive");
  EXPECT_EQ(status->members[1].name, "kOnRequest");
  EXPECT_EQ(status->members[2].name, "k2_0");
  const ir::Model* cat = model(*b.sdk, "Cat");
  ASSERT_EQ(cat->fields.size(), 2u);
  EXPECT_EQ(cat->fields[0].name, "id");
  EXPECT_TRUE(cat->fields[0].required);
  const ir::Model* pet = model(*b.sdk, "Pet");
  ASSERT_EQ(pet->kind, ir::Model::Kind::Variant);
  ASSERT_EQ(pet->alternatives.size(), 2u);
  EXPECT_EQ(pet->alternatives[0].discriminator_values, std::vector<std::string>{"cat"});
  EXPECT_EQ(pet->alternatives[1].discriminator_values, std::vector<std::string>{"dog"});
}

TEST(IrModels, RecursionIsBrokenWithBoxAndGroupedInOneHeader) {
  auto b = build(openapi("  {}\n", R"(  schemas:
    Category:
      type: object
      properties:
        parent: {$ref: '#/components/schemas/Category'}
        children: {type: array, items: {$ref: '#/components/schemas/Category'}}
    A: {type: object, required: [b], properties: {b: {$ref: '#/components/schemas/B'}}}
    B: {type: object, properties: {a: {$ref: '#/components/schemas/A'}}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  const ir::Model* cat = model(*b.sdk, "Category");
  EXPECT_EQ(field(*cat, "parent")->type.cpp(), "std::optional<wink::Box<Category>>");
  EXPECT_EQ(field(*cat, "children")->type.cpp(), "std::optional<std::vector<Category>>");
  const ir::Model* a = model(*b.sdk, "A");
  EXPECT_EQ(field(*a, "b")->type.cpp(), "std::optional<wink::Box<B>>");  // cannot stay required
  bool grouped = std::any_of(b.sdk->groups.begin(), b.sdk->groups.end(), [](const ir::ModelGroup& g) {
    return g.models.size() == 2 && g.file_stem == "a";
  });
  EXPECT_TRUE(grouped);
}

// Only headers whose models hold nlohmann::json values need its complete type; the others
// include its forward declaration (half of a model's compile time).
TEST(IrModels, GroupsHoldingFreeFormValuesAreFlagged) {
  auto b = build(openapi("  {}\n", R"(  schemas:
    Plain: {type: object, properties: {id: {type: string}, tags: {type: array, items: {type: integer}}}}
    Field: {type: object, properties: {meta: {}}}
    Listed: {type: object, properties: {items: {type: array, items: {}}}}
    Mapped: {type: object, additionalProperties: {}}
    Aliased: {}
    Either: {oneOf: [{type: string}, {type: object, additionalProperties: true}]}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  auto flag = [&](const std::string& stem) -> std::optional<bool> {
    for (const auto& g : b.sdk->groups)
      if (g.file_stem == stem) return g.holds_json_values;
    return std::nullopt;
  };
  EXPECT_EQ(flag("plain"), false);
  EXPECT_EQ(flag("field"), true);
  EXPECT_EQ(flag("listed"), true);
  EXPECT_EQ(flag("mapped"), true);
  EXPECT_EQ(flag("aliased"), true);
  EXPECT_EQ(flag("either"), true);
}

// Users of a header that holds free-form values parse <nlohmann/json.hpp> too; their model code
// is bucketed apart, so that the other model sources do not parse it.
TEST(IrModels, GroupsReachingFreeFormValuesGetSourcesOfTheirOwn) {
  auto b = build(openapi("  {}\n", R"(  schemas:
    Plain: {type: object, properties: {id: {type: string}}}
    Field: {type: object, properties: {meta: {}}}
    User: {type: object, properties: {field: {$ref: '#/components/schemas/Field'}}}
    UserOfUser: {type: object, properties: {user: {$ref: '#/components/schemas/User'}, plain: {$ref: '#/components/schemas/Plain'}}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  std::map<std::string, const ir::ModelGroup*> groups;
  for (const auto& g : b.sdk->groups) groups[g.file_stem] = &g;
  ASSERT_EQ(groups.size(), 4u);
  EXPECT_FALSE(groups["plain"]->reaches_json_values);
  EXPECT_TRUE(groups["field"]->holds_json_values && groups["field"]->reaches_json_values);
  EXPECT_FALSE(groups["user"]->holds_json_values);
  EXPECT_TRUE(groups["user"]->reaches_json_values);
  EXPECT_TRUE(groups["user_of_user"]->reaches_json_values);
  std::map<std::string, std::string> source_of;
  for (const auto& s : b.sdk->model_sources)
    for (const auto* g : s.groups) source_of[g->file_stem] = s.file_stem;
  EXPECT_EQ(source_of["plain"], "models_00");
  for (const char* stem : {"field", "user", "user_of_user"}) EXPECT_EQ(source_of[stem], "models_json_00") << stem;
}

// Model code is compiled a few groups per source file; which file depends only on the group's
// stem and the number of files, so that a new schema leaves the other files alone.
TEST(IrModels, ModelSourcesHoldEachGroupOnceInBucketsThatDependOnlyOnTheStem) {
  auto groups_named = [](std::size_t n, std::size_t first = 0) {
    std::vector<ir::ModelGroup> groups(n);
    for (std::size_t i = 0; i < n; ++i) groups[i].file_stem = "group_" + std::to_string(first + i);
    return groups;
  };
  auto bucket_of = [](const std::vector<ir::ModelSource>& sources) {
    std::map<std::string, std::string> where;
    for (const auto& s : sources)
      for (const auto* g : s.groups) EXPECT_TRUE(where.emplace(g->file_stem, s.file_stem).second) << g->file_stem;
    return where;
  };
  EXPECT_TRUE(ir::plan_model_sources({}).empty());

  auto few = groups_named(ir::kGroupsPerSource);
  auto one = ir::plan_model_sources(few);
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].file_stem, "models_00");
  EXPECT_EQ(one[0].groups.size(), few.size());
  EXPECT_TRUE(std::is_sorted(one[0].groups.begin(), one[0].groups.end(),
                             [](auto* a, auto* b) { return a->file_stem < b->file_stem; }));

  // 20 groups: 4 files at most (2 x 8 < 20 <= 4 x 8), each group in exactly one, sorted there.
  auto twenty = groups_named(20);
  auto sources = ir::plan_model_sources(twenty);
  EXPECT_GE(sources.size(), 2u);
  EXPECT_LE(sources.size(), 4u);
  auto where = bucket_of(sources);
  EXPECT_EQ(where.size(), 20u);
  for (const auto& s : sources) {
    EXPECT_TRUE(s.file_stem == "models_00" || s.file_stem == "models_01" || s.file_stem == "models_02" ||
                s.file_stem == "models_03") << s.file_stem;
    EXPECT_TRUE(std::is_sorted(s.groups.begin(), s.groups.end(),
                               [](auto* a, auto* b) { return a->file_stem < b->file_stem; }));
  }
  // One more group: the others stay where they were.
  auto more = groups_named(21);
  auto again = bucket_of(ir::plan_model_sources(more));
  for (const auto& [stem, file] : where) EXPECT_EQ(again.at(stem), file) << stem;

  // Many groups: zero-padded numbers, about kGroupsPerSource each, none far off the average.
  auto many = groups_named(1000, 5000);
  auto big = ir::plan_model_sources(many);
  EXPECT_LE(big.size(), 128u);
  EXPECT_GE(big.size(), 120u);
  EXPECT_EQ(bucket_of(big).size(), 1000u);
  for (const auto& s : big) {
    EXPECT_EQ(s.file_stem.size(), std::string("models_000").size()) << s.file_stem;
    EXPECT_LE(s.groups.size(), 3 * ir::kGroupsPerSource) << s.file_stem;
  }
}

// A built SDK plans its sources over all of its groups.
TEST(IrModels, EveryGroupOfABuiltSdkIsInOneModelSource) {
  auto b = build(openapi("  {}\n", R"(  schemas:
    A: {type: object, properties: {b: {$ref: '#/components/schemas/B'}}}
    B: {type: object, properties: {kind: {type: string, enum: [x, y]}}}
    C: {type: string, enum: [p, q]}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  std::size_t listed = 0;
  for (const auto& s : b.sdk->model_sources)
    for (const auto* g : s.groups) {
      ++listed;
      EXPECT_TRUE(g >= b.sdk->groups.data() && g < b.sdk->groups.data() + b.sdk->groups.size()) << g->file_stem;
    }
  EXPECT_EQ(listed, b.sdk->groups.size());
  EXPECT_GE(b.sdk->groups.size(), 3u);
}

// A 10,000-link chain of pure `$ref`s (S0 -> S1 -> ... -> Pet) is resolved in linear time: the
// spec stage's cycle check and the IR's resolution each walk it once, and the loader finds each
// of the 10,000 schemas through an index instead of a scan: well under a second.
TEST(IrModels, ALongRefChainIsLinear) {
  constexpr int kLinks = 10'000;
  std::string schemas = "  schemas:\n    Pet: {type: object, properties: {id: {type: string}}}\n";
  for (int i = 0; i < kLinks; ++i) {
    const std::string next = i + 1 == kLinks ? "Pet" : "S" + std::to_string(i + 1);
    schemas += "    S" + std::to_string(i) + ": {$ref: '#/components/schemas/" + next + "'}\n";
  }
  const std::string paths =
      "  /pets:\n    get:\n      operationId: getPet\n      responses:\n        '200':\n          description: ok\n"
      "          content:\n            application/json:\n              schema: {$ref: '#/components/schemas/S0'}\n";
  // CPU time, not wall time: the machine may be shared (0.1 s in a release build, 0.4 s at -O0).
  const std::clock_t start = std::clock();
  auto b = build(openapi(paths, schemas));
  const double seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  EXPECT_EQ(b.parsed->doc->resolve(b.parsed->doc->find_schema("S0")), b.parsed->doc->find_schema("Pet"));
  EXPECT_LT(seconds, 1.0);
}

TEST(IrMethods, SignaturesDropRuntimeHeadersAndSplitOptionalParameters) {
  auto b = build(openapi(R"(  /p/{id}/rates:
    get:
      operationId: list-rates
      tags: [Rate Plan]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: page, in: query, schema: {type: integer, format: int32}}
        - {name: Wink-Version, in: header, schema: {type: string}}
        - {name: Accept, in: header, schema: {type: string}}
        - {name: If-Match, in: header, required: true, schema: {type: string}}
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  ASSERT_EQ(b.sdk->apis.size(), 1u);
  EXPECT_EQ(b.sdk->apis[0].name, "RatePlanApi");
  const ir::Method* m = method(*b.sdk, "listRates");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(ir::declaration_args(*m),
            "const std::string& id, const std::string& ifMatch, const ListRatesParams& params = {}, "
            "const wink::CallOptions& options = {}");
  EXPECT_EQ(m->result.type.cpp(), "std::vector<std::string>");
  ASSERT_EQ(m->optional.size(), 1u);
  EXPECT_EQ(m->optional[0].type.cpp(), "std::optional<std::int32_t>");
  EXPECT_EQ(ir::argument_access(m->optional[0]), "params.page");
  EXPECT_TRUE(m->has_query);     // page
  EXPECT_FALSE(m->has_cookies);  // no cookie parameter: the method builds no Cookie header
}

// Methods build a query string or a Cookie header only when a parameter goes there.
TEST(IrMethods, QueryAndCookieFlagsFollowTheParameters) {
  auto b = build(openapi(R"(  /a/{id}:
    get:
      operationId: with-cookie
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: string}}
      responses: {'204': {description: ok}}
    delete:
      operationId: plain
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: ok}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  const ir::Method* cookie = method(*b.sdk, "withCookie");
  const ir::Method* plain = method(*b.sdk, "plain");
  ASSERT_TRUE(cookie && plain);
  EXPECT_TRUE(cookie->has_cookies);
  EXPECT_FALSE(cookie->has_query);
  EXPECT_FALSE(plain->has_cookies);
  EXPECT_FALSE(plain->has_query);
}

// Only API classes with free-form bodies, parameters or results include nlohmann/json.hpp.
TEST(IrMethods, ApiClassesUsingFreeFormValuesAreFlagged) {
  auto b = build(openapi(R"(  /typed:
    get:
      operationId: typed
      tags: [Typed]
      parameters:
        - {name: q, in: query, schema: {type: string}}
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {id: {type: string}}}}}}}
  /free-result:
    get:
      operationId: free-result
      tags: [Result]
      responses: {'200': {description: ok, content: {application/json: {schema: {}}}}}
  /free-body:
    post:
      operationId: free-body
      tags: [Body]
      requestBody: {content: {application/json: {schema: {}}}}
      responses: {'204': {description: ok}}
  /free-param:
    get:
      operationId: free-param
      tags: [Param]
      parameters:
        - {name: filter, in: query, schema: {}}
      responses: {'204': {description: ok}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  std::map<std::string, bool> uses;
  for (const auto& api : b.sdk->apis) uses[api.name] = api.uses_json_values;
  EXPECT_EQ(uses, (std::map<std::string, bool>{{"BodyApi", true}, {"ParamApi", true}, {"ResultApi", true}, {"TypedApi", false}}));
}

TEST(IrMethods, ResultsNamingOneGroupsModelsAreInstantiatedByThatGroup) {
  auto b = build(openapi(R"(  /pet:
    get:
      operationId: pet
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
  /pets:
    get:
      operationId: pets
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {$ref: '#/components/schemas/Pet'}}}}}}
  /pet-list:
    get:
      operationId: pet-list
      responses: {'200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/PetList'}}}}}
  /names:
    get:
      operationId: names
      responses: {'200': {description: ok, content: {application/json: {schema: {type: array, items: {type: string}}}}}}
  /inline:
    get:
      operationId: inline
      responses: {'200': {description: ok, content: {application/json: {schema: {type: object, properties: {n: {type: integer}}}}}}}
  /csv:
    get:
      operationId: csv
      responses: {'200': {description: ok, content: {text/csv: {schema: {type: string}}}}}
)",
                         R"(  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
    PetList: {type: array, items: {$ref: '#/components/schemas/Pet'}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  std::map<std::string, std::vector<std::string>> results;  // group -> result types
  for (const auto& g : b.sdk->groups)
    if (!g.result_types.empty()) results[g.file_stem] = g.result_types;
  // The alias PetList is another spelling of std::vector<Pet>: left to the API source, so
  // that no type is instantiated twice; scalars and text results name no model.
  EXPECT_EQ(results, (std::map<std::string, std::vector<std::string>>{
                         {"inline_response", {"wink::sdk::InlineResponse"}},
                         {"pet", {"std::vector<wink::sdk::Pet>", "wink::sdk::Pet"}}}));
}

TEST(IrMethods, MultipartFileArraysBecomeFileParts) {
  auto b = build(openapi(R"(  /upload:
    post:
      operationId: upload
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [files]
              properties:
                files: {type: array, items: {type: string, format: binary}}
                caption: {type: string}
      responses: {'204': {description: none}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  const ir::Method* m = method(*b.sdk, "upload");
  ASSERT_EQ(m->body.kind, ir::BodyKind::Multipart);
  EXPECT_EQ(m->result.type.cpp(), "wink::Empty");
  const ir::Model* body = model(*b.sdk, m->body.type.name());
  ASSERT_NE(body, nullptr);
  EXPECT_FALSE(body->json_codec);
  EXPECT_EQ(field(*body, "files")->type.cpp(), "std::vector<wink::FilePart>");
}

TEST(IrScopes, DerivedFromTagAndMethodUnlessTheRequirementListsScopes) {
  spec::ScopeMap map;
  map.tags["Rate Plan"] = "inventory";
  map.operations.push_back({"special-one", {"content.write"}});
  auto b = build(openapi(R"(  /r:
    get: {operationId: showRate, tags: [Rate Plan], security: [{oauth: []}], responses: {'200': {description: ok}}}
    delete: {operationId: removeRate, tags: [Rate Plan], description: Requires INVENTORY:WRITE, responses: {'204': {description: ok}}}
    post: {operationId: special-one, tags: [Rate Plan], responses: {'204': {description: ok}}}
    put: {operationId: explicit, tags: [Rate Plan], security: [{oauth: [booking.write]}], responses: {'204': {description: ok}}}
    patch: {operationId: untagged, responses: {'204': {description: ok}}}
)", R"(  securitySchemes:
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: 'https://t', scopes: {inventory.read: r, inventory.remove: x, inventory.write: w, content.write: c, booking.write: b}}}
)"), &map);
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  EXPECT_EQ(method(*b.sdk, "showRate")->scopes, std::vector<std::string>{"inventory.read"});
  EXPECT_EQ(method(*b.sdk, "removeRate")->scopes, std::vector<std::string>{"inventory.remove"});
  EXPECT_EQ(method(*b.sdk, "specialOne")->scopes, std::vector<std::string>{"content.write"});
  EXPECT_EQ(method(*b.sdk, "explicit_")->scopes, std::vector<std::string>{"booking.write"});
  EXPECT_TRUE(method(*b.sdk, "untagged")->scopes.empty());
  std::string text = b.parsed->diags.to_string();
  EXPECT_NE(text.find("description says \"Requires INVENTORY:WRITE\""), std::string::npos) << text;
  EXPECT_NE(text.find("'untagged' (PATCH /r) has no scope"), std::string::npos) << text;
}

TEST(IrScopes, StrictTurnsAMissingScopeIntoAnError) {
  auto p = parse_yaml_doc(openapi("  /r:\n    get: {operationId: a, responses: {'200': {description: ok}}}\n",
                                  "  securitySchemes: {oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: t, scopes: {}}}}}\n") +
                          "security: [{oauth: []}]\n");
  ASSERT_TRUE(p->doc) << p->diags.to_string();
  p->diags.set_strict(true);
  auto sdk = ir::build_sdk(*p->doc, {}, p->diags);
  EXPECT_FALSE(sdk);
  EXPECT_NE(p->diags.to_string().find("error: operation 'a' (GET /r) has no scope"), std::string::npos);
}

TEST(IrScopes, ADocumentWithoutSecurityIsPublicAndNeedsNoScope) {
  auto p = parse_yaml_doc(openapi("  /r:\n    get: {operationId: a, responses: {'200': {description: ok}}}\n"));
  ASSERT_TRUE(p->doc);
  p->diags.set_strict(true);
  auto sdk = ir::build_sdk(*p->doc, {}, p->diags);
  ASSERT_TRUE(sdk) << p->diags.to_string();
  EXPECT_TRUE(p->diags.all().empty()) << p->diags.to_string();
}

// The conformance program's made-up values honour the bounds the validated schema keeps.
TEST(IrConformance, MadeUpValuesHonourTheSchemasBounds) {
  auto b = build(openapi(R"(  /r/{code}:
    get:
      operationId: show
      parameters:
        - {name: code, in: path, required: true, schema: {type: string, minLength: 10}}
        - {name: short, in: query, required: true, schema: {type: string, maxLength: 3}}
        - {name: count, in: query, required: true, schema: {type: integer, minimum: 5, exclusiveMinimum: true}}
        - {name: ratio, in: query, required: true, schema: {type: number, exclusiveMaximum: 1}}
        - {name: ids, in: query, required: true, schema: {type: array, minItems: 3, items: {type: string, format: uuid}}}
        - {name: huge, in: query, required: true, schema: {type: array, minItems: 1000000000, items: {type: boolean}}}
      responses: {'204': {description: ok}}
)"));
  ASSERT_TRUE(b.sdk) << b.parsed->diags.to_string();
  ir::Conformance c = ir::build_conformance(*b.parsed->doc, *b.sdk);
  ASSERT_EQ(c.calls.size(), 1u);
  const auto& setup = c.calls[0].setup;
  ASSERT_EQ(setup.size(), 6u);
  EXPECT_NE(setup[0].find(R"(R"wink("examplexxx")wink")"), std::string::npos) << setup[0];
  EXPECT_NE(setup[1].find(R"(R"wink("exa")wink")"), std::string::npos) << setup[1];
  EXPECT_NE(setup[2].find(R"(R"wink(6)wink")"), std::string::npos) << setup[2];
  EXPECT_NE(setup[3].find(R"(R"wink(0.5)wink")"), std::string::npos) << setup[3];
  const std::string uuid = R"("3fa85f64-5717-4562-b3fc-2c963f66afa6")";
  EXPECT_NE(setup[4].find("[" + uuid + "," + uuid + "," + uuid + "]"), std::string::npos) << setup[4];
  EXPECT_LT(setup[5].size(), 200u) << "a document's minItems must not make the program huge";
}

}  // namespace
}  // namespace wink::codegen
