// Where the bearer token comes from. HttpClient asks token() before each attempt and calls
// invalidate() when the API answers 401, then retries once with a fresh token.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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
};

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
};

// OAuth 2.0 client credentials grant (RFC 6749 4.4) with HTTP Basic client authentication.
// The token is cached; concurrent callers share one in-flight request (single flight).
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
