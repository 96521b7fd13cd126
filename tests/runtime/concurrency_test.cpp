// One client shared by many threads: exactly one token request per token lifetime, keep-alive
// connection reuse, single flight on concurrent 401s. Also run under ThreadSanitizer
// (-DWINK_RUNTIME_TSAN=ON).
#include <gtest/gtest.h>

#include "test_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {
constexpr int kThreads = 8;

template <class F>
void run_threads(F f) {
  std::vector<std::thread> ts;
  for (int t = 0; t < kThreads; ++t) ts.emplace_back(f, t);
  for (auto& t : ts) t.join();
}
}  // namespace

TEST(Concurrency, EightThreadsFiveHundredCallsOneTokenFewConnections) {
  FakeWink w;
  w.start();
  HttpClient client(options_for(w));
  std::atomic<int> ok{0}, bad{0};
  run_threads([&](int) {
    for (int i = 0; i < 500; ++i) {
      try {
        (client.send(get("/api/echo")).status == 200 ? ok : bad)++;
      } catch (const std::exception&) {
        ++bad;
      }
    }
  });
  EXPECT_EQ(ok.load(), kThreads * 500);
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(w.token_requests.load(), 1);
  EXPECT_EQ(w.api_unauthorized.load(), 0);
  // Each thread's pooled handle keeps its connection alive: at most one per thread.
  EXPECT_LE(w.srv().connections(), static_cast<std::size_t>(kThreads));
  std::cout << "[          ] " << w.srv().requests() << " requests over " << w.srv().connections()
            << " connections, " << w.token_requests.load() << " token request(s)\n";
}

TEST(Concurrency, OneTokenRequestPerTokenLifetime) {
  FakeWink w;
  w.token_ttl = 2;  // refreshed every 1 s (skew clamped to half the lifetime)
  w.start();
  HttpClient client(options_for(w));
  std::atomic<int> bad{0};
  const auto t0 = std::chrono::steady_clock::now();
  const auto run_for = 2200ms;
  run_threads([&](int) {
    while (std::chrono::steady_clock::now() - t0 < run_for) {
      try {
        if (client.send(get("/api/echo")).status != 200) ++bad;
      } catch (const std::exception&) {
        ++bad;
      }
    }
  });
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_EQ(bad.load(), 0);
  EXPECT_EQ(w.api_unauthorized.load(), 0);  // no call ever carried an expired token
  const int lifetimes = static_cast<int>(elapsed / 1.0) + 1;
  EXPECT_GE(w.token_requests.load(), 3);  // t=0, ~1 s, ~2 s
  EXPECT_LE(w.token_requests.load(), lifetimes) << "elapsed " << elapsed << " s";
}

TEST(Concurrency, ConcurrentUnauthorizedCausesOneRefetch) {
  FakeWink w;
  w.start();
  HttpClient client(options_for(w));
  ASSERT_EQ(client.send(get("/api/echo")).status, 200);
  w.revoke_all();
  std::atomic<int> ok{0};
  run_threads([&](int) {
    for (int i = 0; i < 20; ++i)
      if (client.send(get("/api/echo")).status == 200) ++ok;
  });
  EXPECT_EQ(ok.load(), kThreads * 20);
  EXPECT_EQ(w.token_requests.load(), 2);
}

TEST(Concurrency, SingleFlightTokenFetchUnderBurst) {
  FakeWink w;
  w.set_token_mode("slow");  // 400 ms: every caller arrives while the first fetch is in flight
  w.start();
  auto transport = std::make_shared<CurlTransport>();
  ClientCredentialsConfig cfg;
  cfg.token_url = w.token_url();
  cfg.client_id = w.client_id;
  cfg.client_secret = w.client_secret;
  ClientCredentialsTokenProvider provider(cfg, transport);
  std::mutex mu;
  std::set<std::string> seen;
  std::vector<std::thread> ts;
  for (int t = 0; t < 16; ++t)
    ts.emplace_back([&] {
      auto tok = provider.token().value;
      std::lock_guard<std::mutex> lk(mu);
      seen.insert(tok);
    });
  for (auto& t : ts) t.join();
  EXPECT_EQ(w.token_requests.load(), 1);
  EXPECT_EQ(provider.requests_sent(), 1u);
  EXPECT_EQ(seen.size(), 1u);
}

TEST(Concurrency, FailedFetchIsSharedByWaitersThenRetried) {
  FakeWink w;
  w.set_token_mode("invalid_client");
  w.start();
  HttpClient client(options_for(w));
  std::atomic<int> auth_errors{0};
  run_threads([&](int) {
    try {
      client.send(get("/api/echo"));
    } catch (const AuthError&) {
      ++auth_errors;
    }
  });
  EXPECT_EQ(auth_errors.load(), kThreads);
  EXPECT_LE(w.token_requests.load(), kThreads);  // never more than one in flight at a time
}
