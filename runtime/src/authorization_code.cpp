// Authorization code + PKCE token provider. `flight` serialises refreshes, logins and step-ups,
// so concurrent callers trigger at most one of them (they wait and then reuse the result);
// `mu` guards the cached token for the short moments it is read or replaced, so that
// invalidate() and client_id() never wait for a login.
#include <algorithm>
#include <iostream>
#include <mutex>

#include <nlohmann/json.hpp>

#include "encoding.h"
#include "platform/browser.h"
#include "platform/private_file.h"
#include "secret_registry.h"
#include "token_response.h"
#include "url_util.h"
#include "wink/authorization_code.h"
#include "wink/errors.h"
#include "wink/redact.h"
#include "wink/scopes.h"

namespace wink {

namespace {

void default_open_browser(const std::string& url) {
  std::cerr << "wink: open this URL in a browser to sign in:\n  " << url << std::endl;
  platform::open_in_browser(url);
}

std::string strip_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

std::string query_separator(const std::string& url) { return url.find('?') == std::string::npos ? "?" : "&"; }

}  // namespace

struct AuthorizationCodeTokenProvider::State {
  AuthorizationCodeConfig config;
  std::shared_ptr<Transport> transport;
  std::mutex flight;
  mutable std::mutex mu;
  // Guarded by mu:
  std::optional<AccessToken> cached;
  std::string client_id;
  // Guarded by flight:
  std::vector<std::string> scopes;
  std::string refresh_token;
  std::string client_secret;
  std::optional<AuthorizationServerMetadata> metadata;
  bool store_loaded = false;
  detail::ScrubbedSecret refresh_secret, access_secret, previous_access, client_secret_secret;

  DiscoveryOptions discovery() const {
    DiscoveryOptions o;
    o.allow_insecure_http = config.allow_insecure_http;
    o.retry = config.retry;
    o.sleep = config.sleep;
    return o;
  }

  bool valid_cached(AccessToken& out) const {
    std::lock_guard<std::mutex> lk(mu);
    if (!cached || std::chrono::steady_clock::now() >= cached->refresh_at) return false;
    out = *cached;
    return true;
  }

  const AuthorizationServerMetadata& endpoints() {
    if (metadata) return *metadata;
    AuthorizationServerMetadata m;
    const DiscoveryOptions o = discovery();
    if (!config.authorization_endpoint.empty() && !config.token_endpoint.empty()) {
      m.issuer = config.issuer;
      m.authorization_endpoint = config.authorization_endpoint;
      m.token_endpoint = config.token_endpoint;
      for (const auto* url : {&m.authorization_endpoint, &m.token_endpoint}) {
        try {
          detail::require_https_or_loopback(*url, "authorization code: endpoint", o.allow_insecure_http);
        } catch (const Error& e) {
          throw AuthError(e.what());
        }
      }
    } else if (!config.issuer.empty()) {
      m = fetch_authorization_server_metadata(*transport, config.issuer, o);
    } else {
      m = discover_authorization_server(*transport, config.resource_url, o);
    }
    if (!m.code_challenge_methods_supported.empty() &&
        std::find(m.code_challenge_methods_supported.begin(), m.code_challenge_methods_supported.end(), "S256") ==
            m.code_challenge_methods_supported.end())
      throw AuthError("the authorization server does not support PKCE S256");
    metadata = m;
    return *metadata;
  }

  void set_client(std::string id, std::string secret) {
    {
      std::lock_guard<std::mutex> lk(mu);
      client_id = std::move(id);
    }
    client_secret = std::move(secret);
    client_secret_secret.reset(client_secret);
  }

  std::string current_client_id() const {
    std::lock_guard<std::mutex> lk(mu);
    return client_id;
  }

  void set_refresh_token(std::string t) {
    refresh_token = std::move(t);
    refresh_secret.reset(refresh_token);
  }

  // The store is used only when it belongs to the same authorization server (issuer and token
  // endpoint) and, when one is configured, the same client: a refresh token is never sent to a
  // server that did not issue it.
  void load_store() {
    if (store_loaded || config.token_store_path.empty()) return;
    const auto& m = endpoints();
    store_loaded = true;
    auto content = platform::read_private_file(config.token_store_path);
    if (!content) return;
    auto j = nlohmann::json::parse(*content, nullptr, false);
    auto field = [&](const char* k) {
      return j.is_object() && j.contains(k) && j[k].is_string() ? j[k].get<std::string>() : std::string();
    };
    const std::string id = field("client_id");
    const bool same_server = strip_slash(field("issuer")) == strip_slash(m.issuer) &&
                             field("token_endpoint") == m.token_endpoint;
    const bool same_client = config.client_id.empty() || id == config.client_id;
    if (!j.is_object() || !same_server || !same_client) {
      transport->log(LogLevel::Warn, "token store " + config.token_store_path +
                                         " belongs to another authorization server or client; not using it");
      return;
    }
    if (config.client_id.empty() && !id.empty()) set_client(id, client_secret);
    set_refresh_token(field("refresh_token"));
  }

  void save_store() {
    if (config.token_store_path.empty()) return;
    const auto& m = endpoints();
    nlohmann::json j{{"issuer", m.issuer},
                     {"token_endpoint", m.token_endpoint},
                     {"client_id", current_client_id()},
                     {"refresh_token", refresh_token}};
    platform::write_private_file(config.token_store_path, j.dump(2));
  }

  void add_resource(std::string& body) const {
    if (!config.resource_url.empty()) body += "&resource=" + detail::form_urlencode(config.resource_url);
  }

  detail::TokenRequestOptions token_request(Replay replay) const {
    detail::TokenRequestOptions o;
    o.retry = config.retry;
    o.sleep = config.sleep;
    o.replay = replay;
    return o;
  }

  AccessToken accept(const HttpResponse& r, std::chrono::steady_clock::time_point started) {
    auto t = detail::parse_token_response(r, config.expiry_skew, started, {client_secret, refresh_token});
    if (!t.token.granted_scopes && !scopes.empty()) t.token.granted_scopes = scopes;
    if (!t.refresh_token.empty()) set_refresh_token(t.refresh_token);
    {
      std::lock_guard<std::mutex> lk(mu);
      previous_access = std::move(access_secret);
      access_secret.reset(t.token.value);
      cached = t.token;
    }
    save_store();
    return t.token;
  }

  AccessToken refresh() {
    std::string body = "grant_type=refresh_token&refresh_token=" + detail::form_urlencode(refresh_token);
    add_resource(body);
    Headers h;
    detail::add_client_authentication(TokenEndpointAuth::ClientSecretBasic, current_client_id(), client_secret, h, body);
    auto started = std::chrono::steady_clock::now();
    // With refresh token rotation, resending a refresh that may have been used would look like
    // token theft to the server (RFC 9700 4.14.2): only unambiguous failures are retried.
    auto r = detail::post_token_request(*transport, endpoints().token_endpoint, std::move(h), std::move(body),
                                        token_request(Replay::Unambiguous));
    return accept(r, started);
  }

  AccessToken login() {
    if (!config.interactive)
      throw AuthError("login required: no usable refresh token, and this provider is not interactive", "login_required");
    const auto& m = endpoints();
    LoopbackListener listener;
    const std::string redirect = listener.redirect_uri();
    if (current_client_id().empty()) {
      if (m.registration_endpoint.empty())
        throw AuthError("no client id configured and the authorization server offers no registration endpoint");
      auto reg = register_client(*transport, m.registration_endpoint, config.client_name, {redirect}, discovery());
      set_client(reg.client_id, reg.client_secret);
    }
    const PkcePair pkce = make_pkce();
    detail::ScrubbedSecret verifier(pkce.verifier);
    const std::string state = random_url_token(16);
    std::string url = m.authorization_endpoint + query_separator(m.authorization_endpoint) +
                      "response_type=code&client_id=" + detail::percent_encode(current_client_id()) +
                      "&redirect_uri=" + detail::percent_encode(redirect) + "&state=" + state +
                      "&code_challenge=" + pkce.challenge + "&code_challenge_method=S256";
    if (!scopes.empty()) url += "&scope=" + detail::percent_encode(join_scopes(scopes));
    if (!config.resource_url.empty()) url += "&resource=" + detail::percent_encode(config.resource_url);
    (config.open_browser ? config.open_browser : default_open_browser)(url);

    auto params = listener.wait_for_callback(config.login_timeout, state);
    detail::ScrubbedSecret code(params["code"]);
    // RFC 9207: the response must come from the issuer the request went to (mix-up attacks).
    const std::string expected_iss = m.issuer.empty() ? config.issuer : m.issuer;
    if (auto iss = params.find("iss"); iss != params.end()) {
      if (!expected_iss.empty() && strip_slash(iss->second) != strip_slash(expected_iss))
        throw AuthError("authorization response comes from another issuer (" + excerpt(iss->second, 100) +
                        "); refusing it (RFC 9207)");
    } else if (m.authorization_response_iss_parameter_supported) {
      throw AuthError("authorization response lacks the iss parameter its server promises (RFC 9207)");
    }
    if (!params["error"].empty())
      throw AuthError("authorization failed: " + excerpt(params["error"], 80), excerpt(params["error"], 80),
                      excerpt(params["error_description"], 200));
    if (params["code"].empty()) throw AuthError("authorization response has no code");

    std::string body = "grant_type=authorization_code&code=" + detail::form_urlencode(params["code"]) +
                       "&redirect_uri=" + detail::form_urlencode(redirect) +
                       "&code_verifier=" + detail::form_urlencode(pkce.verifier);
    add_resource(body);
    Headers h;
    detail::add_client_authentication(TokenEndpointAuth::ClientSecretBasic, current_client_id(), client_secret, h, body);
    auto started = std::chrono::steady_clock::now();
    auto r = detail::post_token_request(*transport, m.token_endpoint, std::move(h), std::move(body),
                                        token_request(Replay::Any));
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
  state_->set_client(config.client_id, config.client_secret);
  state_->scopes = config.scopes;
  state_->config = std::move(config);
  state_->transport = std::move(transport);
}

AuthorizationCodeTokenProvider::~AuthorizationCodeTokenProvider() = default;

AccessToken AuthorizationCodeTokenProvider::token() {
  AccessToken t;
  if (state_->valid_cached(t)) return t;
  std::lock_guard<std::mutex> flight(state_->flight);
  if (state_->valid_cached(t)) return t;  // another caller refreshed while this one waited
  state_->load_store();
  if (!state_->refresh_token.empty() && !state_->current_client_id().empty()) {
    try {
      return state_->refresh();
    } catch (const AuthError& e) {
      // Only the server saying the grant is dead (expired, revoked, rotated away) means signing
      // in again; anything else, transient or not, keeps the refresh token for the next try.
      if (e.error() != "invalid_grant") throw;
      state_->transport->log(LogLevel::Info, "the refresh token was refused (invalid_grant); signing in again");
      state_->set_refresh_token({});
      state_->save_store();
    }
  }
  return state_->login();
}

AccessToken AuthorizationCodeTokenProvider::login() {
  std::lock_guard<std::mutex> flight(state_->flight);
  state_->load_store();
  return state_->login();
}

std::optional<AccessToken> AuthorizationCodeTokenProvider::step_up(const std::vector<std::string>& required) {
  if (!state_->config.interactive) return std::nullopt;
  std::lock_guard<std::mutex> flight(state_->flight);
  AccessToken current;
  const bool have = state_->valid_cached(current);
  std::vector<std::string> wanted = state_->scopes;
  bool missing = false;
  for (const auto& s : required) {
    const bool granted = have && current.granted_scopes &&
                         std::find(current.granted_scopes->begin(), current.granted_scopes->end(), s) !=
                             current.granted_scopes->end();
    if (!granted) missing = true;
    if (std::find(wanted.begin(), wanted.end(), s) == wanted.end()) wanted.push_back(s);
  }
  if (!missing) return std::nullopt;  // the token already carries them: asking again will not help
  state_->scopes = wanted;
  state_->load_store();
  return state_->login();
}

void AuthorizationCodeTokenProvider::invalidate(const std::string& token) {
  std::lock_guard<std::mutex> lk(state_->mu);
  if (state_->cached && state_->cached->value == token) state_->cached.reset();
}

std::string AuthorizationCodeTokenProvider::client_id() const { return state_->current_client_id(); }

}  // namespace wink
