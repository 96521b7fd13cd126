// Item 6: which failures are retried for which requests. A POST/PATCH is retried only with an
// idempotency key that stays the same across its attempts (a CSPRNG UUID when the caller opts
// in, or the caller's own key; header name configurable); a conditional request is not resent
// after an ambiguous failure (OutcomeUnknownError); 500 and DNS/TLS connect failures are
// retried for idempotent calls; a failure before anything was sent is retried for any method.
#include <gtest/gtest.h>

#include <regex>

#include "test_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {

// /flaky answers the scripted statuses in turn (then 200) and records the headers it got.
struct Flaky {
  FakeWink w;
  std::mutex mu;
  std::vector<int> script;
  std::vector<httplib::Headers> seen;
  Flaky() {
    auto handler = [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lk(mu);
      seen.push_back(req.headers);
      if (seen.size() <= script.size()) {
        res.status = script[seen.size() - 1];
        res.set_content("busy", "text/plain");
      } else {
        res.set_content("done", "text/plain");
      }
    };
    w.server().Get("/flaky", handler);
    w.server().Post("/flaky", handler);
    w.server().Put("/flaky", handler);
    w.server().Patch("/flaky", handler);
    w.server().Delete("/flaky", handler);
    w.start();
  }
  ~Flaky() { w.srv().stop(); }
  int hits() {
    std::lock_guard<std::mutex> lk(mu);
    return static_cast<int>(seen.size());
  }
  std::vector<std::string> header(const std::string& name) {
    std::lock_guard<std::mutex> lk(mu);
    std::vector<std::string> out;
    for (const auto& h : seen) {
      auto it = h.find(name);
      out.push_back(it == h.end() ? "<none>" : it->second);
    }
    return out;
  }
  ClientOptions options() {
    auto o = options_for(w);
    o.token_provider = std::make_shared<StaticTokenProvider>("t0k3n");
    o.sleep = [](std::chrono::milliseconds) {};
    return o;
  }
};

ApiRequest req(const char* method, Headers headers = {}) {
  return ApiRequest{nullptr, method, "/flaky", std::move(headers), "{}", "application/json"};
}

const std::regex kUuidV4("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

ClientOptions raw_options(const RawServer& s, const char* scheme = "http") {
  ClientOptions o;
  o.api_base_url = std::string(scheme) + "://127.0.0.1:" + std::to_string(s.port());
  o.token_provider = std::make_shared<StaticTokenProvider>("t0k3n");
  o.logger = [](LogLevel, const std::string&) {};
  o.sleep = [](std::chrono::milliseconds) {};
  o.timeout = 3s;
  return o;
}

// Reads the request, then hangs up without a word: the ambiguous failure.
void drop(RawServer::Connection& c) { c.read_request(); }

}  // namespace

TEST(Idempotency, PostWithoutOptInIsNotRetriedAndCarriesNoKey) {
  Flaky f;
  f.script = {503, 503};
  HttpClient client(f.options());
  EXPECT_EQ(client.send(req("POST")).status, 503);
  EXPECT_EQ(f.hits(), 1);
  EXPECT_EQ(f.header("Idempotency-Key"), (std::vector<std::string>{"<none>"}));
}

TEST(Idempotency, OptedInPostIsRetriedWithOneKeyAcrossAttempts) {
  Flaky f;
  f.script = {503, 500};
  HttpClient client(f.options());
  CallOptions call;
  call.retry_non_idempotent = true;
  EXPECT_EQ(client.send(req("POST"), call).body, "done");
  auto keys = f.header("Idempotency-Key");
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_TRUE(std::regex_match(keys[0], kUuidV4)) << keys[0];
  EXPECT_EQ(keys[1], keys[0]);
  EXPECT_EQ(keys[2], keys[0]);
  // Another call, another key.
  EXPECT_EQ(client.send(req("PATCH"), call).body, "done");
  auto next = f.header("Idempotency-Key").back();
  EXPECT_TRUE(std::regex_match(next, kUuidV4)) << next;
  EXPECT_NE(next, keys[0]);
}

TEST(Idempotency, CallersKeyAndHeaderNameAreUsed) {
  Flaky f;
  f.script = {502};
  auto o = f.options();
  o.idempotency_header = "X-Wink-Request-Key";
  HttpClient client(o);
  CallOptions call;
  call.idempotency_key = "order-2024-0001";
  EXPECT_EQ(client.send(req("POST"), call).body, "done");
  EXPECT_EQ(f.header("X-Wink-Request-Key"), (std::vector<std::string>{"order-2024-0001", "order-2024-0001"}));
  EXPECT_EQ(f.header("Idempotency-Key"), (std::vector<std::string>{"<none>", "<none>"}));
  // GET needs no key.
  EXPECT_EQ(client.send(req("GET"), call).body, "done");
  EXPECT_EQ(f.header("X-Wink-Request-Key").back(), "<none>");
}

TEST(Idempotency, InternalServerErrorIsRetriedForIdempotentCalls) {
  Flaky f;
  f.script = {500, 500};
  HttpClient client(f.options());
  EXPECT_EQ(client.send(req("DELETE")).body, "done");
  EXPECT_EQ(f.hits(), 3);
}

TEST(Idempotency, ConditionalRequestsAreRetriedOnlyWhenTheServerCannotHaveActed) {
  Headers cond;
  cond.add("If-Match", "\"v7\"");
  {
    Flaky f;
    f.script = {500};  // may have been applied: a second PUT would meet 412
    HttpClient client(f.options());
    EXPECT_EQ(client.send(req("PUT", cond)).status, 500);
    EXPECT_EQ(f.hits(), 1);
  }
  {
    Flaky f;
    f.script = {503, 429};  // not processed
    HttpClient client(f.options());
    EXPECT_EQ(client.send(req("PUT", cond)).body, "done");
    EXPECT_EQ(f.hits(), 3);
  }
}

TEST(Idempotency, ConditionalRequestAfterAnAmbiguousFailureIsOutcomeUnknown) {
  RawServer server(drop);
  HttpClient client(raw_options(server));
  Headers cond;
  cond.add("If-None-Match", "*");
  try {
    client.send(ApiRequest{nullptr, "PUT", "/things/1", cond, "{}", "application/json"});
    FAIL() << "expected OutcomeUnknownError";
  } catch (const OutcomeUnknownError& e) {
    EXPECT_TRUE(e.request_sent());
    EXPECT_NE(std::string(e.what()).find("unknown"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.connections(), 1);
}

TEST(Idempotency, AmbiguousFailuresOfWritesWithoutKeyAreOutcomeUnknownAndNotResent) {
  RawServer server(drop);
  HttpClient client(raw_options(server));
  EXPECT_THROW(client.send(ApiRequest{nullptr, "POST", "/bookings", {}, "{}", "application/json"}),
               OutcomeUnknownError);
  EXPECT_EQ(server.connections(), 1);
}

TEST(Idempotency, AmbiguousFailuresOfReadsAreRetriedAndStayTransportErrors) {
  RawServer server(drop);
  HttpClient client(raw_options(server));
  try {
    client.send(ApiRequest{nullptr, "GET", "/things", {}, {}, {}});
    FAIL() << "expected TransportError";
  } catch (const OutcomeUnknownError&) {
    FAIL() << "a GET changes nothing: its outcome is not in doubt";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.curl_code(), 52) << e.what();  // CURLE_GOT_NOTHING
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST(Idempotency, FailuresBeforeAnythingWasSentAreRetriedForEveryMethod) {
  ClientOptions o;
  o.api_base_url = closed_url();
  o.logger = [](LogLevel, const std::string&) {};
  int sleeps = 0;
  o.sleep = [&](std::chrono::milliseconds) { ++sleeps; };
  HttpClient client(o);
  for (const char* method : {"POST", "PATCH", "GET"}) {
    sleeps = 0;
    try {
      client.send(ApiRequest{nullptr, method, "/x", {}, "{}", "application/json"});
      FAIL() << "expected TransportError";
    } catch (const OutcomeUnknownError&) {
      FAIL() << "nothing was sent: the outcome is known";
    } catch (const TransportError& e) {
      EXPECT_EQ(e.curl_code(), 7) << e.what();
      EXPECT_FALSE(e.request_sent());
    }
    EXPECT_EQ(sleeps, 2) << method;
  }
}

TEST(Idempotency, TlsHandshakeFailuresAreRetriedBeforeAnythingIsSent) {
  // An https URL to a server that speaks plain HTTP: the handshake fails, no request is sent.
  RawServer server([](RawServer::Connection& c) {
    c.read_some(2000ms);  // the ClientHello
    c.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
  });
  HttpClient client(raw_options(server, "https"));
  try {
    client.send(ApiRequest{nullptr, "POST", "/x", {}, "{}", "application/json"});
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.curl_code(), 35) << e.what();  // CURLE_SSL_CONNECT_ERROR
    EXPECT_FALSE(e.request_sent());
  }
  EXPECT_EQ(server.connections(), 3);
  EXPECT_EQ(server.received().find("POST /x"), std::string::npos);
}

TEST(Idempotency, RetryRulesByReplaySafety) {
  for (long s : {408L, 429L, 500L, 502L, 503L, 504L}) EXPECT_TRUE(may_retry_status(s, Replay::Any)) << s;
  for (long s : {408L, 429L, 503L}) EXPECT_TRUE(may_retry_status(s, Replay::Unambiguous)) << s;
  for (long s : {500L, 502L, 504L}) EXPECT_FALSE(may_retry_status(s, Replay::Unambiguous)) << s;
  for (long s : {408L, 429L, 500L, 503L}) EXPECT_FALSE(may_retry_status(s, Replay::NotSent)) << s;
  for (int code : {6, 7, 35, 28}) {  // DNS, connect, TLS handshake, timeout: before sending
    EXPECT_TRUE(may_retry_transport(code, false, Replay::NotSent)) << code;
    EXPECT_TRUE(may_retry_transport(code, false, Replay::Any)) << code;
  }
  for (int code : {28, 52, 56, 18}) {  // after sending: ambiguous
    EXPECT_TRUE(may_retry_transport(code, true, Replay::Any)) << code;
    EXPECT_FALSE(may_retry_transport(code, true, Replay::Unambiguous)) << code;
    EXPECT_FALSE(may_retry_transport(code, true, Replay::NotSent)) << code;
  }
  EXPECT_FALSE(may_retry_transport(60, false, Replay::Any));  // certificate problem: not transient
  EXPECT_FALSE(may_retry_transport(63, true, Replay::Any));   // body too large
}
