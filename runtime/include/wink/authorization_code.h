// OAuth 2.0 authorization code + PKCE for interactive programs, following RFC 9700 (OAuth 2.0
// security best current practice): discovery (RFC 9728, RFC 8414 / OpenID discovery) with the
// `resource` and `issuer` checks, dynamic client registration (RFC 7591) when no client id is
// configured, S256 challenge, `state` and `iss` (RFC 9207) checks, a redirect listener on
// 127.0.0.1 (RFC 8252), resource indicators (RFC 8707), refresh tokens, and an optional token
// store file readable by its owner only.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wink/retry.h"
#include "wink/token_provider.h"
#include "wink/transport.h"

namespace wink {

struct AuthorizationServerMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string registration_endpoint;  // empty when the server does not offer RFC 7591
  std::vector<std::string> code_challenge_methods_supported;
  bool authorization_response_iss_parameter_supported = false;  // RFC 9207
};

// How discovery and registration requests are sent and what they accept.
struct DiscoveryOptions {
  bool allow_insecure_http = false;  // otherwise every URL must be https or loopback http
  RetryPolicy retry;                 // metadata GETs: transient failures; registration: before sending only
  std::function<void(std::chrono::milliseconds)> sleep;  // between retries; tests may replace it
};

// Reads `<resource>/.well-known/oauth-protected-resource` (RFC 9728), whose `resource` must be
// `resource_url`, for the authorization server, then its metadata (below). Throws
// wink::AuthError (transient() when the servers were unreachable or answered 408/429/5xx).
AuthorizationServerMetadata discover_authorization_server(Transport& transport, const std::string& resource_url,
                                                          const DiscoveryOptions& options = {});
// Metadata of a known authorization server: `/.well-known/oauth-authorization-server` (RFC 8414)
// or, failing that, `/.well-known/openid-configuration`. Its `issuer` must be `issuer` and its
// endpoints https (or loopback http).
AuthorizationServerMetadata fetch_authorization_server_metadata(Transport& transport, const std::string& issuer,
                                                                const DiscoveryOptions& options = {});

struct ClientRegistration {
  std::string client_id;
  std::string client_secret;  // usually empty: a public client
};
// RFC 7591 registration of a public client for the given redirect URIs. Throws wink::AuthError.
ClientRegistration register_client(Transport& transport, const std::string& registration_endpoint,
                                   const std::string& client_name, const std::vector<std::string>& redirect_uris,
                                   const DiscoveryOptions& options = {});

struct PkcePair {
  std::string verifier;   // 43 chars of base64url from 32 CSPRNG bytes
  std::string challenge;  // BASE64URL(SHA-256(verifier))
};
PkcePair make_pkce();
std::string pkce_challenge_s256(const std::string& verifier);
std::string random_url_token(std::size_t bytes = 32);

// Accepts the browser's redirect on http://127.0.0.1:<ephemeral>/callback (RFC 8252 7.3).
class LoopbackListener {
 public:
  LoopbackListener();  // binds and listens; throws wink::TransportError
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  int port() const noexcept;
  std::string redirect_uri() const;
  // Waits for `GET /callback?...&state=<expected_state>` and returns its decoded query
  // parameters, answering the browser with a short page. Anything else (another path or
  // method, a wrong or missing state, a client that sends nothing) is answered with an error
  // page and the listener keeps waiting. Throws wink::AuthError on timeout.
  std::map<std::string, std::string> wait_for_callback(std::chrono::milliseconds timeout,
                                                       const std::string& expected_state);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct AuthorizationCodeConfig {
  // Discovery starts from the API (protected resource) unless the endpoints are given. It is
  // also the RFC 8707 `resource` sent with the authorization and token requests.
  std::string resource_url;
  std::string issuer;                  // skip RFC 9728 and read this server's metadata
  std::string authorization_endpoint;  // with token_endpoint: no discovery at all
  std::string token_endpoint;
  std::string client_id;               // empty: dynamic client registration
  std::string client_secret;           // confidential clients only
  std::string client_name = "wink-sdk-cpp";
  std::vector<std::string> scopes;
  std::chrono::seconds expiry_skew{60};
  std::chrono::milliseconds login_timeout{std::chrono::minutes(5)};
  // Shows the authorize URL to the user. Default: print it to stderr and try the desktop's
  // URL opener.
  std::function<void(const std::string& url)> open_browser;
  // false: when the user would have to sign in (no usable refresh token), token() throws
  // AuthError with error() "login_required" instead of opening a browser (services, CI).
  bool interactive = true;
  // When set, the refresh token, client id, issuer and token endpoint are kept here: written
  // atomically with mode 0600; a store that others may read, that belongs to another user or
  // that is a symbolic link is refused (wink::Error), one from another issuer or token endpoint
  // is ignored.
  std::string token_store_path;
  bool allow_insecure_http = false;  // every endpoint must be https or loopback http otherwise
  RetryPolicy retry;                 // discovery, registration and token requests
  std::function<void(std::chrono::milliseconds)> sleep;  // between retries; tests may replace it
};

class AuthorizationCodeTokenProvider : public TokenProvider {
 public:
  AuthorizationCodeTokenProvider(AuthorizationCodeConfig config, std::shared_ptr<Transport> transport);
  ~AuthorizationCodeTokenProvider() override;
  // Cached token; near expiry the refresh token is used; when there is none, or the server
  // answers invalid_grant, the interactive login runs (or, not interactive, AuthError
  // "login_required"). Any other failure, transient or not, is thrown and the refresh token kept.
  AccessToken token() override;
  void invalidate(const std::string& token) override;
  // Signs in again asking for the current scopes plus `required` (interactive only).
  std::optional<AccessToken> step_up(const std::vector<std::string>& required) override;
  // Runs the browser login now (also registers the client when needed).
  AccessToken login();
  std::string client_id() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace wink
