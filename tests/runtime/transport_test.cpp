// Transport behaviour through HttpClient against local httplib fixtures: default headers,
// timeouts, dropped connections, body limits, redirects (Authorization never crosses origins),
// keep-alive reuse, TLS-off warning.
#include <gtest/gtest.h>

#include "test_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

TEST(Transport, SendsDefaultHeadersAndBearerOnEveryCall) {
  FakeWink w;
  w.start();
  auto o = options_for(w);
  o.scopes = {"b.write", "a.read"};
  o.sdk_name = "wink-supplier";
  o.sdk_version = "9.9.9";
  HttpClient client(o);
  auto r = client.send(get("/api/echo?x=1"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["headers"]["Wink-Version"], "2.0");
  EXPECT_EQ(j["headers"]["Accept"], "application/json");
  EXPECT_NE(j["headers"]["User-Agent"].get<std::string>().find("wink-supplier/9.9.9"), std::string::npos);
  EXPECT_EQ(j["headers"]["Authorization"].get<std::string>().rfind("Bearer tok-", 0), 0u);
  // Raw response headers are reachable.
  ASSERT_NE(r.headers.find("content-type"), nullptr);
  EXPECT_EQ(*r.headers.find("content-type"), "application/json");
  // The fake decoded Basic credentials (form-encoded id:secret) and accepted them.
  EXPECT_EQ(w.last_token_body(), "grant_type=client_credentials&scope=a.read+b.write");
}

TEST(Transport, NonSuccessStatusIsReturnedNotThrown) {
  FakeWink w;
  w.server().Get("/api/missing", [&](const httplib::Request& req, httplib::Response& res) {
    if (!w.authorized(req, res)) return;
    res.status = 404;
    res.set_header("X-Trace", "abc");
    res.set_content(R"({"title":"no hotel"})", "application/problem+json");
  });
  w.start();
  HttpClient client(options_for(w));
  auto r = client.send(get("/api/missing"));
  EXPECT_EQ(r.status, 404);
  ApiError e("getHotel", r);
  EXPECT_EQ(*e.headers().find("x-trace"), "abc");
  EXPECT_NE(std::string(e.what()).find("getHotel: HTTP 404"), std::string::npos) << e.what();
}

TEST(Transport, PostsBodyWithContentType) {
  FakeWink w;
  w.server().Post("/api/items", [&](const httplib::Request& req, httplib::Response& res) {
    if (!w.authorized(req, res)) return;
    res.status = 201;
    res.set_content(req.get_header_value("Content-Type") + "|" + req.body, "text/plain");
  });
  w.start();
  HttpClient client(options_for(w));
  ApiRequest req;
  req.method = "POST";
  req.path_and_query = "/api/items";
  req.body = R"({"a":1})";
  req.content_type = "application/json";
  auto r = client.send(req);
  EXPECT_EQ(r.status, 201);
  EXPECT_EQ(r.body, R"(application/json|{"a":1})");
}

TEST(Transport, SlowResponsePastTimeoutIsTransportError) {
  FakeWink w;
  w.server().Get("/api/slow", [](const httplib::Request&, httplib::Response& res) {
    std::this_thread::sleep_for(400ms);
    res.set_content("late", "text/plain");
  });
  w.start();
  auto o = options_for(w);
  o.token_provider = std::make_shared<StaticTokenProvider>("static");
  HttpClient client(o);
  CallOptions call;
  call.timeout = 100ms;
  call.max_attempts = 1;
  auto t0 = std::chrono::steady_clock::now();
  try {
    client.send(get("/api/slow"), call);
    FAIL() << "expected a timeout";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.curl_code(), 28) << e.what();  // CURLE_OPERATION_TIMEDOUT
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 350ms);
}

TEST(Transport, ConnectionDroppedMidBodyIsRetriedThenThrown) {
  FakeWink w;
  std::atomic<int> hits{0};
  w.server().Get("/api/drop", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.set_content_provider(1000, "application/json", [](size_t offset, size_t, httplib::DataSink& sink) {
      if (offset > 0) return false;  // hang up after the first 100 of 1000 promised bytes
      std::string part(100, 'x');
      sink.write(part.data(), part.size());
      return true;
    });
  });
  w.start();
  auto o = options_for(w);
  o.token_provider = std::make_shared<StaticTokenProvider>("static");
  HttpClient client(o);
  try {
    client.send(get("/api/drop"));
    FAIL() << "expected a transport error";
  } catch (const TransportError& e) {
    EXPECT_TRUE(e.curl_code() == 18 || e.curl_code() == 56) << e.curl_code() << " " << e.what();
  }
  EXPECT_EQ(hits.load(), 3);  // GET is idempotent: default max_attempts
}

TEST(Transport, ResponseLargerThanLimitIsTransportError) {
  FakeWink w;
  w.server().Get("/api/big", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(std::string(5000, 'b'), "text/plain");
  });
  w.server().Get("/api/big-chunked", [](const httplib::Request&, httplib::Response& res) {
    res.set_chunked_content_provider("text/plain", [](size_t offset, httplib::DataSink& sink) {
      if (offset >= 5000) {
        sink.done();
        return true;
      }
      std::string part(500, 'c');
      sink.write(part.data(), part.size());
      return true;
    });
  });
  w.start();
  auto o = options_for(w);
  o.token_provider = std::make_shared<StaticTokenProvider>("static");
  o.max_response_body_bytes = 1000;
  HttpClient client(o);
  for (const char* path : {"/api/big", "/api/big-chunked"}) {
    try {
      client.send(get(path));
      FAIL() << "expected a body-size error for " << path;
    } catch (const TransportError& e) {
      EXPECT_NE(std::string(e.what()).find("exceeds the limit of 1000 bytes"), std::string::npos) << e.what();
    }
  }
  o.max_response_body_bytes = 5000;  // exactly the size is fine
  HttpClient ok(o);
  EXPECT_EQ(ok.send(get("/api/big")).body.size(), 5000u);
}

namespace {
// A second server that records whether redirected requests carried Authorization.
struct Landing {
  TestServer srv;
  std::mutex mu;
  std::vector<std::string> auth_seen;
  Landing() {
    srv.server().Get("/landing", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lk(mu);
      auth_seen.push_back(req.has_header("Authorization") ? req.get_header_value("Authorization") : "<none>");
      res.set_content("landed", "text/plain");
    });
    srv.start();
  }
};
}  // namespace

TEST(Transport, RedirectKeepsAuthorizationOnSameOriginOnly) {
  FakeWink w;
  Landing other;
  std::string to_localhost_same_port, to_other_port = other.srv.url("/landing");
  w.server().Get("/api/same", [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/api/echo", 302); });
  w.server().Get("/api/to-other-port", [&](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(to_other_port, 307);
  });
  w.server().Get("/api/to-localhost", [&](const httplib::Request&, httplib::Response& res) {
    res.set_redirect(w.srv().localhost_url("/api/landing-here"), 302);
  });
  std::mutex mu;
  std::string here_auth = "unset";
  w.server().Get("/api/landing-here", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lk(mu);
    here_auth = req.has_header("Authorization") ? req.get_header_value("Authorization") : "<none>";
    res.set_content("ok", "text/plain");
  });
  w.start();
  HttpClient client(options_for(w));

  auto same = client.send(get("/api/same"));
  EXPECT_EQ(same.status, 200);  // /api/echo needs the bearer: it was kept
  auto j = nlohmann::json::parse(same.body);
  EXPECT_EQ(j["headers"]["Authorization"].get<std::string>().rfind("Bearer ", 0), 0u);

  auto port = client.send(get("/api/to-other-port"));
  EXPECT_EQ(port.body, "landed");
  auto host = client.send(get("/api/to-localhost"));  // 127.0.0.1 -> localhost, same port
  EXPECT_EQ(host.body, "ok");
  {
    std::lock_guard<std::mutex> lk(other.mu);
    ASSERT_EQ(other.auth_seen.size(), 1u);
    EXPECT_EQ(other.auth_seen[0], "<none>");
  }
  std::lock_guard<std::mutex> lk(mu);
  EXPECT_EQ(here_auth, "<none>");
}

TEST(Transport, RedirectLoopStopsAfterMaxRedirects) {
  FakeWink w;
  std::atomic<int> hits{0};
  w.server().Get("/api/loop", [&](const httplib::Request&, httplib::Response& res) {
    ++hits;
    res.set_redirect("/api/loop", 302);
  });
  w.start();
  auto o = options_for(w);
  o.token_provider = std::make_shared<StaticTokenProvider>("static");
  o.max_redirects = 3;
  HttpClient client(o);
  CallOptions call;
  call.max_attempts = 1;
  try {
    client.send(get("/api/loop"), call);
    FAIL() << "expected too many redirects";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("more than 3 redirects"), std::string::npos) << e.what();
  }
  EXPECT_EQ(hits.load(), 4);
}

TEST(Transport, SequentialCallsReuseOneConnection) {
  FakeWink w;
  w.start();
  HttpClient client(options_for(w));
  for (int i = 0; i < 50; ++i) ASSERT_EQ(client.send(get("/api/echo")).status, 200);
  EXPECT_EQ(w.srv().requests(), 51u);  // 1 token + 50 calls
  EXPECT_EQ(w.srv().connections(), 1u);
}

TEST(Transport, DisablingTlsVerificationLogsAWarning) {
  std::vector<std::string> lines;
  TransportOptions t;
  t.verify_tls = false;
  t.logger = [&](LogLevel level, const std::string& m) {
    if (level == LogLevel::Warn) lines.push_back(m);
  };
  CurlTransport transport(t);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_NE(lines[0].find("TLS certificate verification is DISABLED"), std::string::npos);
  TransportOptions def;
  EXPECT_TRUE(def.verify_tls);
}

TEST(Transport, ConnectionRefusedIsTransportError) {
  ClientOptions o;
  o.api_base_url = closed_url();  // nothing listens there now
  o.logger = [](LogLevel, const std::string&) {};
  o.retry.max_attempts = 1;
  HttpClient client(o);
  EXPECT_THROW(client.send(get("/x")), TransportError);
}

TEST(Transport, OperationAndCallHeadersOverrideDefaults) {
  FakeWink w;
  w.start();
  HttpClient client(options_for(w));
  auto req = get("/api/echo");
  req.headers.add("X-Request-Id", "r-1");
  req.headers.add("Accept", "application/problem+json");
  CallOptions call;
  call.extra_headers.add("Wink-Version", "2.1");
  auto r = client.send(req, call);
  ASSERT_EQ(r.status, 200);
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["headers"]["X-Request-Id"], "r-1");
  EXPECT_EQ(j["headers"]["Accept"], "application/problem+json");
  EXPECT_EQ(j["headers"]["Wink-Version"], "2.1");
}
