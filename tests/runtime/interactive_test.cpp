// Item 5: the interactive flow (authorization code + PKCE) against a scriptable authorization
// server on 127.0.0.1: the refresh token is dropped only on invalid_grant, transient failures
// never open a browser, a non-interactive provider throws login_required, issuer / resource /
// iss / https are checked, the `resource` parameter is sent, stray requests to the loopback
// listener do not abort the login, the token store is private, atomic and bound to its server,
// and insufficient_scope leads to one step-up.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <fstream>

#include "fake_auth_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() /
           ("wink-interactive-" + std::to_string(::getpid()) + "-" + random_url_token(6));
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  std::string file(const char* name) const { return (path / name).string(); }
};

AuthorizationCodeConfig config_for(FakeAuthServer& as, Browser& browser) {
  AuthorizationCodeConfig cfg;
  cfg.resource_url = as.base();
  cfg.client_id = "cli";
  cfg.scopes = {"hotel.read"};
  cfg.open_browser = browser.opener();
  cfg.login_timeout = 10s;
  cfg.retry.initial_backoff = 1ms;
  cfg.retry.max_backoff = 5ms;
  return cfg;
}

AuthError auth_error(TokenProvider& p) {
  try {
    p.token();
  } catch (const AuthError& e) {
    return e;
  }
  ADD_FAILURE() << "expected AuthError";
  return AuthError("none");
}

// A provider against a server `configure`d to misbehave must fail before any browser opens;
// returns the error text.
std::string refused_before_login(const std::function<void(FakeAuthServer&)>& configure) {
  FakeAuthServer as;
  configure(as);
  as.start();
  Browser browser;
  AuthorizationCodeTokenProvider p(config_for(as, browser), std::make_shared<CurlTransport>());
  const std::string what = auth_error(p).what();
  EXPECT_EQ(browser.opened.load(), 0) << what;
  EXPECT_EQ(as.authorize_requests.load(), 0) << what;
  return what;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

TEST(Interactive, TransientRefreshFailuresKeepTheRefreshTokenAndOpenNoBrowser) {
  FakeAuthServer as;
  as.start();
  Browser browser;
  AuthorizationCodeTokenProvider p(config_for(as, browser), std::make_shared<CurlTransport>());
  const std::string first = p.token().value;
  EXPECT_EQ(browser.opened.load(), 1);
  const std::string rt = as.issued_refresh_tokens().at(0);

  p.invalidate(first);  // as after a 401
  as.script_refresh({503, 503, 503, 502});
  auto e = auth_error(p);
  EXPECT_TRUE(e.transient()) << e.what();
  EXPECT_EQ(browser.opened.load(), 1);  // no browser for an outage
  EXPECT_EQ(as.refresh_requests.load(), 3);  // retried by the policy

  // Once the server is back, the same refresh token works: it was kept.
  as.script_refresh({});
  const std::string second = p.token().value;
  EXPECT_NE(second, first);
  EXPECT_EQ(browser.opened.load(), 1);
  auto bodies = as.token_bodies();
  EXPECT_NE(bodies.back().find("refresh_token=" + rt), std::string::npos) << bodies.back();
}

TEST(Interactive, InvalidGrantDropsTheRefreshTokenAndSignsInAgain) {
  FakeAuthServer as;
  as.start();
  Browser browser;
  AuthorizationCodeTokenProvider p(config_for(as, browser), std::make_shared<CurlTransport>());
  const std::string first = p.token().value;
  p.invalidate(first);
  as.script_refresh({0});  // invalid_grant
  const std::string second = p.token().value;
  EXPECT_NE(second, first);
  EXPECT_EQ(browser.opened.load(), 2);
  EXPECT_EQ(as.code_exchanges.load(), 2);
}

TEST(Interactive, NonInteractiveProviderThrowsLoginRequired) {
  FakeAuthServer as;
  as.start();
  Browser browser;
  auto cfg = config_for(as, browser);
  cfg.interactive = false;
  AuthorizationCodeTokenProvider p(cfg, std::make_shared<CurlTransport>());
  auto e = auth_error(p);
  EXPECT_EQ(e.error(), "login_required");
  EXPECT_FALSE(e.transient());
  EXPECT_EQ(browser.opened.load(), 0);
  EXPECT_EQ(as.authorize_requests.load(), 0);
}

TEST(Interactive, MetadataForAnotherIssuerOrResourceIsRefused) {
  auto issuer = refused_before_login([](FakeAuthServer& as) { as.issuer_override = "https://login.evil.example"; });
  EXPECT_NE(issuer.find("another issuer"), std::string::npos) << issuer;
  auto resource = refused_before_login([](FakeAuthServer& as) { as.resource_override = "https://api.evil.example"; });
  EXPECT_NE(resource.find("another resource"), std::string::npos) << resource;
}

TEST(Interactive, PlainHttpEndpointsAreRefusedExceptLoopback) {
  auto what = refused_before_login(
      [](FakeAuthServer& as) { as.authorization_endpoint_override = "http://login.example/authorize"; });
  EXPECT_NE(what.find("plain http"), std::string::npos) << what;

  Browser browser;
  AuthorizationCodeConfig direct;
  direct.authorization_endpoint = "http://login.example/authorize";
  direct.token_endpoint = "http://login.example/token";
  direct.client_id = "cli";
  direct.open_browser = browser.opener();
  AuthorizationCodeTokenProvider q(direct, std::make_shared<CurlTransport>());
  EXPECT_THROW(q.token(), AuthError);
  EXPECT_EQ(browser.opened.load(), 0);
}

TEST(Interactive, TheIssOfTheAuthorizationResponseIsChecked) {
  for (const char* mode : {"wrong", "none"}) {
    FakeAuthServer as;
    as.iss_mode = mode;
    as.start();
    Browser browser;
    AuthorizationCodeTokenProvider p(config_for(as, browser), std::make_shared<CurlTransport>());
    auto e = auth_error(p);
    EXPECT_NE(std::string(e.what()).find("RFC 9207"), std::string::npos) << mode << ": " << e.what();
    EXPECT_EQ(as.code_exchanges.load(), 0) << mode;
  }
  // A server that does not promise iss may omit it.
  FakeAuthServer as;
  as.iss_mode = "none";
  as.iss_supported = false;
  as.start();
  Browser browser;
  AuthorizationCodeTokenProvider p(config_for(as, browser), std::make_shared<CurlTransport>());
  EXPECT_FALSE(p.token().value.empty());
}

TEST(Interactive, TheResourceParameterIsSent) {
  FakeAuthServer as;
  as.start();
  Browser browser;
  AuthorizationCodeTokenProvider p(config_for(as, browser), std::make_shared<CurlTransport>());
  const std::string first = p.token().value;
  p.invalidate(first);
  p.token();  // a refresh
  ASSERT_EQ(as.authorize_queries().size(), 1u);
  EXPECT_EQ(param(as.authorize_queries()[0], "resource"), as.base());
  auto bodies = as.token_bodies();
  ASSERT_EQ(bodies.size(), 2u);
  for (const auto& b : bodies) EXPECT_EQ(param(b, "resource"), as.base()) << b;
}

TEST(Interactive, StrayRequestsToTheLoopbackListenerDoNotAbortTheLogin) {
  std::atomic<int> strays_answered{0};  // before the browser, whose threads use it
  FakeAuthServer as;
  as.start();
  Browser browser;
  browser.before = [&](const std::string& redirect_uri) {
    const std::string origin = redirect_uri.substr(0, redirect_uri.find("/callback"));
    CurlTransport t;
    auto send = [&](const char* method, const std::string& url) {
      HttpRequest r;
      r.method = method;
      r.url = url;
      if (t.perform(r).status >= 400) ++strays_answered;
    };
    send("GET", origin + "/favicon.ico");
    send("GET", redirect_uri + "?code=forged&state=wrong");
    send("GET", redirect_uri + "?code=forged");
    send("POST", redirect_uri + "?code=forged&state=wrong");
    send("GET", redirect_uri + "x?code=forged");
    // A client that connects and hangs up without a word.
    const int port = std::stoi(origin.substr(origin.rfind(':') + 1));
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    ::close(fd);
  };
  AuthorizationCodeTokenProvider p(config_for(as, browser), std::make_shared<CurlTransport>());
  EXPECT_FALSE(p.token().value.empty());
  EXPECT_EQ(strays_answered.load(), 5);
  EXPECT_EQ(as.code_exchanges.load(), 1);
}

TEST(Interactive, TheTokenStoreIsPrivateAtomicAndNeverFollowsLinks) {
  TempDir dir;
  const std::string store = dir.file("store.json");
  const std::string victim = dir.file("victim.txt");
  { std::ofstream(victim) << "precious"; }
  // Planted links where the old implementation wrote its temporary file and where a new one
  // might: neither may be followed.
  std::filesystem::create_symlink(victim, store + ".tmp");
  FakeAuthServer as;
  as.start();
  Browser browser;
  auto cfg = config_for(as, browser);
  cfg.token_store_path = store;
  {
    AuthorizationCodeTokenProvider p(cfg, std::make_shared<CurlTransport>());
    p.token();
  }
  EXPECT_EQ(slurp(victim), "precious");
  struct stat st {};
  ASSERT_EQ(::lstat(store.c_str(), &st), 0);
  EXPECT_TRUE(S_ISREG(st.st_mode));
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto saved = nlohmann::json::parse(slurp(store));
  EXPECT_EQ(saved["issuer"], as.base());
  EXPECT_EQ(saved["token_endpoint"], as.base() + "/token");
  EXPECT_EQ(saved["client_id"], "cli");
  EXPECT_EQ(saved["refresh_token"], as.issued_refresh_tokens().back());
  // Only the store and the planted link remain: no temporary files left behind.
  int entries = 0;
  for (auto& e : std::filesystem::directory_iterator(dir.path)) {
    (void)e;
    ++entries;
  }
  EXPECT_EQ(entries, 3);  // store.json, store.json.tmp (the planted link), victim.txt

  // A new provider starts from the store: a refresh, no browser.
  Browser browser2;
  auto again = cfg;
  again.open_browser = browser2.opener();
  AuthorizationCodeTokenProvider restored(again, std::make_shared<CurlTransport>());
  EXPECT_FALSE(restored.token().value.empty());
  EXPECT_EQ(browser2.opened.load(), 0);
}

TEST(Interactive, StoresOthersCouldReadOrReplaceAreRefused) {
  TempDir dir;
  FakeAuthServer as;
  as.start();
  Browser browser;
  auto cfg = config_for(as, browser);
  cfg.token_store_path = dir.file("store.json");
  auto refused = [&](const char* why) {
    AuthorizationCodeTokenProvider p(cfg, std::make_shared<CurlTransport>());
    try {
      p.token();
      ADD_FAILURE() << "expected the store to be refused: " << why;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Config) << why << ": " << e.what();
      return std::string(e.what());
    }
    return std::string();
  };
  const std::string content = R"({"issuer":")" + as.base() + R"(","token_endpoint":")" + as.base() +
                              R"(/token","client_id":"cli","refresh_token":"rt-planted"})";
  { std::ofstream(cfg.token_store_path) << content; }
  ::chmod(cfg.token_store_path.c_str(), 0644);
  EXPECT_NE(refused("mode 0644").find("0644"), std::string::npos);
  ::chmod(cfg.token_store_path.c_str(), 0620);
  refused("group-writable");
  std::filesystem::remove(cfg.token_store_path);
  const std::string target = dir.file("elsewhere.json");
  { std::ofstream(target) << content; }
  ::chmod(target.c_str(), 0600);
  std::filesystem::create_symlink(target, cfg.token_store_path);
  EXPECT_NE(refused("symlink").find("symbolic link"), std::string::npos);
  std::filesystem::remove(cfg.token_store_path);
  if (::geteuid() == 0) {  // as root (CI): a store that belongs to someone else
    { std::ofstream(cfg.token_store_path) << content; }
    ::chmod(cfg.token_store_path.c_str(), 0600);
    ASSERT_EQ(::chown(cfg.token_store_path.c_str(), 65534, 65534), 0);
    EXPECT_NE(refused("owner").find("another user"), std::string::npos);
  }
  EXPECT_EQ(browser.opened.load(), 0);
  EXPECT_EQ(as.refresh_requests.load(), 0);  // the planted refresh token was never sent
}

TEST(Interactive, AStoreOfAnotherServerOrClientIsIgnored) {
  TempDir dir;
  FakeAuthServer as;
  as.start();
  Browser browser;
  auto cfg = config_for(as, browser);
  cfg.token_store_path = dir.file("store.json");
  for (const std::string& content :
       {std::string(R"({"issuer":"https://other.example","token_endpoint":"https://other.example/token",)"
                    R"("client_id":"cli","refresh_token":"rt-other"})"),
        R"({"issuer":")" + as.base() + R"(","token_endpoint":")" + as.base() +
            R"(/token","client_id":"another-client","refresh_token":"rt-other"})"}) {
    {
      std::ofstream out(cfg.token_store_path);
      out << content;
    }
    ::chmod(cfg.token_store_path.c_str(), 0600);
    AuthorizationCodeTokenProvider p(cfg, std::make_shared<CurlTransport>());
    EXPECT_FALSE(p.token().value.empty());
  }
  EXPECT_EQ(as.refresh_requests.load(), 0);  // rt-other never left the process
  EXPECT_EQ(browser.opened.load(), 2);
}

TEST(Interactive, InsufficientScopeLeadsToOneStepUp) {
  FakeAuthServer as;
  as.start();
  Browser browser;
  auto provider = std::make_shared<AuthorizationCodeTokenProvider>(config_for(as, browser), std::make_shared<CurlTransport>());
  ClientOptions o;
  o.api_base_url = as.base();
  o.token_provider = provider;
  o.logger = [](LogLevel, const std::string&) {};
  HttpClient client(o);
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(browser.opened.load(), 1);
  auto r = client.send(get("/api/write"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "written");
  EXPECT_EQ(browser.opened.load(), 2);
  EXPECT_EQ(param(browser.last_url(), "scope"), "hotel.read hotel.write");
  EXPECT_EQ(client.send(get("/api/write")).status, 200);  // the stepped-up token stays in use
  EXPECT_EQ(browser.opened.load(), 2);

  // A provider that cannot step up (client credentials, static): the 403 is returned.
  ClientOptions s = o;
  s.token_provider = std::make_shared<StaticTokenProvider>(as.issued_access_tokens().front());
  HttpClient plain(s);
  EXPECT_EQ(plain.send(get("/api/write")).status, 403);
}

TEST(Interactive, SecretsEchoedByTheAuthorizationServerAreScrubbed) {
  for (const char* echo : {"refresh", "code"}) {
    FakeAuthServer as;
    as.echo_in_errors = echo;
    as.start();
    Browser browser;
    std::mutex mu;
    std::vector<std::string> logs;
    TransportOptions t;
    t.logger = [&](LogLevel, const std::string& m) {
      std::lock_guard<std::mutex> lk(mu);
      logs.push_back(m);
    };
    t.on_response = [&](const HttpRequest& rq, const HttpResponse& rs, std::chrono::milliseconds) {
      std::lock_guard<std::mutex> lk(mu);
      logs.push_back(rq.url + "\n" + rq.body + "\n" + rs.body);
    };
    AuthorizationCodeTokenProvider p(config_for(as, browser), std::make_shared<CurlTransport>(t));
    std::vector<std::string> texts;
    if (std::string(echo) == "refresh") {
      p.invalidate(p.token().value);
      as.expire_access_tokens();
      as.script_refresh({0});
      try {
        // invalid_grant echoing the refresh token, then a new login (which works).
        p.token();
      } catch (const AuthError& e) {
        texts.push_back(e.what());
      }
    } else {
      try {
        p.token();
        ADD_FAILURE() << "expected AuthError";
      } catch (const AuthError& e) {
        texts.push_back(e.what());
        texts.push_back(e.error_description());
        if (e.response()) texts.push_back(e.response()->body);
        EXPECT_NE(std::string(e.what()).find("code [REDACTED] with verifier [REDACTED]"), std::string::npos) << e.what();
      }
    }
    std::lock_guard<std::mutex> lk(mu);
    texts.insert(texts.end(), logs.begin(), logs.end());
    ASSERT_FALSE(logs.empty());
    for (const auto& rt : as.issued_refresh_tokens())
      for (const auto& text : texts) EXPECT_EQ(text.find(rt), std::string::npos) << echo << " leaked in: " << text;
    for (const auto& text : texts) EXPECT_EQ(text.find("code-1-"), std::string::npos) << echo << " leaked in: " << text;
  }
}
