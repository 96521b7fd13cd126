// Per-operation scope metadata of the generated SDK, and the generated gmock mocks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <wink/supplier/mocks/mock_rate_plan_api.h>
#include <wink/supplier/sdk.h>

namespace {

using namespace wink::supplier;

// Lookups are constexpr: checked at compile time.
static_assert(operations::find("showRatePlan") == &operations::kShowRatePlan);
static_assert(operations::find("noSuchOperation") == nullptr);
static_assert(operations::kShowRatePlan.scopes.size == 1);
static_assert(operations::kShowRatePlan.scopes.data[0] == "inventory.read");
static_assert(operations::kShowRatePlan.idempotent && !operations::kCreateRatePlan.idempotent);

TEST(Scopes, EveryOperationHasItsDerivedScope) {
  for (const auto* op : operations::kAll) {
    EXPECT_FALSE(op->scopes.empty()) << op->operation_id;
    for (auto scope : op->scopes) {
      EXPECT_NE(std::find(operations::kDeclaredScopes.begin(), operations::kDeclaredScopes.end(), scope),
                operations::kDeclaredScopes.end())
          << op->operation_id << " needs undeclared " << scope;
    }
  }
  EXPECT_EQ(operations::kRemoveRatePlan.method, "DELETE");
  EXPECT_EQ(operations::kRemoveRatePlan.scopes.data[0], "inventory.remove");
  EXPECT_EQ(operations::kExportBookingsCsv.operation_id, "export-bookings-csv");  // kebab-case kept on the wire
}

TEST(Scopes, MinimalScopesCoverTheOperationsUsed) {
  EXPECT_EQ(operations::minimal_scopes({"showRatePlan", "listRatePlans"}), "inventory.read");
  EXPECT_EQ(operations::minimal_scopes({"showRatePlan", "createRatePlan", "removeRatePlan"}),
            "inventory.read inventory.remove inventory.write");
  EXPECT_THROW(operations::minimal_scopes({"nope"}), std::invalid_argument);
}

TEST(Scopes, ConfigureFillsInTheDeclaredScopesAndVersions) {
  wink::ClientOptions o = configure({});
  EXPECT_EQ(o.spec_version, std::string(kSpecVersion));
  EXPECT_EQ(o.known_scopes.size(), operations::kDeclaredScopes.size());
  EXPECT_TRUE(o.known_scopes.count("inventory.read"));
}

// Users unit-test their own code against the generated mocks.
std::string first_plan_name(RatePlanApi& api) { return api.listRatePlans("hotel-1")->content.value().at(0).name; }

TEST(Mocks, GeneratedMocksStandInForApiClasses) {
  mocks::MockRatePlanApi api;
  PageRatePlan page;
  RatePlan plan;
  plan.name = "Flex";
  page.content = std::vector<RatePlan>{plan};
  EXPECT_CALL(api, listRatePlans("hotel-1", testing::_, testing::_))
      .WillOnce(testing::Return(wink::Response<PageRatePlan>(page, wink::HttpResponse{200, {}, ""})));
  EXPECT_EQ(first_plan_name(api), "Flex");
}

}  // namespace
