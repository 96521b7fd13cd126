// Per-call overhead of a generated operation against a hand-written libcurl request.
//
//   A: wink::supplier::RatePlanApi::showRatePlan through wink::HttpClient (StaticTokenProvider,
//      ScopePolicy::Off, 1 attempt) - URL building, headers, auth, transport, decode to RatePlan.
//   B: one reused curl easy handle sending the same request bytes (same headers) and
//      nlohmann::json::parse of the body.
// Both talk to one cpp-httplib keep-alive server on 127.0.0.1 answering a fixed RatePlan.
// Rounds alternate A/B (ABBA...) to spread machine noise over both; per round we record the
// mean time per call of each side and their ratio; bench_report takes medians.
//
//   call_overhead [ROUNDS=10] [CALLS_PER_ROUND=500]
#include <curl/curl.h>

#include <optional>

#include <wink/http_client.h>
#include <wink/supplier/sdk.h>

#include "bench_util.h"
#include "rate_plan_fixture.h"
#include "test_server.h"

namespace {

using namespace wink_bench;

const std::string kToken = "bench-static-token";

// What the server saw of one request (method, path, headers without httplib's own entries).
struct Seen {
  std::string line;
  std::multimap<std::string, std::string> headers;
  bool operator==(const Seen& o) const { return line == o.line && headers == o.headers; }
};

class Fixture {
 public:
  Fixture() {
    body_ = rate_plan_json(1).dump();
    server_.server().Get(R"(/api/managing-entity/([^/]+)/extranet/rate-plan/([^/]+))",
                         [this](const httplib::Request& req, httplib::Response& res) {
                           if (capture_.load()) {
                             std::lock_guard<std::mutex> lk(mu_);
                             Seen s;
                             s.line = req.method + " " + req.target;
                             for (const auto& [k, v] : req.headers)
                               if (k != "REMOTE_ADDR" && k != "REMOTE_PORT" && k != "LOCAL_ADDR" && k != "LOCAL_PORT")
                                 s.headers.emplace(k, v);
                             seen_ = s;
                             capture_ = false;
                           }
                           res.set_content(body_, "application/json");
                         });
    server_.start();
  }
  std::string base_url() const { return server_.url(); }
  void capture_next() { capture_ = true; }
  std::optional<Seen> captured() {
    std::lock_guard<std::mutex> lk(mu_);
    auto s = seen_;
    seen_.reset();
    return s;
  }

 private:
  wink::test::TestServer server_;
  std::string body_;
  std::atomic<bool> capture_{false};
  std::mutex mu_;
  std::optional<Seen> seen_;
};

size_t append_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

class CurlBaseline {
 public:
  CurlBaseline(const std::string& url, const std::string& user_agent) {
    h_ = curl_easy_init();
    if (h_ == nullptr) throw std::runtime_error("curl_easy_init failed");
    for (std::string line : {"Accept: application/json", "Wink-Version: 2.0"}) list_ = curl_slist_append(list_, line.c_str());
    list_ = curl_slist_append(list_, ("User-Agent: " + user_agent).c_str());
    list_ = curl_slist_append(list_, ("Authorization: Bearer " + kToken).c_str());
    list_ = curl_slist_append(list_, "Expect:");
    curl_easy_setopt(h_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h_, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(h_, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h_, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(h_, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h_, CURLOPT_HTTPHEADER, list_);
    curl_easy_setopt(h_, CURLOPT_WRITEFUNCTION, &append_body);
    curl_easy_setopt(h_, CURLOPT_WRITEDATA, &body_);
  }
  ~CurlBaseline() {
    curl_easy_cleanup(h_);
    curl_slist_free_all(list_);
  }
  nlohmann::json call() {
    body_.clear();
    CURLcode rc = curl_easy_perform(h_);
    long status = 0;
    curl_easy_getinfo(h_, CURLINFO_RESPONSE_CODE, &status);
    if (rc != CURLE_OK || status != 200)
      throw std::runtime_error(std::string("baseline request failed: ") + curl_easy_strerror(rc));
    return nlohmann::json::parse(body_);
  }

 private:
  CURL* h_ = nullptr;
  curl_slist* list_ = nullptr;
  std::string body_;
};

}  // namespace

int main(int argc, char** argv) {
  const int rounds = int_arg(argv, argc, 1, 10);
  const int calls = int_arg(argv, argc, 2, 500);
  try {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    Fixture fixture;

    wink::ClientOptions options;
    options.api_base_url = fixture.base_url();
    options.token_provider = std::make_shared<wink::StaticTokenProvider>(kToken);
    options.scope_policy = wink::ScopePolicy::Off;
    options.retry.max_attempts = 1;
    options.logger = [](wink::LogLevel, const std::string&) {};
    options = wink::supplier::configure(options);  // User-Agent names the SDK, as make_client() does
    options.known_scopes.clear();
    const std::string user_agent = options.user_agent();
    wink::supplier::RatePlanApi api(std::make_shared<wink::HttpClient>(options));
    const std::string me = "managing-entity-1", plan = "rate-plan-1";
    CurlBaseline baseline(fixture.base_url() + "/api/managing-entity/" + me + "/extranet/rate-plan/" + plan, user_agent);

    // Both sides must send the same request.
    fixture.capture_next();
    auto first = api.showRatePlan(me, plan);
    if (first->identifier.empty()) throw std::runtime_error("generated call decoded no identifier");
    auto seen_a = fixture.captured();
    fixture.capture_next();
    baseline.call();
    auto seen_b = fixture.captured();
    if (!seen_a || !seen_b) throw std::runtime_error("the server did not capture both requests");
    if (!(*seen_a == *seen_b)) {
      std::string diff;
      for (const auto& [k, v] : seen_a->headers) diff += " A:" + k + "=" + v;
      for (const auto& [k, v] : seen_b->headers) diff += " B:" + k + "=" + v;
      note("call_request_bytes", "WARNING: the requests differ:" + diff);
    } else {
      std::string names;
      for (const auto& [k, v] : seen_a->headers) names += (names.empty() ? "" : ", ") + k;
      note("call_request_bytes", "both sides send the same request line and headers (" + names + ")");
    }

    auto run_a = [&](int n) {
      for (int i = 0; i < n; ++i) {
        auto r = api.showRatePlan(me, plan);
        keep(r);
      }
    };
    auto run_b = [&](int n) {
      for (int i = 0; i < n; ++i) {
        auto j = baseline.call();
        keep(j);
      }
    };
    run_a(calls / 2);  // warm-up: connections, allocator, caches
    run_b(calls / 2);
    for (int r = 0; r < rounds; ++r) {
      auto time = [&](auto&& fn) {
        auto start = Clock::now();
        fn(calls);
        return seconds_since(start) * 1e6 / calls;
      };
      auto [a, b] = alternating(r, time, run_a, run_b);
      record("call.generated_us", a);
      record("call.curl_us", b);
      record("call.ratio", a / b);
      record("call.overhead_us", a - b);
    }
    note("call_setup", std::to_string(rounds) + " rounds x " + std::to_string(calls) +
                           " calls per side, alternating; cpp-httplib keep-alive server on 127.0.0.1 in the same process");
  } catch (const std::exception& e) {
    std::cerr << "call_overhead: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
