// Authorization code + PKCE token provider. One mutex serialises refreshes and logins, so
// concurrent callers trigger at most one of them (they wait and then reuse the result).
#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>
#include <algorithm>

#include <nlohmann/json.hpp>

#include "encoding.h"
#include "token_response.h"
#include "wink/authorization_code.h"
#include "wink/errors.h"
#include "wink/redact.h"
#include "wink/scopes.h"

extern char** environ;

namespace wink {

namespace {

void default_open_browser(const std::string& url) {
  std::cerr << "wink: open this URL in a browser to sign in:\n  " << url << std::endl;
  if (std::getenv("DISPLAY") == nullptr && std::getenv("WAYLAND_DISPLAY") == nullptr) return;
  pid_t pid = 0;
  std::string u = url;
  char* argv[] = {const_cast<char*>("xdg-open"), u.data(), nullptr};
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) == 0) waitpid(pid, nullptr, 0);
}

// Writes atomically through a temporary file created with mode 0600.
void write_private_file(const std::string& path, const std::string& content) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Error(ErrorKind::Config, "token store: cannot create " + tmp);
  ::fchmod(fd, 0600);  // the file may have existed with wider permissions
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n <= 0) {
      ::close(fd);
      throw Error(ErrorKind::Config, "token store: cannot write " + tmp);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  ::fsync(fd);
  ::close(fd);
  if (std::rename(tmp.c_str(), path.c_str()) != 0) throw Error(ErrorKind::Config, "token store: cannot replace " + path);
}

}  // namespace

struct AuthorizationCodeTokenProvider::State {
  AuthorizationCodeConfig config;
  std::shared_ptr<Transport> transport;
  std::mutex mu;
  std::optional<AccessToken> cached;
  std::string refresh_token;
  std::string client_id;
  std::string client_secret;
  std::optional<AuthorizationServerMetadata> metadata;
  bool store_loaded = false;

  const AuthorizationServerMetadata& endpoints() {
    if (metadata) return *metadata;
    AuthorizationServerMetadata m;
    if (!config.authorization_endpoint.empty() && !config.token_endpoint.empty()) {
      m.authorization_endpoint = config.authorization_endpoint;
      m.token_endpoint = config.token_endpoint;
    } else if (!config.issuer.empty()) {
      m = fetch_authorization_server_metadata(*transport, config.issuer);
    } else {
      m = discover_authorization_server(*transport, config.resource_url);
    }
    if (!m.code_challenge_methods_supported.empty() &&
        std::find(m.code_challenge_methods_supported.begin(), m.code_challenge_methods_supported.end(), "S256") ==
            m.code_challenge_methods_supported.end())
      throw AuthError("the authorization server does not support PKCE S256");
    metadata = m;
    return *metadata;
  }

  void load_store() {
    if (store_loaded || config.token_store_path.empty()) return;
    store_loaded = true;
    std::ifstream in(config.token_store_path);
    if (!in) return;
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (!j.is_object()) return;
    if (client_id.empty() && j.contains("client_id") && j["client_id"].is_string()) client_id = j["client_id"];
    if (j.contains("refresh_token") && j["refresh_token"].is_string()) refresh_token = j["refresh_token"];
  }

  void save_store() {
    if (config.token_store_path.empty()) return;
    nlohmann::json j{{"client_id", client_id}, {"refresh_token", refresh_token}};
    write_private_file(config.token_store_path, j.dump(2));
  }

  Headers client_auth(std::string& body) {
    Headers h;
    if (!client_secret.empty())
      h.set("Authorization", "Basic " + detail::base64_encode(detail::form_urlencode(client_id) + ":" +
                                                              detail::form_urlencode(client_secret)));
    else
      body += "&client_id=" + detail::form_urlencode(client_id);
    return h;
  }

  AccessToken accept(const HttpResponse& r, std::chrono::steady_clock::time_point started) {
    auto t = detail::parse_token_response(r, config.expiry_skew, started, {client_secret});
    if (!t.token.granted_scopes && !config.scopes.empty()) t.token.granted_scopes = config.scopes;
    if (!t.refresh_token.empty()) refresh_token = t.refresh_token;
    cached = t.token;
    save_store();
    return t.token;
  }

  AccessToken refresh() {
    std::string body = "grant_type=refresh_token&refresh_token=" + detail::form_urlencode(refresh_token);
    Headers h = client_auth(body);
    auto started = std::chrono::steady_clock::now();
    auto r = detail::post_token_request(*transport, endpoints().token_endpoint, std::move(h), std::move(body), {});
    return accept(r, started);
  }

  AccessToken login() {
    const auto& m = endpoints();
    LoopbackListener listener;
    const std::string redirect = listener.redirect_uri();
    if (client_id.empty()) {
      if (m.registration_endpoint.empty())
        throw AuthError("no client id configured and the authorization server offers no registration endpoint");
      auto reg = register_client(*transport, m.registration_endpoint, config.client_name, {redirect});
      client_id = reg.client_id;
      client_secret = reg.client_secret;
    }
    const PkcePair pkce = make_pkce();
    const std::string state = random_url_token(16);
    std::string url = m.authorization_endpoint + (m.authorization_endpoint.find('?') == std::string::npos ? "?" : "&") +
                      "response_type=code&client_id=" + detail::percent_encode(client_id) +
                      "&redirect_uri=" + detail::percent_encode(redirect) + "&state=" + state +
                      "&code_challenge=" + pkce.challenge + "&code_challenge_method=S256";
    if (!config.scopes.empty()) url += "&scope=" + detail::percent_encode(join_scopes(config.scopes));
    (config.open_browser ? config.open_browser : default_open_browser)(url);

    auto params = listener.wait_for_callback(config.login_timeout);
    if (params["state"] != state) throw AuthError("authorization response has a wrong or missing state");
    if (!params["error"].empty())
      throw AuthError("authorization failed: " + excerpt(params["error"], 80), params["error"],
                      excerpt(params["error_description"], 200));
    if (params["code"].empty()) throw AuthError("authorization response has no code");

    std::string body = "grant_type=authorization_code&code=" + detail::form_urlencode(params["code"]) +
                       "&redirect_uri=" + detail::form_urlencode(redirect) +
                       "&code_verifier=" + detail::form_urlencode(pkce.verifier);
    Headers h = client_auth(body);
    auto started = std::chrono::steady_clock::now();
    auto r = detail::post_token_request(*transport, m.token_endpoint, std::move(h), std::move(body), {});
    return accept(r, started);
  }
};

AuthorizationCodeTokenProvider::AuthorizationCodeTokenProvider(AuthorizationCodeConfig config,
                                                               std::shared_ptr<Transport> transport)
    : state_(std::make_unique<State>()) {
  if (!transport) throw Error(ErrorKind::Config, "authorization code: no transport");
  if (config.resource_url.empty() && config.issuer.empty() &&
      (config.authorization_endpoint.empty() || config.token_endpoint.empty()))
    throw Error(ErrorKind::Config, "authorization code: set resource_url, issuer or both endpoints");
  state_->client_id = config.client_id;
  state_->client_secret = config.client_secret;
  state_->config = std::move(config);
  state_->transport = std::move(transport);
}

AuthorizationCodeTokenProvider::~AuthorizationCodeTokenProvider() = default;

AccessToken AuthorizationCodeTokenProvider::token() {
  std::lock_guard<std::mutex> lk(state_->mu);
  if (state_->cached && std::chrono::steady_clock::now() < state_->cached->refresh_at) return *state_->cached;
  state_->load_store();
  if (!state_->refresh_token.empty() && !state_->client_id.empty()) {
    try {
      return state_->refresh();
    } catch (const AuthError&) {
      state_->refresh_token.clear();  // expired or revoked: sign in again
    }
  }
  return state_->login();
}

AccessToken AuthorizationCodeTokenProvider::login() {
  std::lock_guard<std::mutex> lk(state_->mu);
  state_->load_store();
  return state_->login();
}

void AuthorizationCodeTokenProvider::invalidate(const std::string& token) {
  std::lock_guard<std::mutex> lk(state_->mu);
  if (state_->cached && state_->cached->value == token) state_->cached.reset();
}

std::string AuthorizationCodeTokenProvider::client_id() const {
  std::lock_guard<std::mutex> lk(state_->mu);
  return state_->client_id;
}

}  // namespace wink
