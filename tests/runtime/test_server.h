// Test-only fixtures: cpp-httplib servers on 127.0.0.1 started and stopped by each test, plus a
// fake Wink (token endpoint + API) that counts token requests and connections and can be told
// to misbehave.
#pragma once

#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "wink/errors.h"
#include "wink/http_client.h"

namespace wink::test {

// ThreadSanitizer cannot see the atomics inside Debian's precompiled libcpp-httplib, among them
// the guards of its function-local statics (such as the set of method names its request parser
// keeps). Two workers parsing their first requests at once, as when a client gives up on a
// slow answer and retries on a new connection, then look like a race. Priming those statics
// once per process on a server that is stopped and joined before any other starts gives every
// later thread a happens-before edge to their initialisation.
inline void prime_httplib() {
  static std::once_flag once;
  std::call_once(once, [] {
    httplib::Server s;
    s.Post("/", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
    const int port = s.bind_to_any_port("127.0.0.1");
    std::thread t([&] { s.listen_after_bind(); });
    for (int i = 0; i < 2000 && !s.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    httplib::Client c("127.0.0.1", port);
    c.Post("/", "x", "text/plain");
    c.Get("/missing");
    s.stop();
    t.join();
  });
}

// An httplib server on 127.0.0.1:<ephemeral>, running on its own thread. Counts requests and
// distinct client connections (by remote port).
class TestServer {
 public:
  TestServer() {
    // Enough workers for 8 keep-alive client threads plus token requests.
    svr_.new_task_queue = [] { return new httplib::ThreadPool(32); };
    svr_.set_keep_alive_max_count(1000000);
    svr_.set_keep_alive_timeout(5);
    svr_.set_read_timeout(5, 0);
    svr_.set_tcp_nodelay(true);  // otherwise Nagle + delayed ACK add 40 ms per call
    svr_.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response&) {
      std::lock_guard<std::mutex> lk(mu_);
      ++requests_;
      connections_.insert(req.remote_port);
      return httplib::Server::HandlerResponse::Unhandled;
    });
  }
  ~TestServer() { stop(); }

  httplib::Server& server() { return svr_; }

  void start() {
    prime_httplib();
    port_ = svr_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("test server: bind failed");
    thread_ = std::thread([this] { svr_.listen_after_bind(); });
    // stop() only works once the accept loop runs.
    for (int i = 0; i < 2000 && !svr_.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  void stop() {
    if (thread_.joinable()) {
      svr_.stop();
      thread_.join();
    }
  }

  int port() const { return port_; }
  std::string url(const std::string& path = "") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  // Same server, another host name: a different origin.
  std::string localhost_url(const std::string& path = "") const {
    return "http://localhost:" + std::to_string(port_) + path;
  }
  std::size_t requests() const {
    std::lock_guard<std::mutex> lk(mu_);
    return requests_;
  }
  std::size_t connections() const {
    std::lock_guard<std::mutex> lk(mu_);
    return connections_.size();
  }

 private:
  httplib::Server svr_;
  std::thread thread_;
  int port_ = 0;
  mutable std::mutex mu_;
  std::size_t requests_ = 0;
  std::set<int> connections_;
};

inline std::string b64decode(const std::string& in) {
  static const std::string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (char c : in) {
    auto pos = chars.find(c);
    if (pos == std::string::npos) break;
    val = (val << 6) + static_cast<int>(pos);
    bits += 6;
    if (bits >= 0) {
      out.push_back(static_cast<char>((val >> bits) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

inline std::string form_decode(const std::string& s) { return httplib::detail::decode_url(s, true); }

// Token endpoint + API on one server.
//   POST /oauth2/token   client credentials with HTTP Basic; behaviour set by `token_mode`
//   GET  /api/echo       needs a live bearer token; answers {"auth":..., "headers":{...}}
// Extra routes can be added through server().
class FakeWink {
 public:
  std::string client_id = "wink-client id";
  std::string client_secret = "S3cret:pa$$ w0rd&x";  // needs form encoding before Basic
  std::atomic<int> token_ttl{3600};                 // expires_in
  std::atomic<int> token_requests{0};
  std::atomic<int> api_unauthorized{0};

  FakeWink() {
    auto& s = srv_.server();
    s.Post("/oauth2/token", [this](const httplib::Request& req, httplib::Response& res) { token(req, res); });
    s.Get("/api/echo", [this](const httplib::Request& req, httplib::Response& res) {
      if (!authorized(req, res)) return;
      nlohmann::json h = nlohmann::json::object();
      for (const auto& [k, v] : req.headers) h[k] = v;
      res.set_content(nlohmann::json{{"ok", true}, {"headers", h}}.dump(), "application/json");
    });
  }

  // Stop serving before the members handlers use are destroyed (a handler may still be
  // running, e.g. a slow token answer the client already gave up on).
  ~FakeWink() { srv_.stop(); }

  void start() { srv_.start(); }
  // ok | invalid_client | invalid_scope | 500 | nonjson | malformed | no_token | slow | no_scope
  void set_token_mode(std::string mode) {
    std::lock_guard<std::mutex> lk(mu_);
    token_mode_ = std::move(mode);
  }
  // The next token requests answer these statuses (with `Retry-After: retry_after` when set), one
  // each, before the mode applies again.
  void script_token_failures(std::vector<int> statuses, std::string retry_after = "") {
    std::lock_guard<std::mutex> lk(mu_);
    token_script_ = std::move(statuses);
    token_retry_after_ = std::move(retry_after);
  }
  // Answer this `scope` instead of the requested one.
  void set_granted_scope(std::string scope) {
    std::lock_guard<std::mutex> lk(mu_);
    granted_scope_override_ = std::move(scope);
  }
  TestServer& srv() { return srv_; }
  httplib::Server& server() { return srv_.server(); }
  std::string token_url() const { return srv_.url("/oauth2/token"); }
  std::string base_url() const { return srv_.url(); }

  // Expire every token issued so far (the API answers 401 for them).
  void revoke_all() {
    std::lock_guard<std::mutex> lk(mu_);
    for (auto& [tok, info] : tokens_) info.revoked = true;
  }
  std::vector<std::string> issued_tokens() const {
    std::lock_guard<std::mutex> lk(mu_);
    std::vector<std::string> out;
    for (const auto& [tok, info] : tokens_) out.push_back(tok);
    return out;
  }
  std::string last_token_body() const {
    std::lock_guard<std::mutex> lk(mu_);
    return last_body_;
  }
  std::string last_basic() const {
    std::lock_guard<std::mutex> lk(mu_);
    return last_basic_;
  }

  // Checks the bearer token; answers 401 and returns false when it is missing, unknown,
  // revoked or past its lifetime.
  bool authorized(const httplib::Request& req, httplib::Response& res) {
    auto auth = req.get_header_value("Authorization");
    bool ok = false;
    if (auth.rfind("Bearer ", 0) == 0) {
      std::lock_guard<std::mutex> lk(mu_);
      auto it = tokens_.find(auth.substr(7));
      ok = it != tokens_.end() && !it->second.revoked && std::chrono::steady_clock::now() < it->second.expires;
    }
    if (!ok) {
      ++api_unauthorized;
      res.status = 401;
      res.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
      res.set_content(R"({"title":"Unauthorized"})", "application/problem+json");
    }
    return ok;
  }

 private:
  struct TokenInfo {
    std::chrono::steady_clock::time_point expires;
    bool revoked = false;
  };

  void token(const httplib::Request& req, httplib::Response& res) {
    ++token_requests;
    auto auth = req.get_header_value("Authorization");
    std::string id, secret;
    if (auth.rfind("Basic ", 0) == 0) {
      auto decoded = b64decode(auth.substr(6));
      auto colon = decoded.find(':');
      if (colon != std::string::npos) {
        id = form_decode(decoded.substr(0, colon));
        secret = form_decode(decoded.substr(colon + 1));
      }
    }
    if (auth.empty() && req.has_param("client_secret")) {  // client_secret_post
      id = req.get_param_value("client_id");
      secret = req.get_param_value("client_secret");
    }
    std::string token_mode, granted_scope_override, retry_after;
    int scripted = 0;
    {
      std::lock_guard<std::mutex> lk(mu_);
      last_body_ = req.body;
      last_basic_ = auth;
      token_mode = token_mode_;
      granted_scope_override = granted_scope_override_;
      if (!token_script_.empty()) {
        scripted = token_script_.front();
        token_script_.erase(token_script_.begin());
        retry_after = token_retry_after_;
      }
    }
    if (scripted != 0) {
      res.status = scripted;
      if (!retry_after.empty()) res.set_header("Retry-After", retry_after);
      res.set_content(R"({"error":"temporarily_unavailable"})", "application/json");
      return;
    }
    auto error = [&](int status, const std::string& err, const std::string& desc) {
      res.status = status;
      res.set_content(nlohmann::json{{"error", err}, {"error_description", desc}}.dump(), "application/json");
    };
    if (token_mode == "500") return error(500, "server_error", "try later");
    if (token_mode == "nonjson") {
      res.set_content("<html>oops</html>", "text/html");
      return;
    }
    if (token_mode == "malformed") {
      res.set_content(R"({"access_token": "abc", "expires_in": )", "application/json");
      return;
    }
    if (token_mode == "no_token") {
      res.set_content(R"({"token_type":"Bearer","expires_in":60})", "application/json");
      return;
    }
    if (token_mode == "slow") std::this_thread::sleep_for(std::chrono::milliseconds(400));
    if (token_mode == "invalid_client" || id != client_id || secret != client_secret)
      return error(401, "invalid_client", "Client authentication failed");
    if (req.get_param_value("grant_type") != "client_credentials") return error(400, "unsupported_grant_type", "");
    std::string scope = req.get_param_value("scope");
    if (token_mode == "invalid_scope" || scope.find("bogus") != std::string::npos)
      return error(400, "invalid_scope", "The requested scope is invalid");
    std::string tok = "tok-" + std::to_string(token_requests.load());
    {
      std::lock_guard<std::mutex> lk(mu_);
      tok += "-" + std::to_string(serial_++);
      tokens_[tok] = TokenInfo{std::chrono::steady_clock::now() + std::chrono::seconds(token_ttl.load())};
    }
    nlohmann::json j{{"access_token", tok}, {"token_type", "Bearer"}, {"expires_in", token_ttl.load()}};
    if (!scope.empty() && token_mode != "no_scope") j["scope"] = granted_scope_override.empty() ? scope : granted_scope_override;
    res.set_header("Cache-Control", "no-store");
    res.set_content(j.dump(), "application/json");
  }

  TestServer srv_;
  mutable std::mutex mu_;
  std::map<std::string, TokenInfo> tokens_;
  std::string last_body_;
  std::string last_basic_;
  std::string token_mode_ = "ok";
  long serial_ = 1000;
  std::string granted_scope_override_;
  std::vector<int> token_script_;
  std::string token_retry_after_;
};

// A latch a handler can wait on until the test releases it (or a time limit passes), so that a
// stalled answer never holds a server's shutdown for long.
class Gate {
 public:
  void release() {
    std::lock_guard<std::mutex> lk(mu_);
    open_ = true;
    cv_.notify_all();
  }
  void wait(std::chrono::milliseconds limit = std::chrono::seconds(10)) {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait_for(lk, limit, [this] { return open_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
};

// A bare TCP server on 127.0.0.1 for what an HTTP library would not do: it records every
// connection and every byte received (so a test can prove that nothing was sent), and its
// handler decides byte by byte what to answer: a normal response, nothing at all (a dropped
// connection after the request), a partial body and then silence. Connections are served one
// after another on one thread.
class RawServer {
 public:
  class Connection {
   public:
    Connection(RawServer& server, int fd) : server_(server), fd_(fd) {}
    // Reads one request (head + Content-Length body); "" when the client sent none.
    std::string read_request() {
      std::string data;
      char buf[4096];
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
      std::size_t need = std::string::npos;
      while (std::chrono::steady_clock::now() < deadline) {
        auto end = data.find("\r\n\r\n");
        if (end != std::string::npos && need == std::string::npos) {
          need = end + 4;
          auto cl = lower(data.substr(0, end)).find("\r\ncontent-length:");
          if (cl != std::string::npos) need += std::stoul(data.substr(cl + 17, data.find("\r\n", cl + 2) - cl - 17));
        }
        if (need != std::string::npos && data.size() >= need) break;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) break;
        data.append(buf, static_cast<std::size_t>(n));
        server_.record(std::string(buf, static_cast<std::size_t>(n)));
      }
      if (!data.empty()) server_.record_request(data);
      return data;
    }
    // Whatever arrives within `limit` (at least one read), e.g. a TLS ClientHello.
    std::string read_some(std::chrono::milliseconds limit) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, static_cast<int>(limit.count())) <= 0) return {};
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return {};
      std::string got(buf, static_cast<std::size_t>(n));
      server_.record(got);
      return got;
    }
    void write(const std::string& bytes) { ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }
    void reply(int status, const std::string& body, const std::string& extra_headers = "") {
      write("HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: " + std::to_string(body.size()) +
            "\r\nConnection: close\r\n" + extra_headers + "\r\n" + body);
    }
    // Waits until the server stops (a stalled peer).
    void hang() { server_.gate_.wait(); }

   private:
    static std::string lower(std::string s) {
      for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return s;
    }
    RawServer& server_;
    int fd_;
  };
  using Handler = std::function<void(Connection&)>;

  explicit RawServer(Handler handler = {}) : handler_(std::move(handler)) {
    if (!handler_) handler_ = [](Connection& c) {
        if (!c.read_request().empty()) c.reply(200, "ok");
      };
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 16) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
      throw std::runtime_error("raw server: cannot listen");
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { run(); });
  }
  ~RawServer() {
    stop_ = true;
    gate_.release();
    thread_.join();
    ::close(fd_);
  }
  int port() const { return port_; }
  std::string url(const std::string& path = "") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
  int connections() const { return connections_.load(); }
  std::string received() const {
    std::lock_guard<std::mutex> lk(mu_);
    return bytes_;
  }
  std::vector<std::string> requests() const {
    std::lock_guard<std::mutex> lk(mu_);
    return requests_;
  }

 private:
  void record(const std::string& bytes) {
    std::lock_guard<std::mutex> lk(mu_);
    bytes_ += bytes;
  }
  void record_request(const std::string& request) {
    std::lock_guard<std::mutex> lk(mu_);
    requests_.push_back(request);
  }
  void run() {
    while (!stop_) {
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 50) <= 0) continue;
      int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      ++connections_;
      Connection conn(*this, c);
      handler_(conn);
      ::close(c);
    }
  }

  Handler handler_;
  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  Gate gate_;
  mutable std::mutex mu_;
  std::string bytes_;
  std::vector<std::string> requests_;
};

// Options pointing at a FakeWink with tiny backoffs so retry tests run fast.
inline ClientOptions options_for(FakeWink& w) {
  ClientOptions o;
  o.api_base_url = w.base_url();
  o.token_url = w.token_url();
  o.client_id = w.client_id;
  o.client_secret = w.client_secret;
  o.retry.initial_backoff = std::chrono::milliseconds(5);
  o.retry.max_backoff = std::chrono::milliseconds(50);
  o.timeout = std::chrono::milliseconds(3000);
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.logger = [](LogLevel, const std::string&) {};  // keep test output quiet
  return o;
}

// http://127.0.0.1:<port> where nothing listens (a server was there a moment ago).
inline std::string closed_url() {
  TestServer s;
  s.start();
  return s.url();
}

// The AuthError a GET fails with; nullopt when it does not fail so.
inline std::optional<AuthError> auth_error_of(Client& client, const std::string& path = "/api/echo") {
  try {
    ApiRequest r;
    r.method = "GET";
    r.path_and_query = path;
    client.send(r, CallOptions{});
  } catch (const AuthError& e) {
    return e;
  }
  return std::nullopt;
}

inline ApiRequest get(const std::string& path, const OperationInfo* op = nullptr) {
  ApiRequest r;
  r.operation = op;
  r.method = "GET";
  r.path_and_query = path;
  return r;
}

}  // namespace wink::test
