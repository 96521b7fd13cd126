// Item 4: token endpoint requests follow the retry policy (connection errors, 408/429/5xx,
// never invalid_client / invalid_scope / invalid_grant), keep the transport's error code, and
// their AuthError says whether the failure was transient. client_secret_basic is the default;
// client_secret_post is an option.
#include <gtest/gtest.h>

#include "test_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {
AuthError auth_error(HttpClient& client) {
  auto e = auth_error_of(client);
  EXPECT_TRUE(e) << "expected AuthError";
  return e.value_or(AuthError("none"));
}

struct Sleeps {
  std::mutex mu;
  std::vector<std::chrono::milliseconds> values;
  std::function<void(std::chrono::milliseconds)> hook() {
    return [this](std::chrono::milliseconds d) {
      std::lock_guard<std::mutex> lk(mu);
      values.push_back(d);
    };
  }
};
}  // namespace

TEST(TokenRetry, TransientTokenEndpointFailuresAreRetried) {
  FakeWink w;
  w.script_token_failures({503, 500, 502});
  w.start();
  auto o = options_for(w);
  o.retry.max_attempts = 4;
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(w.token_requests.load(), 4);
}

TEST(TokenRetry, RetryAfterFromTheTokenEndpointIsHonoured) {
  FakeWink w;
  w.script_token_failures({429}, "2");
  w.start();
  Sleeps sleeps;
  auto o = options_for(w);
  o.sleep = sleeps.hook();
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(sleeps.values, (std::vector<std::chrono::milliseconds>{2s}));
}

TEST(TokenRetry, PersistentOutageIsATransientAuthError) {
  FakeWink w;
  w.script_token_failures({503, 503, 503, 503});
  w.start();
  HttpClient client(options_for(w));
  auto e = auth_error(client);
  EXPECT_TRUE(e.transient()) << e.what();
  EXPECT_EQ(e.status(), 503);
  EXPECT_EQ(w.token_requests.load(), 3);  // the default policy's attempts
}

TEST(TokenRetry, CredentialAndScopeErrorsAreNeverRetried) {
  FakeWink w;
  w.start();
  auto bad = options_for(w);
  bad.client_secret = "not-the-secret";
  HttpClient client(bad);
  auto e = auth_error(client);
  EXPECT_EQ(e.error(), "invalid_client");
  EXPECT_FALSE(e.transient());
  EXPECT_EQ(w.token_requests.load(), 1);

  auto scoped = options_for(w);
  scoped.scopes = {"bogus.scope"};
  HttpClient client2(scoped);
  auto e2 = auth_error(client2);
  EXPECT_EQ(e2.error(), "invalid_scope");
  EXPECT_FALSE(e2.transient());
  EXPECT_EQ(w.token_requests.load(), 2);
}

TEST(TokenRetry, ConnectionRefusedIsTransientAndKeepsTheCurlCode) {
  ClientOptions o;
  o.api_base_url = closed_url();
  o.token_url = o.api_base_url + "/oauth2/token";
  o.client_id = "id";
  o.client_secret = "secret-value";
  o.logger = [](LogLevel, const std::string&) {};
  Sleeps sleeps;
  o.sleep = sleeps.hook();
  HttpClient client(o);
  auto e = auth_error(client);
  EXPECT_TRUE(e.transient());
  EXPECT_EQ(e.curl_code(), 7);  // CURLE_COULDNT_CONNECT
  EXPECT_EQ(e.status(), 0);
  EXPECT_EQ(e.error(), "");  // not reported as a credentials problem
  EXPECT_NE(std::string(e.what()).find("token request failed"), std::string::npos) << e.what();
  EXPECT_EQ(sleeps.values.size(), 2u);  // retried: nothing was sent
}

TEST(TokenRetry, ClientSecretBasicIsTheDefaultAndPostAnOption) {
  FakeWink w;
  w.start();
  {
    HttpClient client(options_for(w));
    ASSERT_EQ(client.send(get("/api/echo")).status, 200);
    EXPECT_EQ(w.last_basic().rfind("Basic ", 0), 0u);
    EXPECT_EQ(w.last_token_body().find("client_secret"), std::string::npos) << w.last_token_body();
  }
  {
    auto o = options_for(w);
    o.token_endpoint_auth = TokenEndpointAuth::ClientSecretPost;
    HttpClient client(o);
    ASSERT_EQ(client.send(get("/api/echo")).status, 200);
    EXPECT_EQ(w.last_basic(), "");
    const std::string body = w.last_token_body();
    EXPECT_NE(body.find("grant_type=client_credentials"), std::string::npos) << body;
    EXPECT_NE(body.find("client_id=wink-client+id"), std::string::npos) << body;
    EXPECT_NE(body.find("client_secret=S3cret%3Apa%24%24+w0rd%26x"), std::string::npos) << body;
  }
  EXPECT_EQ(w.token_requests.load(), 2);
}
