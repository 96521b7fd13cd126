// Retries: which methods and statuses, Retry-After (seconds and HTTP-date), bounded attempts
// and total time, per-call overrides. Sleeps are recorded instead of slept.
#include <gtest/gtest.h>

#include <ctime>

#include "test_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {
// A server whose /flaky answers the scripted statuses in turn, then 200.
struct Flaky {
  FakeWink w;
  std::mutex mu;
  std::vector<int> script;
  std::vector<std::string> retry_after;
  std::atomic<int> hits{0};
  std::vector<std::chrono::milliseconds> sleeps;
  Flaky() {
    auto handler = [this](const httplib::Request&, httplib::Response& res) {
      int n = hits++;
      std::lock_guard<std::mutex> lk(mu);
      if (n < static_cast<int>(script.size())) {
        res.status = script[static_cast<std::size_t>(n)];
        if (n < static_cast<int>(retry_after.size()) && !retry_after[static_cast<std::size_t>(n)].empty())
          res.set_header("Retry-After", retry_after[static_cast<std::size_t>(n)]);
        res.set_content("busy", "text/plain");
      } else {
        res.set_content("done", "text/plain");
      }
    };
    w.server().Get("/flaky", handler);
    w.server().Post("/flaky", handler);
    w.server().Patch("/flaky", handler);
    w.server().Put("/flaky", handler);
    w.start();
  }
  ~Flaky() { w.srv().stop(); }  // before `script` & co. go away
  ClientOptions options() {
    auto o = options_for(w);
    o.token_provider = std::make_shared<StaticTokenProvider>("t");
    o.sleep = [this](std::chrono::milliseconds d) {
      std::lock_guard<std::mutex> lk(mu);
      sleeps.push_back(d);
    };
    return o;
  }
};

ApiRequest req(const char* method) {
  ApiRequest r;
  r.method = method;
  r.path_and_query = "/flaky";
  return r;
}

std::string http_date(std::chrono::system_clock::time_point t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}
}  // namespace

TEST(Retry, TooManyRequestsHonoursRetryAfterSeconds) {
  Flaky f;
  f.script = {429};
  f.retry_after = {"2"};
  HttpClient client(f.options());
  auto r = client.send(req("GET"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(f.hits.load(), 2);
  ASSERT_EQ(f.sleeps.size(), 1u);
  EXPECT_EQ(f.sleeps[0], 2000ms);
}

TEST(Retry, RetryAfterHttpDate) {
  Flaky f;
  f.script = {503};
  f.retry_after = {http_date(std::chrono::system_clock::now() + 3s)};
  HttpClient client(f.options());
  EXPECT_EQ(client.send(req("GET")).status, 200);
  ASSERT_EQ(f.sleeps.size(), 1u);
  EXPECT_GT(f.sleeps[0], 1000ms);
  EXPECT_LE(f.sleeps[0], 3000ms);
}

TEST(Retry, ServiceUnavailableBurstThenSuccess) {
  Flaky f;
  f.script = {503, 502};
  auto o = f.options();
  o.retry.initial_backoff = 10ms;
  o.retry.multiplier = 2;
  o.retry.jitter = 0;
  HttpClient client(o);
  EXPECT_EQ(client.send(req("GET")).body, "done");
  EXPECT_EQ(f.hits.load(), 3);
  EXPECT_EQ(f.sleeps, (std::vector<std::chrono::milliseconds>{10ms, 20ms}));
}

TEST(Retry, AttemptsAreBoundedAndLastResponseReturned) {
  Flaky f;
  f.script = {503, 503, 503, 503, 503};
  HttpClient client(f.options());
  EXPECT_EQ(client.send(req("PUT")).status, 503);
  EXPECT_EQ(f.hits.load(), 3);
}

TEST(Retry, PostAndPatchAreNotRetriedUnlessAllowed) {
  Flaky f;
  f.script = {503, 503, 503};
  HttpClient client(f.options());
  EXPECT_EQ(client.send(req("POST")).status, 503);
  EXPECT_EQ(f.hits.load(), 1);
  EXPECT_EQ(client.send(req("PATCH")).status, 503);
  EXPECT_EQ(f.hits.load(), 2);
  CallOptions call;
  call.retry_non_idempotent = true;
  EXPECT_EQ(client.send(req("POST"), call).status, 200);
  EXPECT_EQ(f.hits.load(), 4);
}

TEST(Retry, TotalTimeBoundsRetryAfter) {
  Flaky f;
  f.script = {429};
  f.retry_after = {"120"};
  auto o = f.options();
  o.retry.max_total_time = 5s;
  HttpClient client(o);
  EXPECT_EQ(client.send(req("GET")).status, 429);  // waiting 120 s would exceed 5 s: give up
  EXPECT_TRUE(f.sleeps.empty());
}

TEST(Retry, PerCallOverrides) {
  Flaky f;
  f.script = {503, 503, 503, 503};
  HttpClient client(f.options());
  CallOptions one;
  one.max_attempts = 1;
  EXPECT_EQ(client.send(req("GET"), one).status, 503);
  EXPECT_EQ(f.hits.load(), 1);
  CallOptions many;
  RetryPolicy p;
  p.max_attempts = 5;
  p.initial_backoff = 1ms;
  many.retry = p;
  EXPECT_EQ(client.send(req("GET"), many).status, 200);
  EXPECT_EQ(f.hits.load(), 5);
}

TEST(Retry, ConnectionRefusedIsRetriedForEveryMethod) {
  ClientOptions o;
  o.api_base_url = closed_url();
  o.logger = [](LogLevel, const std::string&) {};
  std::vector<std::chrono::milliseconds> sleeps;
  o.sleep = [&](std::chrono::milliseconds d) { sleeps.push_back(d); };
  HttpClient client(o);
  EXPECT_THROW(client.send(req("GET")), TransportError);
  EXPECT_EQ(sleeps.size(), 2u);
  sleeps.clear();
  EXPECT_THROW(client.send(req("POST")), TransportError);
  EXPECT_EQ(sleeps.size(), 2u);  // nothing was sent: safe for a POST too
}

TEST(Retry, RealSleepsAreShortWithTinyBackoff) {
  Flaky f;
  f.script = {503, 503};
  auto o = options_for(f.w);
  o.token_provider = std::make_shared<StaticTokenProvider>("t");
  o.retry.initial_backoff = 5ms;
  auto t0 = std::chrono::steady_clock::now();
  HttpClient client(o);
  EXPECT_EQ(client.send(req("GET")).status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 500ms);
}
