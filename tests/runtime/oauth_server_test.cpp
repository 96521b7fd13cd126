// Against a real OAuth 2.0 server from npm (tests/servers): client credentials, and the whole
// interactive flow — RFC 9728/8414 discovery, RFC 7591 registration, PKCE S256, state, loopback
// redirect, refresh tokens, token store — with the test playing the browser.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "fake_auth_server.h"
#include "node_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

#define REQUIRE_NODE_SERVER()                                   \
  do {                                                          \
    if (auto why = NodeServer::unavailable(); !why.empty()) {   \
      GTEST_SKIP() << why;                                      \
    }                                                           \
  } while (0)

namespace {
const std::string kClientId = "wink-test-client";
const std::string kClientSecret = "node s3cret:&+";

nlohmann::json stats(const NodeServer& s) {
  CurlTransport t;
  HttpRequest r;
  r.url = s.url("/stats");
  return nlohmann::json::parse(t.perform(r).body);
}

std::string temp_path(const char* name) {
  return (std::filesystem::temp_directory_path() / (std::string(name) + "-" + std::to_string(getpid()))).string();
}
}  // namespace

TEST(NodeOAuth, ClientCredentials) {
  REQUIRE_NODE_SERVER();
  NodeServer server;
  ClientOptions o;
  o.api_base_url = server.url();
  o.token_url = server.url("/token");
  o.client_id = kClientId;
  o.client_secret = kClientSecret;
  o.scopes = {"hotel.read"};
  o.scope_policy = ScopePolicy::Enforce;
  HttpClient client(o);
  for (int i = 0; i < 20; ++i) ASSERT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(stats(server)["token_requests"], 1);

  o.client_secret = "not the secret";
  HttpClient bad(o);
  try {
    bad.send(get("/api/echo"));
    FAIL() << "expected AuthError";
  } catch (const AuthError& e) {
    EXPECT_EQ(e.error(), "invalid_client");
    EXPECT_EQ(e.status(), 401);
  }
}

TEST(NodeOAuth, AuthorizationCodeWithDiscoveryRegistrationAndPkce) {
  REQUIRE_NODE_SERVER();
  NodeServer server(std::map<std::string, std::string>{{"WINK_TEST_TOKEN_TTL", "2"}});
  const std::string store = temp_path("wink-token-store");
  std::filesystem::remove(store);
  Browser browser;
  AuthorizationCodeConfig cfg;
  cfg.resource_url = server.url();  // discovery starts at the API
  cfg.scopes = {"hotel.read"};
  cfg.open_browser = browser.opener();
  cfg.login_timeout = 10s;
  cfg.token_store_path = store;
  auto transport = std::make_shared<CurlTransport>();
  auto provider = std::make_shared<AuthorizationCodeTokenProvider>(cfg, transport);

  ClientOptions o;
  o.api_base_url = server.url();
  o.token_provider = provider;
  HttpClient client(o);
  ASSERT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(browser.opened.load(), 1);
  EXPECT_FALSE(provider->client_id().empty());
  auto st = stats(server);
  EXPECT_EQ(st["registrations"], 1);  // no client id was configured: RFC 7591
  EXPECT_EQ(st["token_requests"], 1);

  // Token store: mode 0600, holds the refresh token.
  struct stat sb{};
  ASSERT_EQ(::stat(store.c_str(), &sb), 0);
  EXPECT_EQ(sb.st_mode & 0777, 0600);
  auto saved = nlohmann::json::parse(std::ifstream(store));
  EXPECT_FALSE(saved["refresh_token"].get<std::string>().empty());

  // expires_in=2 -> refreshed after 1 s with the refresh token, no browser.
  auto first = provider->token().value;
  std::this_thread::sleep_for(1100ms);
  auto second = provider->token().value;
  EXPECT_NE(first, second);
  EXPECT_EQ(browser.opened.load(), 1);
  EXPECT_EQ(stats(server)["token_requests"], 2);

  // A new process (provider) starts from the store: refresh, no login.
  AuthorizationCodeConfig again = cfg;
  Browser browser2;
  again.open_browser = browser2.opener();
  AuthorizationCodeTokenProvider restored(again, transport);
  EXPECT_FALSE(restored.token().value.empty());
  EXPECT_EQ(browser2.opened.load(), 0);
  EXPECT_EQ(stats(server)["registrations"], 1);
  std::filesystem::remove(store);
}

TEST(NodeOAuth, DiscoveryFindsMetadata) {
  REQUIRE_NODE_SERVER();
  NodeServer server;
  CurlTransport t;
  auto m = discover_authorization_server(t, server.url());
  EXPECT_EQ(m.token_endpoint, server.url("/token"));
  EXPECT_EQ(m.authorization_endpoint, server.url("/authorize"));
  EXPECT_EQ(m.registration_endpoint, server.url("/register"));
}

TEST(AuthorizationCode, PkcePairIsS256OfARandomVerifier) {
  auto a = make_pkce(), b = make_pkce();
  EXPECT_EQ(a.verifier.size(), 43u);
  EXPECT_NE(a.verifier, b.verifier);
  EXPECT_EQ(a.challenge, pkce_challenge_s256(a.verifier));
  EXPECT_EQ(pkce_challenge_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}
