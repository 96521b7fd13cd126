// One token request per token lifetime whatever the call rate: 4 threads call
// RatePlanApi::showRatePlan at full speed through one wink::HttpClient (client credentials)
// against the test FakeWink (tests/runtime/test_server.h), whose tokens live TTL seconds;
// the fixture counts the token requests it answered.
//
//   token_refresh [SECONDS=3] [TTL_SECONDS=1] [THREADS=4]
// The client's expiry skew is 0 so that the token lifetime is exactly TTL (with the default
// 60 s skew, a 1 s token is refreshed after half its life). Expected: ceil(SECONDS/TTL) +- 1.
#include <cmath>
#include <thread>

#include <wink/http_client.h>
#include <wink/supplier/sdk.h>

#include "bench_util.h"
#include "rate_plan_fixture.h"
#include "test_server.h"

int main(int argc, char** argv) {
  using namespace wink_bench;
  const int seconds = int_arg(argv, argc, 1, 3);
  const int ttl = int_arg(argv, argc, 2, 1);
  const int threads = int_arg(argv, argc, 3, 4);
  try {
    wink::test::FakeWink wink;
    wink.token_ttl = ttl;
    const std::string body = rate_plan_json(1).dump();
    wink.server().Get(R"(/api/managing-entity/([^/]+)/extranet/rate-plan/([^/]+))",
                      [&](const httplib::Request& req, httplib::Response& res) {
                        if (!wink.authorized(req, res)) return;
                        res.set_content(body, "application/json");
                      });
    wink.start();

    wink::ClientOptions options = wink::test::options_for(wink);
    options.token_expiry_skew = std::chrono::seconds(0);
    options.scope_policy = wink::ScopePolicy::Off;
    options.retry.max_attempts = 1;
    wink::supplier::RatePlanApi api(std::make_shared<wink::HttpClient>(options));

    std::atomic<long> calls{0}, failures{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> pool;
    const auto start = Clock::now();
    for (int t = 0; t < threads; ++t) {
      pool.emplace_back([&] {
        while (!stop.load(std::memory_order_relaxed)) {
          try {
            auto r = api.showRatePlan("managing-entity-1", "rate-plan-1");
            keep(r);
            ++calls;
          } catch (const std::exception&) {
            ++failures;
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : pool) t.join();
    const double elapsed = seconds_since(start);

    record("token.requests", wink.token_requests.load());
    record("token.expected", std::ceil(static_cast<double>(seconds) / ttl));  // calls stop at SECONDS
    record("token.calls", static_cast<double>(calls.load()));
    record("token.calls_per_s", static_cast<double>(calls.load()) / elapsed);
    record("token.api_401", wink.api_unauthorized.load());
    record("token.failed_calls", static_cast<double>(failures.load()));
    note("token_setup", std::to_string(threads) + " threads for " + std::to_string(elapsed).substr(0, 4) + " s, token lifetime " +
                            std::to_string(ttl) + " s (expiry skew 0), one shared wink::HttpClient; with skew 0 a call still in flight when its token expires gets a 401 and is retried once with the new token");
  } catch (const std::exception& e) {
    std::cerr << "token_refresh: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
