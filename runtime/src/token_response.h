// Internal: token endpoint requests and answers (RFC 6749 5.1 / 5.2), shared by the
// client-credentials and authorization-code providers.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "wink/retry.h"
#include "wink/token_provider.h"

namespace wink::detail {

// A token is kept for at least this long and at most this long, whatever `expires_in` says:
// 0 would mean a token request per call, a huge value an overflowing deadline.
inline constexpr std::chrono::seconds kMinTokenLifetime{1};
inline constexpr std::chrono::seconds kMaxTokenLifetime{24 * 3600};

struct TokenResponse {
  AccessToken token;
  std::string refresh_token;                       // empty when none was issued
  std::optional<std::chrono::seconds> expires_in;  // as the server said, clamped to the range above
};

// Throws wink::AuthError (with error/error_description/status, transient for 408/429/5xx, and
// the redacted response). The access token must be an RFC 6750 b64token (it goes into a header).
TokenResponse parse_token_response(const HttpResponse& response, std::chrono::seconds expiry_skew,
                                   std::chrono::steady_clock::time_point requested_at,
                                   const std::vector<std::string>& secrets = {});

struct TokenRequestOptions {
  std::optional<std::chrono::milliseconds> timeout;           // per attempt; default: transport's
  RetryPolicy retry;                                          // connection errors, 408/429/5xx
  Replay replay = Replay::Any;                                // Unambiguous for refresh grants
  std::function<void(std::chrono::milliseconds)> sleep;       // tests
};

// POSTs a form to the token endpoint with retries. Returns the final answer (any status);
// throws AuthError (transient when the failure was, with the transport's curl code) when no
// answer came.
HttpResponse post_token_request(Transport& transport, const std::string& token_url, Headers headers,
                                std::string form_body, const TokenRequestOptions& options);

// Client authentication for the token endpoint (RFC 6749 2.3.1): HTTP Basic over the
// form-encoded id and secret, or both as form fields; a public client sends its id only.
void add_client_authentication(TokenEndpointAuth method, const std::string& client_id,
                               const std::string& client_secret, Headers& headers, std::string& form_body);

// RFC 6750 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
bool is_b64token(std::string_view token);

// Copy with secrets redacted, for AuthError::response().
HttpResponse redacted_response(const HttpResponse& r, const std::vector<std::string>& secrets = {});

}  // namespace wink::detail
