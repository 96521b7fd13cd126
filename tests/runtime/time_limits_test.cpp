// Item 3: time arithmetic saturates, Retry-After beyond the cap means "do not retry",
// expires_in is clamped, each attempt's timeout is clipped to the call's remaining budget, and a
// stalled transfer fails after stall_timeout instead of holding the thread for the whole timeout.
#include <gtest/gtest.h>

#include <climits>

#include "test_server.h"
#include "time_util.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {
// /busy answers 503 with the given Retry-After.
struct Busy {
  FakeWink w;
  std::atomic<int> hits{0};
  std::mutex mu;
  std::string retry_after;
  std::vector<std::chrono::milliseconds> sleeps;
  Busy() {
    w.server().Get("/busy", [this](const httplib::Request&, httplib::Response& res) {
      ++hits;
      std::lock_guard<std::mutex> lk(mu);
      res.status = 503;
      res.set_header("Retry-After", retry_after);
    });
    w.start();
  }
  ~Busy() { w.srv().stop(); }
  ClientOptions options() {
    auto o = options_for(w);
    o.token_provider = std::make_shared<StaticTokenProvider>("t0k3n");
    o.sleep = [this](std::chrono::milliseconds d) {
      std::lock_guard<std::mutex> lk(mu);
      sleeps.push_back(d);
    };
    return o;
  }
};
}  // namespace

TEST(TimeLimits, SaturatingHelpers) {
  using detail::SteadyClock;
  const auto now = SteadyClock::now();
  EXPECT_EQ(detail::add_saturating(now, std::chrono::milliseconds::max()), SteadyClock::time_point::max());
  EXPECT_EQ(detail::add_saturating(now, std::chrono::hours(24LL * 365 * 1000000)), SteadyClock::time_point::max());
  EXPECT_EQ(detail::add_saturating(now, 5ms), now + 5ms);
  EXPECT_EQ(detail::time_left(SteadyClock::time_point::max(), now), std::chrono::milliseconds::max());
  EXPECT_EQ(detail::time_left(now - 1s, now), 0ms);
  EXPECT_EQ(parse_retry_after("10000000000"), std::chrono::milliseconds(10000000000LL * 1000));
  EXPECT_EQ(parse_retry_after("99999999999999999999999"), std::chrono::milliseconds::max());
  EXPECT_GT(*parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT"), std::chrono::hours(24LL * 365 * 7000));
  EXPECT_GT(*parse_retry_after("Sat, 01 Jan 99999 00:00:00 GMT"), std::chrono::hours(24LL * 365 * 7000));
  RetryPolicy huge;
  huge.initial_backoff = std::chrono::milliseconds::max();
  huge.max_backoff = std::chrono::milliseconds::max();
  EXPECT_GT(backoff_delay(huge, 60, 0.9), std::chrono::hours(24LL * 365 * 1000));
}

TEST(TimeLimits, HugeRetryAfterMeansDoNotRetry) {
  for (const char* value : {"10000000000", "99999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT", "61"}) {
    Busy b;
    b.retry_after = value;
    HttpClient client(b.options());
    auto t0 = std::chrono::steady_clock::now();
    EXPECT_EQ(client.send(get("/busy")).status, 503) << value;
    EXPECT_LT(std::chrono::steady_clock::now() - t0, 2s) << value;
    EXPECT_EQ(b.hits.load(), 1) << value;
    EXPECT_TRUE(b.sleeps.empty()) << value;
  }
}

TEST(TimeLimits, RetryAfterCapIsTheSmallerOfTheOptionAndTheBudget) {
  {
    Busy b;
    b.retry_after = "61";
    auto o = b.options();
    o.retry.max_retry_after = 120s;
    o.retry.max_total_time = 300s;
    HttpClient client(o);
    EXPECT_EQ(client.send(get("/busy")).status, 503);
    EXPECT_EQ(b.sleeps, (std::vector<std::chrono::milliseconds>{61s, 61s}));  // recorded, not slept
  }
  {
    Busy b;
    b.retry_after = "61";
    auto o = b.options();
    o.retry.max_total_time = 300s;  // there would be time, but 61 s is above max_retry_after (60 s)
    HttpClient client(o);
    EXPECT_EQ(client.send(get("/busy")).status, 503);
    EXPECT_TRUE(b.sleeps.empty());
    EXPECT_EQ(b.hits.load(), 1);
  }
  {
    Busy b;
    b.retry_after = "30";
    auto o = b.options();
    o.retry.max_total_time = 20s;  // 30 s would not fit in what is left of 20 s
    HttpClient client(o);
    EXPECT_EQ(client.send(get("/busy")).status, 503);
    EXPECT_TRUE(b.sleeps.empty());
  }
}

TEST(TimeLimits, ExpiresInIsClamped) {
  std::string expires = "0";  // before the server: its handlers use it until it stops
  std::mutex mu;
  FakeWink w;
  w.server().Post("/odd-token", [&](const httplib::Request&, httplib::Response& res) {
    ++w.token_requests;
    std::lock_guard<std::mutex> lk(mu);
    res.set_content(R"({"access_token":"tok-)" + std::to_string(w.token_requests.load()) +
                        R"(","token_type":"Bearer","expires_in":)" + expires + "}",
                    "application/json");
  });
  w.server().Get("/api/any", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
  w.start();
  for (const char* value : {"0", "1e300", "18446744073709551616", "\"99999999999999999999999\"", "-5", "1.5e10"}) {
    {
      std::lock_guard<std::mutex> lk(mu);
      expires = value;
    }
    const int before = w.token_requests.load();
    auto o = options_for(w);
    o.token_url = w.srv().url("/odd-token");
    HttpClient client(o);
    for (int i = 0; i < 5; ++i) ASSERT_EQ(client.send(get("/api/any")).status, 200) << value;
    EXPECT_EQ(w.token_requests.load() - before, 1) << "expires_in " << value << " must not mean a token per call";
  }
}

TEST(TimeLimits, EachAttemptIsClippedToTheRemainingBudget) {
  Gate gate;
  std::atomic<int> hits{0};
  FakeWink w;
  w.server().Get("/slow", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    gate.wait(5s);
    res.set_content("late", "text/plain");
  });
  w.start();
  auto o = options_for(w);
  o.token_provider = std::make_shared<StaticTokenProvider>("t0k3n");
  o.timeout = 10s;                     // per attempt
  o.retry.max_total_time = 400ms;      // but the call may take 400 ms in all
  o.retry.initial_backoff = 1ms;
  HttpClient client(o);
  auto t0 = std::chrono::steady_clock::now();
  try {
    client.send(get("/slow"));
    ADD_FAILURE() << "expected a timeout";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.curl_code(), 28) << e.what();
  }
  const auto took = std::chrono::steady_clock::now() - t0;
  gate.release();
  EXPECT_GE(took, 350ms);
  EXPECT_LT(took, 2500ms);  // slack for a loaded machine and sanitizers; 10 s without the clip
  EXPECT_GE(hits.load(), 1);
}

TEST(TimeLimits, AStalledTransferFailsAfterTheStallTimeout) {
  RawServer server([](RawServer::Connection& c) {
    if (c.read_request().empty()) return;
    c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + std::string(100, 'x'));  // then silence
    c.hang();
  });
  ClientOptions o;
  o.api_base_url = server.url();
  o.token_provider = std::make_shared<StaticTokenProvider>("t0k3n");
  o.logger = [](LogLevel, const std::string&) {};
  o.timeout = 20s;
  o.stall_timeout = 300ms;
  o.retry.max_attempts = 1;
  HttpClient client(o);
  auto t0 = std::chrono::steady_clock::now();
  try {
    client.send(get("/report"));
    ADD_FAILURE() << "expected a stall";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.curl_code(), 28) << e.what();
    EXPECT_NE(std::string(e.what()).find("stalled"), std::string::npos) << e.what();
    EXPECT_TRUE(e.request_sent());
  }
  // libcurl reports progress about once a second while nothing moves.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 4s);
  TransportOptions def;
  EXPECT_EQ(def.stall_timeout, 30s);
  EXPECT_EQ(ClientOptions{}.stall_timeout, 30s);
}

TEST(TimeLimits, NoLimitDurationsDoNotOverflow) {
  FakeWink w;
  w.server().Get("/fine", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
  w.start();
  auto o = options_for(w);
  o.token_provider = std::make_shared<StaticTokenProvider>("t0k3n");
  o.retry.max_total_time = std::chrono::milliseconds::max();
  o.retry.max_retry_after = std::chrono::milliseconds::max();
  o.timeout = std::chrono::milliseconds::max();
  o.connect_timeout = std::chrono::milliseconds::max();
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/fine")).status, 200);
}
