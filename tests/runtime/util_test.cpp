// Pure helpers: headers, redaction, encoders/SHA-256, Retry-After, backoff, scopes, options,
// ApiError messages, URL resolution.
#include <gtest/gtest.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "encoding.h"
#include "url_util.h"
#include "wink/errors.h"
#include "wink/options.h"
#include "wink/redact.h"
#include "wink/response.h"
#include "wink/retry.h"
#include "wink/scopes.h"

using namespace wink;
using namespace std::chrono_literals;

namespace {
std::string hex(const std::array<std::uint8_t, 32>& d) {
  static const char* k = "0123456789abcdef";
  std::string s;
  for (auto b : d) {
    s.push_back(k[b >> 4]);
    s.push_back(k[b & 15]);
  }
  return s;
}
}  // namespace

TEST(Headers, CaseInsensitiveSetFindRemove) {
  Headers h;
  h.add("Content-Type", "a");
  h.add("X-Dup", "1");
  h.add("x-dup", "2");
  EXPECT_EQ(*h.find("content-type"), "a");
  h.set("X-DUP", "3");
  EXPECT_EQ(h.items().size(), 2u);
  EXPECT_EQ(*h.find("x-dup"), "3");
  EXPECT_EQ(h.remove("CONTENT-TYPE"), 1u);
  EXPECT_FALSE(h.contains("content-type"));
  EXPECT_TRUE(iequals("Authorization", "aUTHORIZATION"));
}

TEST(Redact, JsonFormHeadersAndCredentials) {
  EXPECT_EQ(redact_text(R"({"access_token":"abc.def","expires_in":3600})"),
            R"({"access_token":"[REDACTED]","expires_in":3600})");
  EXPECT_EQ(redact_text(R"({ "refresh_token" : "r1", "id_token": "i1" })"),
            R"({ "refresh_token" : "[REDACTED]", "id_token": "[REDACTED]" })");
  EXPECT_EQ(redact_text("grant_type=client_credentials&client_secret=x%20y&scope=a"),
            "grant_type=client_credentials&client_secret=[REDACTED]&scope=a");
  EXPECT_EQ(redact_text("https://h/cb?code=1&access_token=zz#frag"), "https://h/cb?code=1&access_token=[REDACTED]#frag");
  EXPECT_EQ(redact_text("Authorization: Bearer eyJ.abc-def_g"), "Authorization: Bearer [REDACTED]");
  EXPECT_EQ(redact_text("basic Zm9vOmJhcg=="), "basic [REDACTED]");
  EXPECT_EQ(redact_text(R"({"token_type":"Bearer"})"), R"({"token_type":"Bearer"})");
  EXPECT_EQ(redact_text(R"({\"access_token\":\"esc\"})"), R"({\"access_token\":\"[REDACTED]\"})");
  EXPECT_EQ(redact_text("my_access_token_count=3"), "my_access_token_count=3");
  EXPECT_EQ(redact_text("secret is hunter22!", {"hunter22!"}), "secret is [REDACTED]");
  Headers h;
  h.add("Authorization", "Bearer x");
  h.add("Cookie", "a=b");
  h.add("Set-Cookie", "c=d");
  h.add("Proxy-Authorization", "Basic y");
  h.add("Accept", "application/json");
  auto r = redact_headers(h);
  for (const auto& [n, v] : r) {
    if (!iequals(n, "Accept")) {
      EXPECT_EQ(v, "[REDACTED]") << n;
    }
  }
  EXPECT_EQ(*r.find("Accept"), "application/json");
}

TEST(Redact, ExcerptIsOneShortLine) {
  std::string body = "line1\n\tline2\r\n" + std::string(500, 'x');
  auto e = excerpt(body, 40);
  EXPECT_EQ(e.find('\n'), std::string::npos);
  EXPECT_LE(e.size(), 43u);
  EXPECT_EQ(e.substr(0, 12), "line1 line2 ");
  EXPECT_EQ(e.substr(e.size() - 3), "...");
  // Never cuts a UTF-8 sequence in half.
  std::string utf = std::string(39, 'a') + "\xc3\xa9" + "zzz";
  auto u = excerpt(utf, 40);
  EXPECT_EQ(u, std::string(39, 'a') + "...");
}

TEST(Encoding, FormBase64Sha256) {
  using namespace wink::detail;
  EXPECT_EQ(form_urlencode("a b&c=d:é~"), "a+b%26c%3Dd%3A%C3%A9~");
  EXPECT_EQ(percent_encode("a b"), "a%20b");
  EXPECT_EQ(percent_decode("a+b%26c"), "a b&c");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64url_encode(std::string("\xfb\xff\xbf", 3)), "-_-_");
  EXPECT_EQ(hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(hex(sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(hex(sha256(std::string(1000000, 'a'))), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // RFC 7636 appendix B.
  auto d = sha256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  EXPECT_EQ(base64url_encode(std::string(reinterpret_cast<const char*>(d.data()), d.size())),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  auto r1 = random_bytes(32), r2 = random_bytes(32);
  EXPECT_EQ(r1.size(), 32u);
  EXPECT_NE(r1, r2);
  auto f = parse_form("a=1&b=x+y&c");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[1].second, "x y");
}

TEST(Retry, RetryAfterSecondsAndDates) {
  auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(parse_retry_after("120", now), 120000ms);
  EXPECT_EQ(parse_retry_after(" 0 ", now), 0ms);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:39 GMT", now), 2000ms);
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:47 GMT", now), 10000ms);
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:50:37 1994", now), 60000ms);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now), 0ms);  // in the past
  EXPECT_FALSE(parse_retry_after("soon", now));
  EXPECT_FALSE(parse_retry_after("-5", now));
}

TEST(Retry, BackoffGrowsCapsAndJitters) {
  RetryPolicy p;
  p.initial_backoff = 100ms;
  p.max_backoff = 1000ms;
  p.multiplier = 2;
  p.jitter = 0;
  EXPECT_EQ(backoff_delay(p, 1, 0.5), 100ms);
  EXPECT_EQ(backoff_delay(p, 2, 0.5), 200ms);
  EXPECT_EQ(backoff_delay(p, 3, 0.5), 400ms);
  EXPECT_EQ(backoff_delay(p, 10, 0.5), 1000ms);
  p.jitter = 0.5;
  EXPECT_EQ(backoff_delay(p, 1, 0.0), 50ms);
  EXPECT_EQ(backoff_delay(p, 1, 0.999).count(), 149);
  EXPECT_TRUE(is_idempotent_method("GET") && is_idempotent_method("put") && is_idempotent_method("DELETE"));
  EXPECT_FALSE(is_idempotent_method("POST") || is_idempotent_method("PATCH"));
  for (long s : {408L, 429L, 500L, 502L, 503L, 504L}) EXPECT_TRUE(is_retryable_status(s));
  for (long s : {400L, 401L, 404L, 409L, 501L}) EXPECT_FALSE(is_retryable_status(s));
}

TEST(Scopes, LeastPrivilegeIsSortedAndDeduplicated) {
  static constexpr std::string_view a_scopes[] = {"b.write", "a.read"};
  static constexpr std::string_view b_scopes[] = {"a.read", "c.read"};
  static constexpr OperationInfo a{"opA", "GET", "/a", {a_scopes, 2}, true};
  static constexpr OperationInfo b{"opB", "POST", "/b", {b_scopes, 2}, false};
  static constexpr OperationInfo none{"opC", "GET", "/c", {}, true};
  EXPECT_EQ(least_privilege_scopes({&a, &b, &none, nullptr}), "a.read b.write c.read");
  EXPECT_EQ(least_privilege_scopes(std::vector<const OperationInfo*>{&none}), "");
  EXPECT_EQ(split_scopes("  x  y\tz "), (std::vector<std::string>{"x", "y", "z"}));
}

TEST(Options, EnvironmentsAndUserAgent) {
  ClientOptions o;
  EXPECT_EQ(o.resolved_api_base_url(), "https://api.wink.travel");
  EXPECT_EQ(o.resolved_token_url(), "https://iam.wink.travel/oauth2/token");
  o.environment = Environment::Staging;
  EXPECT_EQ(o.resolved_api_base_url(), "https://staging-api.wink.travel");
  EXPECT_EQ(o.resolved_token_url(), "https://staging-iam.wink.travel/oauth2/token");
  o.api_base_url = "https://custom.example/base/";
  EXPECT_EQ(o.resolved_api_base_url(), "https://custom.example/base");
  o.sdk_name = "wink-supplier";
  o.sdk_version = "1.2.3";
  o.generator_version = "0.1.0";
  o.spec_version = "2.0.7";
  auto ua = o.user_agent();
  EXPECT_NE(ua.find("wink-supplier/1.2.3"), std::string::npos) << ua;
  EXPECT_NE(ua.find("wink-codegen/0.1.0"), std::string::npos) << ua;
  EXPECT_NE(ua.find("wink-spec/2.0.7"), std::string::npos) << ua;
}

TEST(Options, FromEnv) {
  setenv("WINK_CLIENT_ID", "cid", 1);
  setenv("WINK_CLIENT_SECRET", "csecret", 1);
  setenv("WINK_ENVIRONMENT", "Staging", 1);
  setenv("WINK_SCOPE", "a.read b.write", 1);
  setenv("WINK_TOKEN_URL", "http://127.0.0.1:1/token", 1);
  unsetenv("WINK_API_BASE_URL");
  auto o = ClientOptions::from_env();
  EXPECT_EQ(o.client_id, "cid");
  EXPECT_EQ(o.client_secret, "csecret");
  EXPECT_EQ(o.environment, Environment::Staging);
  EXPECT_EQ(o.resolved_api_base_url(), "https://staging-api.wink.travel");
  EXPECT_EQ(o.resolved_token_url(), "http://127.0.0.1:1/token");
  EXPECT_EQ(o.scopes, (std::vector<std::string>{"a.read", "b.write"}));
  setenv("WINK_ENVIRONMENT", "qa", 1);
  try {
    ClientOptions::from_env();
    FAIL() << "expected a Config error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Config);
    EXPECT_NE(std::string(e.what()).find("WINK_ENVIRONMENT"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("'qa'"), std::string::npos);
  }
  for (const char* n : {"WINK_CLIENT_ID", "WINK_CLIENT_SECRET", "WINK_ENVIRONMENT", "WINK_SCOPE", "WINK_TOKEN_URL"})
    unsetenv(n);
}

TEST(Errors, ApiErrorMessageAndBody) {
  HttpResponse r;
  r.status = 404;
  r.headers.add("Content-Type", "application/problem+json");
  r.body = R"({"title":"Not found","detail":"no such hotel","access_token":"leaked"})";
  ApiError e("getHotel", r);
  std::string w = e.what();
  EXPECT_NE(w.find("getHotel"), std::string::npos);
  EXPECT_NE(w.find("404"), std::string::npos);
  EXPECT_NE(w.find("no such hotel"), std::string::npos);
  EXPECT_EQ(w.find("leaked"), std::string::npos);
  EXPECT_EQ(e.status(), 404);
  EXPECT_EQ(e.body(), r.body);  // raw response kept
  ASSERT_TRUE(e.body_json());
  EXPECT_EQ((*e.body_json())["title"], "Not found");
  ApiError not_json("op", HttpResponse{500, {}, "<html>"});
  EXPECT_FALSE(not_json.body_json());
}

TEST(Url, ResolveAndOrigin) {
  using namespace wink::detail;
  EXPECT_EQ(resolve_url("http://a:1/x/y?q", "/z"), "http://a:1/z");
  EXPECT_EQ(resolve_url("http://a:1/x/y?q", "z?k"), "http://a:1/x/z?k");
  EXPECT_EQ(resolve_url("http://a:1/x/y", "//b:2/p"), "http://b:2/p");
  EXPECT_EQ(resolve_url("http://a:1/x", "https://c/p"), "https://c/p");
  EXPECT_TRUE(same_origin("http://A:80/x", "http://a/y"));
  EXPECT_FALSE(same_origin("http://127.0.0.1:1/", "http://localhost:1/"));
  EXPECT_FALSE(same_origin("http://h:1/", "http://h:2/"));
  EXPECT_FALSE(same_origin("http://h/", "https://h/"));
}

TEST(Finish, StringResultsTakeTextBodiesAsTheyCome) {
  // `*/*` success responses with a string schema: text/plain is the text, JSON is decoded.
  HttpResponse text;
  text.status = 200;
  text.headers.set("Content-Type", "text/plain");
  text.body = "hello";
  EXPECT_EQ(*detail::finish_json<std::string>("getHello", text), "hello");
  HttpResponse json = text;
  json.headers.set("Content-Type", "application/json");
  json.body = "\"hello\"";
  EXPECT_EQ(*detail::finish_json<std::string>("getHello", json), "hello");
  json.body = "hello";
  EXPECT_THROW(detail::finish_json<std::string>("getHello", json), DecodeError);
}

TEST(Headers, NamesAreTokensAndValuesHaveNoControls) {
  for (const char* ok : {"X-Request-Id", "a", "!#$%&'*+-.^_`|~09AZaz"}) EXPECT_TRUE(is_header_name(ok)) << ok;
  for (const char* bad : {"", "X Y", "X:Y", "X\r", "X\"", "X(Y)", "\xc3\x9c"}) EXPECT_FALSE(is_header_name(bad)) << bad;
  EXPECT_TRUE(is_header_value(""));
  EXPECT_TRUE(is_header_value("a\tb \xc3\xa9 ~"));
  for (const std::string& bad : std::vector<std::string>{"a\rb", "a\nb", std::string("a\0b", 3), "\x01", "\x1f", "\x7f"})
    EXPECT_FALSE(is_header_value(bad));
}

TEST(Url, DotSegmentsAndLoopbackHosts) {
  EXPECT_EQ(detail::escape_dot_segments("/a/../b/./c?x=/../#/./"), "/a/%2E%2E/b/%2E/c?x=/../#/./");
  EXPECT_EQ(detail::escape_dot_segments("/.."), "/%2E%2E");
  EXPECT_EQ(detail::escape_dot_segments("/a/.../.b/"), "/a/.../.b/");
  for (const char* h : {"127.0.0.1", "127.255.0.9", "localhost", "LOCALHOST", "::1", "x.localhost"})
    EXPECT_TRUE(detail::is_loopback_host(h)) << h;
  for (const char* h : {"127.0.0.1.nip.io", "localhost.example", "128.0.0.1", "127.0.0", "1270.0.0.1", "::2", ""})
    EXPECT_FALSE(detail::is_loopback_host(h)) << h;
}

TEST(Encoding, UuidV4FromTheCsprng) {
  auto a = detail::uuid_v4(), b = detail::uuid_v4();
  EXPECT_NE(a, b);
  ASSERT_EQ(a.size(), 36u);
  EXPECT_EQ(a[14], '4');
  EXPECT_NE(std::string("89ab").find(a[19]), std::string::npos) << a;
}
