// Item 8: nothing the runtime produces — hook payloads, log lines, exception messages — contains
// the client secret, its Basic encoding or a token it holds, even when servers echo them back
// without a key (JWT-shaped values too); plain http is refused except to loopback; SIGPIPE
// cannot kill the process.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "encoding.h"
#include "test_server.h"
#include "wink/errors.h"
#include "wink/redact.h"

using namespace wink;
using namespace wink::test;
using namespace std::chrono_literals;

namespace {
struct Capture {
  std::mutex mu;
  std::vector<std::string> lines;
  void add(std::string s) {
    std::lock_guard<std::mutex> lk(mu);
    lines.push_back(std::move(s));
  }
  static std::string dump(const HttpRequest& r) {
    std::string s = r.method + " " + r.url + "\n";
    for (const auto& [n, v] : r.headers) s += n + ": " + v + "\n";
    return s + r.body;
  }
  static std::string dump(const HttpResponse& r) {
    std::string s = std::to_string(r.status) + "\n";
    for (const auto& [n, v] : r.headers) s += n + ": " + v + "\n";
    return s + r.body;
  }
  void hook(ClientOptions& o) {
    o.on_request = [this](const HttpRequest& r) { add("request " + dump(r)); };
    o.on_response = [this](const HttpRequest& r, const HttpResponse& resp, std::chrono::milliseconds) {
      add("response to " + dump(r) + "\n" + dump(resp));
    };
    o.logger = [this](LogLevel, const std::string& m) { add("log " + m); };
  }
};
}  // namespace

TEST(Secrets, NeverInHooksLogsOrExceptions) {
  FakeWink w;
  // Misbehaving endpoints that echo credentials back.
  w.server().Get("/api/leaky-error", [&](const httplib::Request& req, httplib::Response& res) {
    if (!w.authorized(req, res)) return;
    std::string tok = req.get_header_value("Authorization").substr(7);
    res.status = 500;
    res.set_header("Set-Cookie", "session=" + tok);
    res.set_content(R"({"detail":"you sent Authorization: Bearer )" + tok + R"(","access_token":")" + tok + R"("})",
                    "application/json");
  });
  w.server().Get("/api/flaky", [&](const httplib::Request& req, httplib::Response& res) {
    if (!w.authorized(req, res)) return;
    res.status = 503;
    res.set_header("Retry-After", "0");
  });
  TestServer echo_token;  // a token endpoint that reflects the request in its error
  echo_token.server().Post("/token", [](const httplib::Request& req, httplib::Response& res) {
    res.status = 400;
    res.set_content(nlohmann::json{{"error", "invalid_request"},
                                   {"error_description", "got " + req.body + " with " +
                                                             req.get_header_value("Authorization")}}
                        .dump(),
                    "application/json");
  });
  echo_token.start();
  w.start();

  Capture cap;
  std::vector<std::string> messages;
  auto o = options_for(w);
  o.scopes = {"hotel.read"};
  cap.hook(o);
  {
    HttpClient client(o);
    EXPECT_EQ(client.send(get("/api/echo")).status, 200);
    w.revoke_all();
    EXPECT_EQ(client.send(get("/api/echo")).status, 200);  // 401 -> new token
    auto r = client.send(get("/api/leaky-error"));
    EXPECT_EQ(r.status, 500);
    messages.push_back(ApiError("leakyError", r).what());
    EXPECT_EQ(client.send(get("/api/flaky")).status, 503);  // retries log lines
  }
  {
    auto bad = o;
    bad.token_url = echo_token.url("/token");
    HttpClient client(bad);
    try {
      client.send(get("/api/echo"));
      ADD_FAILURE() << "expected AuthError";
    } catch (const AuthError& e) {
      messages.push_back(e.what());
      messages.push_back(e.error_description());
      ASSERT_TRUE(e.response());
      messages.push_back(e.response()->body);
    }
  }
  {
    auto slow = o;
    slow.timeout = 1ms;  // transport error messages too
    w.set_token_mode("slow");
    HttpClient client(slow);
    try {
      client.send(get("/api/echo"));
    } catch (const Error& e) {
      messages.push_back(e.what());
    }
  }

  auto tokens = w.issued_tokens();
  ASSERT_GE(tokens.size(), 2u);
  const std::string basic =
      detail::base64_encode(detail::form_urlencode(w.client_id) + ":" + detail::form_urlencode(w.client_secret));
  std::vector<std::string> forbidden = tokens;
  forbidden.push_back(w.client_secret);
  forbidden.push_back(detail::form_urlencode(w.client_secret));
  forbidden.push_back(basic);
  std::vector<std::string> everything = cap.lines;
  everything.insert(everything.end(), messages.begin(), messages.end());
  ASSERT_GT(cap.lines.size(), 10u);
  for (const auto& text : everything)
    for (const auto& secret : forbidden) EXPECT_EQ(text.find(secret), std::string::npos) << "leaked in: " << text;
  // The hooks did see the traffic, just redacted.
  bool saw_redacted_token_response = false;
  for (const auto& l : cap.lines)
    if (l.find(R"("access_token":"[REDACTED]")") != std::string::npos) saw_redacted_token_response = true;
  EXPECT_TRUE(saw_redacted_token_response);
}

TEST(Secrets, TokensEchoedWithoutAKeyAreScrubbedEverywhere) {
  const std::string jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZGEiLCJleHAiOjF9.c2lnbmF0dXJl";
  FakeWink w;
  w.server().Get("/api/chatty", [&](const httplib::Request& req, httplib::Response& res) {
    if (!w.authorized(req, res)) return;
    std::string tok = req.get_header_value("Authorization").substr(7);
    res.status = 503;
    res.set_header("X-Debug", "caller " + tok);
    res.set_header("Retry-After", "0");
    res.set_content("rejected " + tok + " (session " + jwt + ")", "text/plain");
  });
  w.start();
  Capture cap;
  auto o = options_for(w);
  cap.hook(o);
  std::vector<std::string> messages;
  {
    HttpClient client(o);
    auto r = client.send(get("/api/chatty"));  // 503 three times: retry log lines too
    EXPECT_EQ(r.status, 503);
    messages.push_back(ApiError("chatty", r).what());
    messages.push_back(redact_text(r.body));
    messages.push_back(excerpt(r.body));
    // The raw response stays raw for the caller.
    EXPECT_NE(r.body.find(w.issued_tokens().at(0)), std::string::npos);
  }
  auto tokens = w.issued_tokens();
  ASSERT_EQ(tokens.size(), 1u);
  std::vector<std::string> everything = cap.lines;
  everything.insert(everything.end(), messages.begin(), messages.end());
  ASSERT_GT(cap.lines.size(), 4u);
  for (const auto& text : everything) {
    EXPECT_EQ(text.find(tokens[0]), std::string::npos) << "leaked in: " << text;
    EXPECT_EQ(text.find(jwt), std::string::npos) << "JWT leaked in: " << text;
    EXPECT_EQ(text.find("eyJzdWIiOiJhZGEi"), std::string::npos) << "JWT payload leaked in: " << text;
  }
  EXPECT_NE(messages[0].find("rejected [REDACTED] (session [REDACTED])"), std::string::npos) << messages[0];
}

TEST(Secrets, JwtShapesAreRedactedOtherTextIsNot) {
  EXPECT_EQ(redact_text("a eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig-_x b"), "a [REDACTED] b");
  EXPECT_EQ(redact_text("unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0."), "unsigned [REDACTED]");
  EXPECT_EQ(redact_text("jwe eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d!"), "jwe [REDACTED]!");
  EXPECT_EQ(redact_text("version 1.2.3 and eyJust.text"), "version 1.2.3 and eyJust.text");
  EXPECT_EQ(redact_text("monkeyJhbGciOiJIUzI1NiJ9.x"), "monkeyJhbGciOiJIUzI1NiJ9.x");
  EXPECT_EQ(redact_text("one segment eyJhbGciOiJIUzI1NiJ9 only"), "one segment eyJhbGciOiJIUzI1NiJ9 only");
}

TEST(Secrets, PlainHttpIsRefusedExceptLoopbackUnlessAllowed) {
  auto config_error = [](ClientOptions o) {
    o.logger = [](LogLevel, const std::string&) {};
    try {
      HttpClient client(o);
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Config);
      return std::string(e.what());
    }
    return std::string();
  };
  ClientOptions api;
  api.api_base_url = "http://api.wink.example";
  EXPECT_NE(config_error(api).find("plain http"), std::string::npos);
  ClientOptions token;
  token.api_base_url = "https://api.wink.example";
  token.token_url = "http://iam.wink.example/oauth2/token";
  token.client_id = "id";
  token.client_secret = "secret-value";
  EXPECT_NE(config_error(token).find("plain http"), std::string::npos);
  for (const char* loopback : {"http://127.0.0.1:1", "http://127.1.2.3:1", "http://localhost:1", "http://[::1]:1",
                               "http://app.localhost:1"}) {
    ClientOptions ok;
    ok.api_base_url = loopback;
    ok.token_url = std::string(loopback) + "/token";
    ok.client_id = "id";
    EXPECT_EQ(config_error(ok), "") << loopback;
  }
  for (const char* not_loopback : {"http://127.0.0.1.evil.example", "http://localhost.evil.example", "http://10.0.0.1"}) {
    ClientOptions bad;
    bad.api_base_url = not_loopback;
    EXPECT_NE(config_error(bad), "") << not_loopback;
  }
  api.allow_insecure_http = true;
  token.allow_insecure_http = true;
  EXPECT_EQ(config_error(api), "");
  EXPECT_EQ(config_error(token), "");
  ClientOptions ftp;
  ftp.api_base_url = "ftp://127.0.0.1";
  ftp.allow_insecure_http = true;
  EXPECT_NE(config_error(ftp), "");

  // And against a live loopback fixture, plain http works.
  FakeWink w;
  w.start();
  HttpClient client(options_for(w));
  EXPECT_EQ(client.send(get("/api/echo")).status, 200);
}

TEST(Secrets, SigpipeCannotKillTheProcess) {
  // In a child: SIGPIPE back to its default (terminate), a transport created, then a write to
  // a pipe nobody reads, which raises SIGPIPE. The child must survive and see EPIPE.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(
      {
        ::signal(SIGPIPE, SIG_DFL);
        CurlTransport t;
        int fds[2];
        if (::pipe(fds) != 0) std::_Exit(3);
        ::close(fds[0]);
        const bool epipe = ::write(fds[1], "x", 1) < 0 && errno == EPIPE;
        std::_Exit(epipe ? 0 : 2);
      },
      ::testing::ExitedWithCode(0), "");
  // A program's own SIGPIPE handler is left alone.
  EXPECT_EXIT(
      {
        ::signal(SIGPIPE, [](int) { std::_Exit(7); });
        CurlTransport t;
        ::raise(SIGPIPE);
        std::_Exit(0);
      },
      ::testing::ExitedWithCode(7), "");
}
