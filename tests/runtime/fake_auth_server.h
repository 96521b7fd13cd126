// Test-only: a scriptable OAuth 2.0 authorization server + protected API on 127.0.0.1 (cpp-httplib)
// for the interactive flow's failure paths the npm server cannot produce (wrong issuer, wrong
// resource, http endpoints, iss, transient and invalid_grant refresh failures, refresh token
// rotation, insufficient_scope), and a Browser that follows the authorize redirect.
#pragma once

#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "encoding.h"
#include "test_server.h"
#include "wink/authorization_code.h"

namespace wink::test {

// Plays the browser: GET the authorize URL, then follow its redirect to the loopback listener.
// `before` runs first with the redirect URI (stray requests a test wants to send).
struct Browser {
  std::vector<std::thread> threads;
  std::atomic<int> opened{0};
  std::mutex mu;
  std::vector<std::string> urls;
  std::function<void(const std::string& redirect_uri)> before;

  std::function<void(const std::string&)> opener() {
    return [this](const std::string& url) {
      ++opened;
      {
        std::lock_guard<std::mutex> lk(mu);
        urls.push_back(url);
      }
      auto before_copy = before;
      threads.emplace_back([url, before_copy] {
        try {
          CurlTransport t;
          HttpRequest r;
          r.url = url;
          auto resp = t.perform(r);
          const std::string* loc = resp.headers.find("Location");
          if (loc == nullptr) return;
          if (before_copy) before_copy(loc->substr(0, loc->find('?')));
          HttpRequest back;
          back.url = *loc;
          t.perform(back);
        } catch (const std::exception&) {
          // A browser that cannot reach the page: the login times out or fails, as the test expects.
        }
      });
    };
  }
  std::string last_url() {
    std::lock_guard<std::mutex> lk(mu);
    return urls.empty() ? std::string() : urls.back();
  }
  ~Browser() {
    for (auto& t : threads) t.join();
  }
};

// The value of query/form parameter `name` in `query` ("" when absent).
inline std::string param(const std::string& query, const std::string& name) {
  for (auto& [k, v] : detail::parse_form(query.substr(query.find('?') == std::string::npos ? 0 : query.find('?') + 1)))
    if (k == name) return v;
  return {};
}

class FakeAuthServer {
 public:
  // Knobs (set before start()).
  std::string issuer_override;             // metadata `issuer`
  std::string resource_override;           // protected resource metadata `resource`
  std::string authorization_endpoint_override;
  std::string iss_mode = "correct";        // correct | wrong | none: the iss of the authorization response
  bool iss_supported = true;               // authorization_response_iss_parameter_supported
  std::atomic<int> token_ttl{3600};
  // "refresh": invalid_grant answers echo the refresh token; "code": the code exchange fails
  // echoing the code and the verifier (without keys, as a careless server would).
  std::string echo_in_errors;

  std::atomic<int> authorize_requests{0};
  std::atomic<int> code_exchanges{0};
  std::atomic<int> refresh_requests{0};

  FakeAuthServer() {
    auto& s = srv_.server();
    s.Get("/.well-known/oauth-protected-resource", [this](const httplib::Request&, httplib::Response& res) {
      json(res, 200, {{"resource", resource_override.empty() ? base() : resource_override},
                      {"authorization_servers", {base()}}});
    });
    s.Get("/.well-known/oauth-authorization-server", [this](const httplib::Request&, httplib::Response& res) {
      json(res, 200, {{"issuer", issuer_override.empty() ? base() : issuer_override},
                      {"authorization_endpoint",
                       authorization_endpoint_override.empty() ? base() + "/authorize" : authorization_endpoint_override},
                      {"token_endpoint", base() + "/token"},
                      {"code_challenge_methods_supported", {"S256"}},
                      {"authorization_response_iss_parameter_supported", iss_supported}});
    });
    s.Get("/authorize", [this](const httplib::Request& req, httplib::Response& res) {
      ++authorize_requests;
      std::string code = "code-" + std::to_string(authorize_requests.load()) + "-" + random_url_token(8);
      {
        std::lock_guard<std::mutex> lk(mu_);
        authorize_queries_.push_back(req.target);
        codes_[code] = Grant{req.get_param_value("code_challenge"), req.get_param_value("scope")};
      }
      std::string loc = req.get_param_value("redirect_uri") + "?code=" + code +
                        "&state=" + httplib::detail::encode_query_param(req.get_param_value("state"));
      if (iss_mode == "correct") loc += "&iss=" + httplib::detail::encode_query_param(base());
      if (iss_mode == "wrong") loc += "&iss=" + httplib::detail::encode_query_param("https://evil.example");
      res.set_redirect(loc, 302);
    });
    s.Post("/token", [this](const httplib::Request& req, httplib::Response& res) { token(req, res); });
    s.Get("/api/echo", [this](const httplib::Request& req, httplib::Response& res) {
      if (scopes_of(req).empty()) return unauthorized(res);
      res.set_content("ok", "text/plain");
    });
    // Needs hotel.write: 403 insufficient_scope otherwise (RFC 6750 3.1).
    s.Get("/api/write", [this](const httplib::Request& req, httplib::Response& res) {
      auto scopes = scopes_of(req);
      if (scopes.empty()) return unauthorized(res);
      if (scopes.find("hotel.write") == std::string::npos) {
        res.status = 403;
        res.set_header("WWW-Authenticate", R"(Bearer error="insufficient_scope", scope="hotel.read hotel.write")");
        return;
      }
      res.set_content("written", "text/plain");
    });
  }
  ~FakeAuthServer() { srv_.stop(); }

  void start() { srv_.start(); }
  std::string base() const { return srv_.url(); }

  // The next refresh requests answer these statuses (0 = "invalid_grant"), one each.
  void script_refresh(std::vector<int> statuses) {
    std::lock_guard<std::mutex> lk(mu_);
    refresh_script_ = std::move(statuses);
  }
  std::vector<std::string> authorize_queries() {
    std::lock_guard<std::mutex> lk(mu_);
    return authorize_queries_;
  }
  std::vector<std::string> token_bodies() {
    std::lock_guard<std::mutex> lk(mu_);
    return token_bodies_;
  }
  std::vector<std::string> issued_refresh_tokens() {
    std::lock_guard<std::mutex> lk(mu_);
    return refresh_order_;
  }
  std::vector<std::string> issued_access_tokens() {
    std::lock_guard<std::mutex> lk(mu_);
    std::vector<std::string> out;
    for (const auto& [t, s] : access_) out.push_back(t);
    return out;
  }
  // Every issued access token expires now (the API answers 401 for them).
  void expire_access_tokens() {
    std::lock_guard<std::mutex> lk(mu_);
    access_.clear();
  }

 private:
  struct Grant {
    std::string challenge;
    std::string scope;
  };

  static void json(httplib::Response& res, int status, const nlohmann::json& j) {
    res.status = status;
    res.set_header("Cache-Control", "no-store");
    res.set_content(j.dump(), "application/json");
  }
  static void unauthorized(httplib::Response& res) {
    res.status = 401;
    res.set_header("WWW-Authenticate", R"(Bearer error="invalid_token")");
  }
  std::string scopes_of(const httplib::Request& req) {
    auto h = req.get_header_value("Authorization");
    if (h.rfind("Bearer ", 0) != 0) return {};
    std::lock_guard<std::mutex> lk(mu_);
    auto it = access_.find(h.substr(7));
    return it == access_.end() ? std::string() : " " + it->second + " ";
  }

  void issue(httplib::Response& res, const std::string& scope) {
    std::string at, rt;
    {
      std::lock_guard<std::mutex> lk(mu_);
      ++serial_;
      at = "at-" + std::to_string(serial_) + "-" + random_url_token(6);
      rt = "rt-" + std::to_string(serial_) + "-" + random_url_token(6);
      access_[at] = scope;
      refresh_[rt] = scope;
      refresh_order_.push_back(rt);
    }
    json(res, 200, {{"access_token", at}, {"token_type", "Bearer"}, {"expires_in", token_ttl.load()},
                    {"refresh_token", rt}, {"scope", scope}});
  }

  void token(const httplib::Request& req, httplib::Response& res) {
    {
      std::lock_guard<std::mutex> lk(mu_);
      token_bodies_.push_back(req.body);
    }
    const std::string grant = req.get_param_value("grant_type");
    if (grant == "authorization_code") {
      ++code_exchanges;
      Grant g;
      {
        std::lock_guard<std::mutex> lk(mu_);
        auto it = codes_.find(req.get_param_value("code"));
        if (it == codes_.end()) return json(res, 400, {{"error", "invalid_grant"}});
        g = it->second;
        codes_.erase(it);
      }
      if (echo_in_errors == "code")
        return json(res, 400, {{"error", "invalid_grant"},
                               {"error_description", "code " + req.get_param_value("code") + " with verifier " +
                                                         req.get_param_value("code_verifier") + " was used before"}});
      if (pkce_challenge_s256(req.get_param_value("code_verifier")) != g.challenge)
        return json(res, 400, {{"error", "invalid_grant"}, {"error_description", "PKCE verification failed"}});
      return issue(res, g.scope);
    }
    if (grant == "refresh_token") {
      ++refresh_requests;
      const std::string rt = req.get_param_value("refresh_token");
      int scripted = -1;
      std::string scope;
      bool known = false;
      {
        std::lock_guard<std::mutex> lk(mu_);
        if (!refresh_script_.empty()) {
          scripted = refresh_script_.front();
          refresh_script_.erase(refresh_script_.begin());
        }
        auto it = refresh_.find(rt);
        known = it != refresh_.end();
        if (known) scope = it->second;
        if (known && scripted < 0) refresh_.erase(it);  // rotation: a refresh token works once
      }
      if (scripted > 0) return json(res, scripted, {{"error", "temporarily_unavailable"}});
      if (scripted == 0 || !known) {
        std::string desc = echo_in_errors == "refresh" ? "refresh token " + rt + " is not valid" : "expired";
        return json(res, 400, {{"error", "invalid_grant"}, {"error_description", desc}});
      }
      return issue(res, scope);
    }
    json(res, 400, {{"error", "unsupported_grant_type"}});
  }

  TestServer srv_;
  std::mutex mu_;
  int serial_ = 0;
  std::map<std::string, Grant> codes_;
  std::map<std::string, std::string> access_;   // token -> scope
  std::map<std::string, std::string> refresh_;  // live refresh token -> scope
  std::vector<std::string> refresh_order_;
  std::vector<int> refresh_script_;
  std::vector<std::string> authorize_queries_;
  std::vector<std::string> token_bodies_;
};

}  // namespace wink::test
