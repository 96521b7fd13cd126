// Item 1 and 2 of the hostile-input rules: header names must be RFC 9110 tokens and values free
// of CR, LF, NUL and other controls (HTAB allowed), whatever they come from (operation
// parameters, CallOptions, multipart part headers, tokens), refused before any byte reaches
// the server; path parameters cannot form dot segments and the transport never rewrites a path.
#include <gtest/gtest.h>

#include "test_server.h"
#include "wink/errors.h"
#include "wink/multipart.h"
#include "wink/redact.h"
#include "wink/url.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {

ClientOptions options_for(const RawServer& s) {
  ClientOptions o;
  o.api_base_url = s.url();
  o.token_provider = std::make_shared<StaticTokenProvider>("static-token");
  o.logger = [](LogLevel, const std::string&) {};
  return o;
}

// Runs `send` and expects wink::Error(InvalidArgument) whose message has no raw control
// character; returns the message.
template <class F>
std::string expect_refused(F send) {
  try {
    send();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument) << e.what();
    std::string m = e.what();
    for (char c : m) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7f) << "raw control in: " << m;
    return m;
  }
  ADD_FAILURE() << "expected wink::Error(InvalidArgument)";
  return {};
}

const std::vector<std::string> kBadValues = {
    "x\r\nAuthorization: Bearer attacker", "x\nX-Injected: 1", "x\r", std::string("trunc\0ated", 10), "bell\x07",
    "del\x7f"};

}  // namespace

TEST(HeaderInjection, OperationHeaderParametersAreRefusedBeforeAnyByteIsSent) {
  RawServer server;
  HttpClient client(options_for(server));
  for (const auto& bad : kBadValues) {
    ApiRequest req;
    req.method = "GET";
    req.path_and_query = "/api/x";
    url::add_header(req.headers, "X-Request-Id", bad);  // what generated code does for a header parameter
    std::string m = expect_refused([&] { client.send(req); });
    EXPECT_NE(m.find("X-Request-Id"), std::string::npos) << m;
    EXPECT_EQ(m.find("attacker"), std::string::npos) << "the value is not echoed: " << m;
  }
  EXPECT_EQ(server.connections(), 0);
  EXPECT_EQ(server.received(), "");
}

TEST(HeaderInjection, CallOptionHeadersAndNamesAreRefused) {
  RawServer server;
  HttpClient client(options_for(server));
  ApiRequest req;
  req.method = "POST";
  req.path_and_query = "/api/x";
  for (const auto& bad : kBadValues) {
    CallOptions call;
    call.extra_headers.add("X-Tenant", bad);
    expect_refused([&] { client.send(req, call); });
  }
  for (const std::string bad_name : {"X Space", "X:Colon", "", "X\r\nEvil", "Bad\"Quote", "Ümlaut"}) {
    CallOptions call;
    call.extra_headers.add(bad_name, "v");
    std::string m = expect_refused([&] { client.send(req, call); });
    if (bad_name.find('\r') != std::string::npos) {
      EXPECT_NE(m.find("X\\r\\nEvil"), std::string::npos) << m;
    }
  }
  CallOptions key;
  key.idempotency_key = "k\r\nX-Evil: 1";
  expect_refused([&] { client.send(req, key); });
  EXPECT_EQ(server.connections(), 0);
  EXPECT_EQ(server.received(), "");
}

TEST(HeaderInjection, TabAndNonAsciiValuesAreAllowed) {
  RawServer server;
  HttpClient client(options_for(server));
  CallOptions call;
  call.extra_headers.add("X-Note", "a\tb caf\xc3\xa9");
  auto r = client.send(ApiRequest{nullptr, "GET", "/api/x", {}, {}, {}}, call);
  EXPECT_EQ(r.status, 200);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_NE(server.requests()[0].find("X-Note: a\tb caf\xc3\xa9\r\n"), std::string::npos) << server.requests()[0];
}

TEST(HeaderInjection, TokenRequestsNeverFetchATokenForARefusedCall) {
  FakeWink w;
  w.start();
  HttpClient client(options_for(w));
  CallOptions call;
  call.extra_headers.add("X-Tenant", "a\r\nb");
  EXPECT_THROW(client.send(get("/api/echo"), call), Error);
  EXPECT_EQ(w.token_requests.load(), 0);
  EXPECT_EQ(w.srv().requests(), 0u);
}

TEST(HeaderInjection, TokensThatAreNotB64TokensAreRefused) {
  RawServer server;
  // A provider of one's own handing out a token with a line break.
  struct Evil : TokenProvider {
    AccessToken token() override {
      AccessToken t;
      t.value = "abc\r\nX-Injected: 1";
      return t;
    }
    void invalidate(const std::string&) override {}
  };
  auto o = options_for(server);
  o.token_provider = std::make_shared<Evil>();
  HttpClient client(o);
  EXPECT_THROW(client.send(get("/api/x")), AuthError);
  EXPECT_THROW(StaticTokenProvider("a b"), Error);
  EXPECT_THROW(StaticTokenProvider("tok\n"), Error);
  EXPECT_NO_THROW(StaticTokenProvider("eyJh.b-c_d~e+f/g=="));
  EXPECT_EQ(server.connections(), 0);

  // A token endpoint that answers one.
  FakeWink w;
  w.server().Post("/evil-token", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"access_token":"tok\r\nX-Injected: 1","token_type":"Bearer","expires_in":60})",
                    "application/json");
  });
  w.start();
  auto wo = test::options_for(w);
  wo.token_url = w.srv().url("/evil-token");
  HttpClient victim(wo);
  try {
    victim.send(get("/api/echo"));
    FAIL() << "expected AuthError";
  } catch (const AuthError& e) {
    EXPECT_NE(std::string(e.what()).find("b64token"), std::string::npos) << e.what();
    EXPECT_FALSE(e.transient());
  }
  EXPECT_EQ(w.api_unauthorized.load(), 0);  // the API never saw a request
}

TEST(HeaderInjection, MultipartPartHeadersAreRefused) {
  RawServer server;
  HttpClient client(options_for(server));
  auto upload = [&](const std::string& name, const FilePart& file) {
    Multipart form;
    form.add(name.c_str(), file);
    ApiRequest req{nullptr, "POST", "/api/upload", {}, {}, {}};
    req.body = form.body();  // generated code builds the body before calling send()
    req.content_type = form.content_type();
    return client.send(req);
  };
  expect_refused([&] { upload("file", FilePart{"a.txt\r\nContent-Type: text/html", "text/plain", "x"}); });
  expect_refused([&] { upload("file\r\nX: y", FilePart{"a.txt", "text/plain", "x"}); });
  expect_refused([&] { upload("file", FilePart{"a.txt", "text/plain\r\nX-Evil: 1", "x"}); });
  expect_refused([&] { upload("file", FilePart{std::string("a\0b", 3), "text/plain", "x"}); });
  EXPECT_EQ(server.connections(), 0);
  // Quotes are percent-encoded (as browsers do), not refused.
  EXPECT_EQ(upload("file", FilePart{"say \"hi\".txt", "text/plain", "x"}).status, 200);
  ASSERT_EQ(server.requests().size(), 1u);
  EXPECT_NE(server.requests()[0].find("filename=\"say %22hi%22.txt\""), std::string::npos);
}

TEST(HeaderInjection, TheTransportRefusesBadHeadersToo) {
  RawServer server;
  CurlTransport t;
  HttpRequest r;
  r.url = server.url("/x");
  r.headers.add("X-Evil", "a\r\nb: c");
  EXPECT_THROW(t.perform(r), Error);
  r.headers = Headers{};
  r.url = server.url("/x\r\nHost: evil");
  EXPECT_THROW(t.perform(r), Error);
  r.url = server.url("/x");
  r.method = "GET /evil HTTP/1.1\r\n";
  EXPECT_THROW(t.perform(r), Error);
  EXPECT_EQ(server.connections(), 0);
}

TEST(HeaderInjection, ErrorAndLogTextsEscapeControlCharacters) {
  EXPECT_EQ(escape_controls("a\r\nb\tc\x01\x7f" + std::string(1, '\0')), "a\\r\\nb\\tc\\x01\\x7f\\0");
  EXPECT_EQ(escape_controls("abcdef", 3), "abc...");
  std::vector<std::string> lines;
  TransportOptions o;
  o.logger = [&](LogLevel, const std::string& m) { lines.push_back(m); };
  CurlTransport t(o);
  t.log(LogLevel::Warn, "line one\r\nwink: error: forged second line");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "line one\\r\\nwink: error: forged second line");
}

// --- Path parameters (item 2) ---

TEST(PathParams, DotSegmentsAreEscapedAndEmptyValuesRefused) {
  EXPECT_EQ(url::path_param(std::string("..")), "%2E%2E");
  EXPECT_EQ(url::path_param(std::string(".")), "%2E");
  EXPECT_EQ(url::path_param(std::string("...")), "...");
  EXPECT_EQ(url::path_param(std::string("a/../b")), "a%2F..%2Fb");
  EXPECT_EQ(url::path_param(std::string(".."), url::Style::kLabel), ".%2E%2E");
  EXPECT_EQ(url::path_param(std::vector<std::string>{".."}), "%2E%2E");
  try {
    url::path_param(std::string(), url::Style::kSimple, false, "propertyId");
    FAIL() << "expected a refusal";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidArgument);
    EXPECT_NE(std::string(e.what()).find("propertyId"), std::string::npos) << e.what();
  }
  EXPECT_THROW(url::path_param(std::vector<std::string>{}, url::Style::kSimple, false, "ids"), Error);
}

TEST(PathParams, ACallIsNeverRetargetedByDotSegments) {
  RawServer server;
  HttpClient client(options_for(server));
  // What a generated `deletePropertyRatePlan(propertyId = "..")` builds, and a caller's own path.
  std::string path = "/api/properties/" + url::path_param(std::string("..")) + "/rate-plans";
  EXPECT_EQ(client.send(ApiRequest{nullptr, "DELETE", path, {}, {}, {}}).status, 200);
  EXPECT_EQ(client.send(ApiRequest{nullptr, "DELETE", "/api/properties/../rate-plans?x=/../", {}, {}, {}}).status, 200);
  EXPECT_EQ(client.send(ApiRequest{nullptr, "GET", "/api/./a/.", {}, {}, {}}).status, 200);
  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].substr(0, reqs[0].find("\r\n")), "DELETE /api/properties/%2E%2E/rate-plans HTTP/1.1");
  EXPECT_EQ(reqs[1].substr(0, reqs[1].find("\r\n")), "DELETE /api/properties/%2E%2E/rate-plans?x=/../ HTTP/1.1");
  EXPECT_EQ(reqs[2].substr(0, reqs[2].find("\r\n")), "GET /api/%2E/a/%2E HTTP/1.1");
}

TEST(PathParams, TheTransportSendsPathsAsGiven) {
  RawServer server;
  CurlTransport t;
  HttpRequest r;
  r.url = server.url("/a/b/../c/./d");
  EXPECT_EQ(t.perform(r).status, 200);
  auto reqs = server.requests();
  ASSERT_EQ(reqs.size(), 1u);
  EXPECT_EQ(reqs[0].substr(0, reqs[0].find("\r\n")), "GET /a/b/../c/./d HTTP/1.1");
}

TEST(PathParams, BadPathsAreRefused) {
  RawServer server;
  HttpClient client(options_for(server));
  for (const char* bad : {"", "api/x", "/a b", "/a\r\nHost: x", "/a\tb"})
    expect_refused([&] { client.send(ApiRequest{nullptr, "GET", bad, {}, {}, {}}); });
  EXPECT_EQ(server.connections(), 0);
}
