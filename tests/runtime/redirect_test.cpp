// Item 7: redirects. https -> http is refused; a cross-origin redirect of a request with a body
// is not followed (the 3xx is returned); on any origin change only an allow-list of headers is
// kept. The "https" origins here are 127.0.0.1 fixtures behind a transport that speaks plain
// HTTP to them (TlsShim), so that HttpClient sees https URLs without a certificate setup.
#include <gtest/gtest.h>

#include "test_server.h"
#include "wink/errors.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {

// Sends https://127.0.0.1:... as http://127.0.0.1:... (a TLS-terminating proxy in a box).
class TlsShim : public Transport {
 public:
  HttpResponse perform(const HttpRequest& request) override {
    HttpRequest r = request;
    const std::string https = "https://127.0.0.1:";
    if (r.url.rfind(https, 0) == 0) r.url = "http://127.0.0.1:" + r.url.substr(https.size());
    return inner_.perform(r);
  }

 private:
  CurlTransport inner_;
};

std::string https_url(const RawServer& s, const std::string& path) {
  return "https://127.0.0.1:" + std::to_string(s.port()) + path;
}

RawServer::Handler redirect_to(std::string location, int status = 302) {
  return [location, status](RawServer::Connection& c) {
    if (!c.read_request().empty()) c.reply(status, "", "Location: " + location + "\r\n");
  };
}

ClientOptions options(const std::string& base) {
  ClientOptions o;
  o.api_base_url = base;
  o.token_provider = std::make_shared<StaticTokenProvider>("t0k3n");
  o.logger = [](LogLevel, const std::string&) {};
  o.retry.max_attempts = 1;
  return o;
}

std::string request_line(const std::string& request) { return request.substr(0, request.find("\r\n")); }

bool has_header(const std::string& request, const std::string& name) {
  std::string lower_req = request, lower_name = "\r\n" + name + ":";
  for (auto* s : {&lower_req, &lower_name})
    for (char& c : *s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower_req.find(lower_name) != std::string::npos;
}

}  // namespace

TEST(Redirects, HttpsToHttpIsRefused) {
  RawServer landing;
  RawServer api(redirect_to(landing.url("/landing")));
  HttpClient client(options(https_url(api, "")), std::make_shared<TlsShim>());
  try {
    client.send(get("/api/x"));
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("https to http"), std::string::npos) << e.what();
  }
  EXPECT_EQ(api.connections(), 1);
  EXPECT_EQ(landing.connections(), 0);

  // https -> https (another origin) is fine.
  RawServer secure_landing;
  RawServer api2(redirect_to(https_url(secure_landing, "/landing")));
  HttpClient client2(options(https_url(api2, "")), std::make_shared<TlsShim>());
  EXPECT_EQ(client2.send(get("/api/x")).body, "ok");
  EXPECT_EQ(secure_landing.connections(), 1);
}

TEST(Redirects, PlainHttpToAHostThatIsNotLoopbackIsRefused) {
  RawServer api(redirect_to("http://example.invalid/landing"));
  HttpClient client(options(api.url()));
  try {
    client.send(get("/api/x"));
    FAIL() << "expected TransportError";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("not loopback"), std::string::npos) << e.what();
  }
}

TEST(Redirects, CrossOriginRedirectOfARequestWithABodyIsReturned) {
  for (int status : {301, 302, 303, 307, 308}) {
    RawServer landing;
    RawServer api(redirect_to(landing.url("/landing"), status));
    HttpClient client(options(api.url()));
    ApiRequest post{nullptr, "POST", "/api/bookings", {}, R"({"guest":"Ada"})", "application/json"};
    auto r = client.send(post);
    EXPECT_EQ(r.status, status);
    ASSERT_NE(r.headers.find("Location"), nullptr);
    EXPECT_EQ(landing.connections(), 0) << status;
  }
}

TEST(Redirects, SameOriginRedirectOfARequestWithABodyIsFollowed) {
  std::atomic<int> n{0};
  RawServer api([&](RawServer::Connection& c) {
    if (c.read_request().empty()) return;
    if (n++ == 0)
      c.reply(307, "", "Location: /api/bookings-v2\r\n");
    else
      c.reply(201, "created");
  });
  HttpClient client(options(api.url()));
  auto r = client.send(ApiRequest{nullptr, "POST", "/api/bookings", {}, R"({"guest":"Ada"})", "application/json"});
  EXPECT_EQ(r.status, 201);
  auto reqs = api.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(request_line(reqs[1]), "POST /api/bookings-v2 HTTP/1.1");
  EXPECT_NE(reqs[1].find(R"({"guest":"Ada"})"), std::string::npos);
  EXPECT_TRUE(has_header(reqs[1], "Authorization"));
}

TEST(Redirects, OnlyAllowListedHeadersCrossOrigins) {
  RawServer landing;
  RawServer api(redirect_to(landing.url("/landing")));
  HttpClient client(options(api.url()));
  ApiRequest r = get("/api/x");
  r.headers.add("X-Request-Id", "r-1");
  r.headers.add("Cookie", "session=abc");
  CallOptions call;
  call.extra_headers.add("X-Tenant-Secret", "s3");
  call.extra_headers.add("Accept-Language", "de");
  EXPECT_EQ(client.send(r, call).body, "ok");
  auto at_api = api.requests();
  auto at_landing = landing.requests();
  ASSERT_EQ(at_api.size(), 1u);
  ASSERT_EQ(at_landing.size(), 1u);
  for (const char* h : {"Authorization", "X-Request-Id", "Cookie", "X-Tenant-Secret"}) {
    EXPECT_TRUE(has_header(at_api[0], h)) << h;
    EXPECT_FALSE(has_header(at_landing[0], h)) << h << " crossed origins:\n" << at_landing[0];
  }
  for (const char* h : {"Accept", "Accept-Language", "User-Agent", "Wink-Version"})
    EXPECT_TRUE(has_header(at_landing[0], h)) << h;
}
