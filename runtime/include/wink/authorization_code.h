// OAuth 2.0 authorization code + PKCE for interactive programs: discovery (RFC 9728, RFC 8414 /
// OpenID discovery), dynamic client registration (RFC 7591) when no client id is configured,
// S256 challenge, `state` check, a redirect listener on 127.0.0.1, refresh tokens, and an
// optional token store file (mode 0600).
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wink/token_provider.h"
#include "wink/transport.h"

namespace wink {

struct AuthorizationServerMetadata {
  std::string issuer;
  std::string authorization_endpoint;
  std::string token_endpoint;
  std::string registration_endpoint;  // empty when the server does not offer RFC 7591
  std::vector<std::string> code_challenge_methods_supported;
};

// Reads `<resource>/.well-known/oauth-protected-resource` (RFC 9728) for the authorization
// server, then its `/.well-known/oauth-authorization-server` (RFC 8414) or, failing that,
// `/.well-known/openid-configuration`. Throws wink::AuthError.
AuthorizationServerMetadata discover_authorization_server(Transport& transport, const std::string& resource_url);
// Metadata of a known authorization server (RFC 8414, then OpenID discovery).
AuthorizationServerMetadata fetch_authorization_server_metadata(Transport& transport, const std::string& issuer);

struct ClientRegistration {
  std::string client_id;
  std::string client_secret;  // usually empty: a public client
};
// RFC 7591 registration of a public client for the given redirect URIs. Throws wink::AuthError.
ClientRegistration register_client(Transport& transport, const std::string& registration_endpoint,
                                   const std::string& client_name, const std::vector<std::string>& redirect_uris);

struct PkcePair {
  std::string verifier;   // 43 chars of base64url from 32 CSPRNG bytes
  std::string challenge;  // BASE64URL(SHA-256(verifier))
};
PkcePair make_pkce();
std::string pkce_challenge_s256(const std::string& verifier);
std::string random_url_token(std::size_t bytes = 32);

// Accepts the browser's redirect on http://127.0.0.1:<ephemeral>/callback.
class LoopbackListener {
 public:
  LoopbackListener();  // binds and listens; throws wink::TransportError
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  int port() const noexcept { return port_; }
  std::string redirect_uri() const;
  // Waits for GET /callback?... and returns its decoded query parameters; answers the browser
  // with a short page. Throws wink::AuthError on timeout.
  std::map<std::string, std::string> wait_for_callback(std::chrono::milliseconds timeout);

 private:
  int fd_ = -1;
  int port_ = 0;
};

struct AuthorizationCodeConfig {
  // Discovery starts from the API (protected resource) unless the endpoints are given.
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
  // Shows the authorize URL to the user. Default: print it to stderr and try xdg-open.
  std::function<void(const std::string& url)> open_browser;
  // When set, the refresh token and client id are kept here (file created with mode 0600).
  std::string token_store_path;
};

class AuthorizationCodeTokenProvider : public TokenProvider {
 public:
  AuthorizationCodeTokenProvider(AuthorizationCodeConfig config, std::shared_ptr<Transport> transport);
  ~AuthorizationCodeTokenProvider() override;
  // Cached token; near expiry the refresh token is used; otherwise the interactive login runs.
  AccessToken token() override;
  void invalidate(const std::string& token) override;
  // Runs the browser login now (also registers the client when needed).
  AccessToken login();
  std::string client_id() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace wink
