// Nothing the runtime produces — hook payloads, log lines, exception messages — contains the
// client secret, its Basic encoding or any issued token, even when servers echo them back.
#include <gtest/gtest.h>

#include "encoding.h"
#include "test_server.h"
#include "wink/errors.h"

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
