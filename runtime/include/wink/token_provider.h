// Where the bearer token comes from. HttpClient asks token() before each attempt and calls
// invalidate() when the API answers 401, then retries once with a fresh token.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wink/retry.h"
#include "wink/transport.h"

namespace wink {

struct AccessToken {
  std::string value;
  std::string token_type = "Bearer";
  // When to stop using it (already reduced by the expiry skew); max() = until invalidated.
  std::chrono::steady_clock::time_point refresh_at = std::chrono::steady_clock::time_point::max();
  // The token response's `scope`; nullopt when it did not say (the requested scopes are assumed).
  std::optional<std::vector<std::string>> granted_scopes;
};

class TokenProvider {
 public:
  virtual ~TokenProvider() = default;
  // Thread-safe. Throws wink::AuthError when no token can be had.
  virtual AccessToken token() = 0;
  // Drops `token` if it is still the cached one (a newer token is kept).
  virtual void invalidate(const std::string& token) = 0;
  // The API answered 403 insufficient_scope (RFC 6750 3.1) naming `required` scopes. A provider
  // that can obtain a token carrying them (e.g. by asking the user to consent again) returns
  // it and keeps using it; the default cannot and returns nullopt. Throws wink::AuthError.
  virtual std::optional<AccessToken> step_up(const std::vector<std::string>& required) {
    (void)required;
    return std::nullopt;
  }
};

// How a confidential client authenticates to the token endpoint (RFC 6749 2.3.1, RFC 8414
// token_endpoint_auth_methods): HTTP Basic (the default) or id and secret as form fields (as
// Wink's own curl examples send them).
enum class TokenEndpointAuth { ClientSecretBasic, ClientSecretPost };

// A fixed bearer token (e.g. from a secret store). invalidate() does nothing.
class StaticTokenProvider : public TokenProvider {
 public:
  explicit StaticTokenProvider(std::string token, std::optional<std::vector<std::string>> granted_scopes = {});
  AccessToken token() override;
  void invalidate(const std::string& token) override;

 private:
  AccessToken token_;
};

struct ClientCredentialsConfig {
  std::string token_url;
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> scopes;                // sent space-separated; none -> no `scope`
  std::chrono::seconds expiry_skew{60};           // refresh this long before expires_in ends,
                                                  // clamped to half the token's lifetime
  std::optional<std::chrono::milliseconds> timeout;  // per token request; default: transport's
  TokenEndpointAuth auth_method = TokenEndpointAuth::ClientSecretBasic;
  // Connection errors, timeouts and 408/429/5xx are retried (never invalid_client,
  // invalid_scope, ...); the AuthError of a failure says whether it was transient.
  RetryPolicy retry;
  std::function<void(std::chrono::milliseconds)> sleep;  // between retries; tests may replace it
  bool allow_insecure_http = false;  // plain http to a host other than loopback
};

// OAuth 2.0 client credentials grant (RFC 6749 4.4). The token is cached; concurrent callers
// share one in-flight request (single flight).
class ClientCredentialsTokenProvider : public TokenProvider {
 public:
  ClientCredentialsTokenProvider(ClientCredentialsConfig config, std::shared_ptr<Transport> transport);
  ~ClientCredentialsTokenProvider() override;
  AccessToken token() override;
  void invalidate(const std::string& token) override;
  // How many token requests were sent (for diagnostics and tests).
  std::size_t requests_sent() const;

 private:
  struct State;
  ClientCredentialsConfig config_;
  std::shared_ptr<Transport> transport_;
  std::unique_ptr<State> state_;
};

}  // namespace wink
