// Client credentials against the fake token endpoint: caching, refresh before expiry, 401 ->
// one re-authentication, token endpoint failures as AuthError, scope checks.
#include <gtest/gtest.h>

#include "test_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {
constexpr std::string_view kReadScopes[] = {"hotel.read"};
constexpr std::string_view kWriteScopes[] = {"hotel.read", "hotel.write"};
constexpr OperationInfo kGetHotel{"getHotel", "GET", "/api/echo", {kReadScopes, 1}, true};
constexpr OperationInfo kUpdateHotel{"updateHotel", "GET", "/api/echo", {kWriteScopes, 2}, true};

AuthError expect_auth_error(HttpClient& client) {
  auto e = auth_error_of(client);
  EXPECT_TRUE(e) << "expected AuthError";
  return e.value_or(AuthError("none"));
}
}  // namespace

TEST(ClientCredentials, TokenIsCachedAcrossCalls) {
  FakeWink w;
  w.start();
  HttpClient client(options_for(w));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(w.token_requests.load(), 1);
}

TEST(ClientCredentials, TokenIsRefreshedBeforeItExpires) {
  FakeWink w;
  w.token_ttl = 1;  // skew (60 s) is clamped to half the lifetime: refreshed after 0.5 s
  w.start();
  HttpClient client(options_for(w));
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(w.token_requests.load(), 1);
  std::this_thread::sleep_for(600ms);
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(w.token_requests.load(), 2);
  EXPECT_EQ(w.api_unauthorized.load(), 0);  // never sent an expired token
}

TEST(ClientCredentials, UnauthorizedMidRunRefetchesAndRetriesOnce) {
  FakeWink w;
  w.start();
  HttpClient client(options_for(w));
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  w.revoke_all();  // the server forgets the token before its expires_in
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(w.token_requests.load(), 2);
  EXPECT_EQ(w.api_unauthorized.load(), 1);
}

TEST(ClientCredentials, PersistentUnauthorizedIsReturnedAfterOneRetry) {
  FakeWink w;
  std::atomic<int> hits{0};
  w.server().Post("/api/always401", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.status = 401;
    res.set_content(R"({"title":"nope"})", "application/json");
  });
  w.start();
  HttpClient client(options_for(w));
  ApiRequest req;
  req.method = "POST";
  req.path_and_query = "/api/always401";
  EXPECT_EQ(client.send(req).status, 401);
  EXPECT_EQ(hits.load(), 2);
  EXPECT_EQ(w.token_requests.load(), 2);
}

TEST(ClientCredentials, InvalidClient) {
  FakeWink w;
  w.start();
  auto o = options_for(w);
  o.client_secret = "wrong-secret-value";
  HttpClient client(o);
  auto e = expect_auth_error(client);
  EXPECT_EQ(e.error(), "invalid_client");
  EXPECT_EQ(e.error_description(), "Client authentication failed");
  EXPECT_EQ(e.status(), 401);
  ASSERT_TRUE(e.response());
  EXPECT_EQ(e.response()->status, 401);
  EXPECT_NE(std::string(e.what()).find("invalid_client"), std::string::npos) << e.what();
  EXPECT_EQ(std::string(e.what()).find("wrong-secret-value"), std::string::npos);
}

TEST(ClientCredentials, InvalidScope) {
  FakeWink w;
  w.start();
  auto o = options_for(w);
  o.scopes = {"bogus.scope"};
  HttpClient client(o);
  auto e = expect_auth_error(client);
  EXPECT_EQ(e.error(), "invalid_scope");
  EXPECT_EQ(e.status(), 400);
}

TEST(ClientCredentials, TokenEndpointFailuresAreAuthErrors) {
  FakeWink w;
  w.start();
  struct Case {
    const char* mode;
    long status;
    const char* message;
  };
  for (const Case& c : {Case{"500", 500, "HTTP 500"}, Case{"nonjson", 200, "not a JSON object"},
                        Case{"malformed", 200, "not a JSON object"}, Case{"no_token", 200, "no access_token"}}) {
    w.set_token_mode(c.mode);
    HttpClient client(options_for(w));
    auto e = expect_auth_error(client);
    EXPECT_EQ(e.status(), c.status) << c.mode;
    EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.mode << ": " << e.what();
  }
}

TEST(ClientCredentials, TokenEndpointTimeoutIsAuthError) {
  FakeWink w;
  w.set_token_mode("slow");
  w.start();
  auto o = options_for(w);
  o.timeout = 200ms;
  HttpClient client(o);
  auto e = expect_auth_error(client);
  EXPECT_NE(std::string(e.what()).find("Timeout"), std::string::npos) << e.what();
}

TEST(ClientCredentials, FailedFetchIsNotCached) {
  FakeWink w;
  w.set_token_mode("500");
  w.start();
  HttpClient client(options_for(w));
  EXPECT_THROW(client.send(get("/api/echo")), AuthError);
  w.set_token_mode("ok");
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
}

TEST(StaticToken, IsSentAsBearer) {
  FakeWink w;
  w.server().Get("/api/whoami", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.get_header_value("Authorization"), "text/plain");
  });
  w.start();
  auto o = options_for(w);
  o.client_id.clear();
  o.token_provider = std::make_shared<StaticTokenProvider>("fixed-token-123");
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/api/whoami")).body, "Bearer fixed-token-123");
  EXPECT_EQ(w.token_requests.load(), 0);
}

TEST(Scopes, UnknownRequestedScopeFailsBeforeAnyRequest) {
  FakeWink w;
  w.start();
  auto o = options_for(w);
  o.known_scopes = {"hotel.read", "hotel.write"};
  o.scopes = {"hotel.read", "hotel.delete"};
  try {
    HttpClient client(o);
    FAIL() << "expected ScopeError";
  } catch (const ScopeError& e) {
    EXPECT_EQ(e.scope(), "hotel.delete");
  }
  EXPECT_EQ(w.srv().requests(), 0u);
}

TEST(Scopes, EnforceRejectsOperationOutsideRequestedScopesBeforeNetwork) {
  FakeWink w;
  w.start();
  auto o = options_for(w);
  o.scopes = {"hotel.read"};
  o.scope_policy = ScopePolicy::Enforce;
  HttpClient client(o);
  try {
    client.send(get("/api/echo", &kUpdateHotel));
    FAIL() << "expected ScopeError";
  } catch (const ScopeError& e) {
    EXPECT_EQ(e.operation_id(), "updateHotel");
    EXPECT_EQ(e.scope(), "hotel.write");
    EXPECT_NE(std::string(e.what()).find("updateHotel"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("hotel.write"), std::string::npos);
  }
  EXPECT_EQ(w.srv().requests(), 0u);
  EXPECT_EQ(client.send(get("/api/echo", &kGetHotel)).status, 200);
}

TEST(Scopes, EnforceUsesTheGrantedScopes) {
  FakeWink w;
  w.set_granted_scope("hotel.read");  // asked for read+write, got read only
  w.start();
  auto o = options_for(w);
  o.scopes = {"hotel.read", "hotel.write"};
  o.scope_policy = ScopePolicy::Enforce;
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/api/echo", &kGetHotel)).status, 200);
  auto before = w.srv().requests();
  EXPECT_THROW(client.send(get("/api/echo", &kUpdateHotel)), ScopeError);
  EXPECT_EQ(w.srv().requests(), before);  // the API was not called
}

TEST(Scopes, MissingScopeFieldMeansRequestedScopesWereGranted) {
  FakeWink w;
  w.set_token_mode("no_scope");
  w.start();
  auto o = options_for(w);
  o.scopes = {"hotel.read", "hotel.write"};
  o.scope_policy = ScopePolicy::Enforce;
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/api/echo", &kUpdateHotel)).status, 200);
}

TEST(Scopes, WarnLogsOnceAndSends) {
  FakeWink w;
  w.start();
  auto o = options_for(w);
  o.scopes = {"hotel.read"};
  o.scope_policy = ScopePolicy::Warn;
  std::mutex mu;
  std::vector<std::string> warnings;
  o.logger = [&](LogLevel l, const std::string& m) {
    std::lock_guard<std::mutex> lk(mu);
    if (l == LogLevel::Warn) warnings.push_back(m);
  };
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/api/echo", &kUpdateHotel)).status, 200);
  EXPECT_EQ(client.send(get("/api/echo", &kUpdateHotel)).status, 200);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("updateHotel"), std::string::npos);
  EXPECT_NE(warnings[0].find("hotel.write"), std::string::npos);
}

TEST(Scopes, OffSkipsTheCheck) {
  FakeWink w;
  w.start();
  auto o = options_for(w);
  o.scopes = {"hotel.read"};
  o.scope_policy = ScopePolicy::Off;
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/api/echo", &kUpdateHotel)).status, 200);
}
