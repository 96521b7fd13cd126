// Lists a property's rate plans. Credentials come from the environment:
//   WINK_CLIENT_ID, WINK_CLIENT_SECRET [, WINK_ENVIRONMENT, WINK_API_BASE_URL, WINK_TOKEN_URL]
// usage: list_rate_plans <managing-entity-identifier>
#include <iostream>

#include <wink/supplier/sdk.h>

int main(int argc, char** argv) {
  namespace sdk = wink::supplier;
  const std::string property = argc > 1 ? argv[1] : "hotel-1";
  try {
    wink::ClientOptions options = wink::ClientOptions::from_env();
    // Least privilege: exactly what the operations this program calls require.
    if (options.scopes.empty()) options.scopes = wink::split_scopes(sdk::operations::minimal_scopes({"listRatePlans"}));
    sdk::RatePlanApi rate_plans(sdk::make_client(options));
    auto page = rate_plans.listRatePlans(property);
    for (const auto& plan : page->content.value_or(std::vector<sdk::RatePlan>{}))
      std::cout << plan.identifier << '\t' << plan.name << '\t' << plan.status.text() << '\n';
    std::cout << page->content.value_or(std::vector<sdk::RatePlan>{}).size() << " rate plan(s)\n";
    return 0;
  } catch (const wink::ApiError& e) {
    std::cerr << "API error " << e.status() << ": ";
    if (auto problem = e.body_as<sdk::ProblemDetail>()) std::cerr << problem->detail.value_or(problem->title.value_or(""));
    std::cerr << '\n';
  } catch (const wink::Error& e) {  // transport, auth, scope, decode, configuration
    std::cerr << e.what() << '\n';
  }
  return 1;
}
