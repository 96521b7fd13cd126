// Internal: turning a token endpoint answer (RFC 6749 5.1 / 5.2) into an AccessToken or an
// AuthError. Shared by the client-credentials and authorization-code providers.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "wink/token_provider.h"

namespace wink::detail {

struct TokenResponse {
  AccessToken token;
  std::string refresh_token;                       // empty when none was issued
  std::optional<std::chrono::seconds> expires_in;  // as the server said
};

// Throws wink::AuthError (with error/error_description/status and the redacted response).
// `secrets` (e.g. the client secret) are scrubbed from messages even when the server echoes them.
TokenResponse parse_token_response(const HttpResponse& response, std::chrono::seconds expiry_skew,
                                   std::chrono::steady_clock::time_point requested_at,
                                   const std::vector<std::string>& secrets = {});

// Sends a token request; transport failures become AuthError.
HttpResponse post_token_request(Transport& transport, const std::string& token_url, Headers headers,
                                std::string form_body, std::optional<std::chrono::milliseconds> timeout);

// Copy with secrets redacted, for AuthError::response().
HttpResponse redacted_response(const HttpResponse& r, const std::vector<std::string>& secrets = {});

}  // namespace wink::detail
