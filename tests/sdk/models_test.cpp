// Generated models: JSON round trips, unknown values kept, decode errors that name the path.
#include <gtest/gtest.h>

#include <wink/supplier/sdk.h>

#include "fake_client.h"

namespace {

using namespace wink::supplier;
using nlohmann::json;

TEST(Models, RoundTripKeepsEveryField) {
  json in = {{"name", "Flex"}, {"code", "FLX"}, {"status", "ACTIVE"}, {"currency", "EUR"}, {"baseAmount", 120.5},
             {"daysOfWeek", {"MONDAY", "FRIDAY"}}, {"taxes", {{"VAT", 7.5}}}, {"metadata", {{"any", {1, 2}}}},
             {"identifier", "rp-1"}, {"version", 3}};
  RatePlan plan = in.get<RatePlan>();
  EXPECT_EQ(plan.name, "Flex");
  EXPECT_EQ(plan.status, RatePlanStatus::kActive);
  ASSERT_TRUE(plan.daysOfWeek);
  EXPECT_EQ(plan.daysOfWeek->at(1), DayOfWeek::kFriday);
  EXPECT_EQ(plan.taxes->at("VAT"), 7.5);
  EXPECT_EQ((*plan.metadata)["any"][1], 2);
  EXPECT_EQ(*plan.version, 3);
  EXPECT_EQ(json(plan), in);
  EXPECT_EQ(json(plan).get<RatePlan>(), plan);
}

TEST(Models, UnknownPropertiesAreIgnoredAndUnknownEnumValuesKept) {
  json in = {{"name", "n"}, {"code", "c"}, {"status", "SOMETHING_NEW"}, {"currency", "EUR"}, {"baseAmount", 1},
             {"identifier", "i"}, {"addedInV99", true}};
  RatePlan plan = in.get<RatePlan>();
  EXPECT_TRUE(plan.status.is_unknown());
  EXPECT_EQ(plan.status.text(), "SOMETHING_NEW");
  EXPECT_EQ(json(plan)["status"], "SOMETHING_NEW");  // sent back as received
  EXPECT_FALSE(json(plan).contains("addedInV99"));
  RatePlanStatus s{};
  EXPECT_TRUE(from_string("ARCHIVED", s) || from_string("INACTIVE", s));
  EXPECT_FALSE(from_string("nope", s));
  EXPECT_EQ(to_string(RatePlanStatus::kActive), "ACTIVE");
}

TEST(Models, DecodeErrorsNameTheJsonPath) {
  json page = {{"content", {{{"name", "a"}, {"code", "c"}, {"status", "ACTIVE"}, {"currency", "EUR"},
                             {"baseAmount", 1}, {"identifier", "i"}},
                            {{"name", 5}, {"code", "c"}, {"status", "ACTIVE"}, {"currency", "EUR"},
                             {"baseAmount", 1}, {"identifier", "i"}}}}};
  try {
    page.get<PageRatePlan>();
    FAIL() << "expected a DecodeError";
  } catch (const wink::DecodeError& e) {
    EXPECT_EQ(e.path(), "$.content[1].name");
    EXPECT_NE(std::string(e.what()).find("expected string, got integer"), std::string::npos) << e.what();
  }
  try {
    json({{"name", "a"}}).get<RatePlan>();
    FAIL();
  } catch (const wink::DecodeError& e) {
    EXPECT_EQ(e.path(), "$.code");
    EXPECT_NE(std::string(e.what()).find("missing required property"), std::string::npos);
  }
}

TEST(Models, NullableFieldsHaveThreeStates) {
  PropertyProfilePatch p = json{{"displayName", nullptr}, {"website", "https://x"}}.get<PropertyProfilePatch>();
  EXPECT_TRUE(p.displayName.is_null());
  EXPECT_TRUE(p.website.has_value());
  EXPECT_TRUE(p.reservationsEmail.is_absent());
  json out = p;
  EXPECT_TRUE(out.contains("displayName") && out["displayName"].is_null());
  EXPECT_FALSE(out.contains("reservationsEmail"));
}

TEST(Models, OneOfUsesTheDiscriminatorMapping) {
  Promotion promo = json{{"name", "Early"}, {"promotionType", "EARLY_BOOKING"},
                         {"discount", {{"discountType", "PERCENTAGE"}, {"percent", 10}}}}
                        .get<Promotion>();
  ASSERT_TRUE(std::holds_alternative<PercentageDiscount>(promo.discount.value));
  EXPECT_EQ(json(promo)["discount"]["discountType"], "PERCENTAGE");
  FixedAmountDiscount fixed;  // a `const` property starts out as its value
  EXPECT_EQ(fixed.discountType, "FIXED_AMOUNT");
  try {
    json{{"name", "x"}, {"promotionType", "EARLY_BOOKING"}, {"discount", {{"discountType", "BOGUS"}}}}.get<Promotion>();
    FAIL();
  } catch (const wink::DecodeError& e) {
    EXPECT_EQ(e.path(), "$.discount");
    EXPECT_NE(std::string(e.what()).find("BOGUS"), std::string::npos);
  }
}

TEST(Models, RecursiveModelsRoundTrip) {
  json in = {{"id", 1}, {"name", "root"},
             {"children", {{{"id", 2}, {"name", "child"}, {"parent", {{"id", 1}, {"name", "root"}}}}}}};
  Category c = in.get<Category>();
  ASSERT_TRUE(c.children);
  ASSERT_TRUE(c.children->at(0).parent);
  EXPECT_EQ((*c.children->at(0).parent)->name, "root");
  EXPECT_EQ(json(c), in);
}

// wink::json::dump() writes text without a tree; it must be what dump() of the tree gives.
TEST(Models, DirectWriterMatchesTheTreeEncodingByteForByte) {
  json plan = {{"name", "Caf\xC3\xA9 \"quoted\"\n"}, {"code", "FLX"}, {"status", "SOMETHING_NEW"}, {"currency", "EUR"},
               {"baseAmount", 0.1}, {"commissionPercent", 12.25}, {"daysOfWeek", {"MONDAY", "FRIDAY"}},
               {"taxes", {{"VAT", 7.5}, {"CITY", 1e-7}}}, {"metadata", {{"any", {1, nullptr, "\t"}}}},
               {"identifier", "rp-1"}, {"version", 9007199254740993LL}, {"minimumStay", -2}};
  json page = {{"content", {plan, plan}}, {"totalElements", 2}, {"first", true}, {"sort", {{"sorted", false}}}};
  PageRatePlan typed = page.get<PageRatePlan>();
  EXPECT_EQ(wink::json::dump(typed), encode(typed).dump());
  EXPECT_EQ(json::parse(wink::json::dump(typed)), page);

  PropertyProfilePatch patch = json{{"displayName", nullptr}, {"website", "https://x"}}.get<PropertyProfilePatch>();
  EXPECT_EQ(wink::json::dump(patch), encode(patch).dump());
  EXPECT_EQ(wink::json::dump(patch), R"({"displayName":null,"website":"https://x"})");

  Promotion promo = json{{"name", "Early"}, {"promotionType", "EARLY_BOOKING"},
                         {"discount", {{"discountType", "PERCENTAGE"}, {"percent", 10}}}}
                        .get<Promotion>();
  EXPECT_EQ(wink::json::dump(promo), encode(promo).dump());

  Category tree = json{{"id", 1}, {"name", "root"},
                       {"children", {{{"id", 2}, {"name", "child"}, {"parent", {{"id", 1}, {"name", "root"}}}}}}}
                      .get<Category>();
  EXPECT_EQ(wink::json::dump(tree), encode(tree).dump());
}

TEST(Models, RequestBodiesThatAreNotUtf8FailBeforeAnythingIsSent) {
  auto client = std::make_shared<wink::testing::FakeClient>();
  client->answer(201, R"({"name":"n","code":"c","status":"ACTIVE","currency":"EUR","baseAmount":1,"identifier":"i"})");
  RatePlanApi api(client);
  RatePlanCreate body;
  body.name = "bad \xC3";
  body.code = "c";
  body.currency = "EUR";
  body.baseAmount = 1;
  EXPECT_THROW(api.createRatePlan("h", body), wink::EncodeError);
  EXPECT_TRUE(client->requests.empty());
}

TEST(Models, ErrorBodiesAreReachableFromApiError) {
  auto client = std::make_shared<wink::testing::FakeClient>();
  client->answer(404, R"({"title":"Not Found","status":404,"detail":"no rate plan rp-9"})", "application/problem+json");
  RatePlanApi api(client);
  try {
    api.showRatePlan("h", "rp-9");
    FAIL();
  } catch (const wink::ApiError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_EQ(e.operation_id(), "showRatePlan");
    auto problem = e.body_as<ProblemDetail>();
    ASSERT_TRUE(problem);
    EXPECT_EQ(problem->detail.value_or(""), "no rate plan rp-9");
  }
  // Bodies that are not JSON, or do not fit the model, give nullopt rather than an exception.
  for (const char* body : {"<html>bad gateway</html>", "", R"({"status":"four hundred four"})"}) {
    client->answer(502, body, "text/html");
    try {
      api.showRatePlan("h", "rp-9");
      FAIL();
    } catch (const wink::ApiError& e) {
      EXPECT_FALSE(e.body_as<ProblemDetail>()) << body;
    }
  }
}

TEST(Models, ASuccessBodyThatIsNotJsonIsADecodeErrorAtTheRoot) {
  auto client = std::make_shared<wink::testing::FakeClient>();
  client->answer(200, R"({"id":7,"name":)");
  PropertyApi api(client);
  try {
    api.showCategory("h", 7);
    FAIL() << "expected a DecodeError";
  } catch (const wink::DecodeError& e) {
    EXPECT_EQ(e.path(), "$");
    EXPECT_NE(std::string(e.what()).find("invalid JSON"), std::string::npos) << e.what();
  }
}

TEST(Models, RawResponseIsReachableFromResults) {
  auto client = std::make_shared<wink::testing::FakeClient>();
  client->answer(200, R"({"id":7,"name":"c"})");
  client->answers.back().headers.add("X-Request-Id", "abc");
  PropertyApi api(client);
  auto r = api.showCategory("h", 7);
  EXPECT_EQ(r->id, 7);
  EXPECT_EQ(r.status(), 200);
  ASSERT_NE(r.headers().find("x-request-id"), nullptr);
  EXPECT_EQ(r.raw().body, R"({"id":7,"name":"c"})");
}

}  // namespace

namespace {

// Found by fuzz_decode: a number too large for a double is bad input, not a crash.
TEST(Models, NumberOverflowIsADecodeError) {
  EXPECT_THROW(wink::json::parse(R"({"baseAmount": 2e1222})"), wink::DecodeError);
}

}  // namespace
