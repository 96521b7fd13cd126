// Redaction applied to everything the runtime hands to log hooks or puts in exception messages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wink/http.h"

namespace wink {

inline constexpr std::string_view kRedacted = "[REDACTED]";

// Authorization, Proxy-Authorization, Cookie, Set-Cookie.
bool is_sensitive_header(std::string_view name);
// access_token, refresh_token, id_token, client_secret, code_verifier, password,
// registration_access_token, client_assertion, assertion.
bool is_sensitive_field(std::string_view name);

// Replaces the values of sensitive JSON members ("access_token": "...") and form/query fields
// (access_token=...), the credentials after "Bearer " / "Basic ", JWT-shaped values
// (eyJ...\.xxx\.yyy), and every secret the runtime currently holds (access and refresh tokens,
// authorization codes, PKCE verifiers and client secrets of live clients and providers), even
// where a server echoes one without a key.
std::string redact_text(std::string_view text);
// redact_text plus every literal occurrence of the given secrets (ignores ones shorter than 4).
std::string redact_text(std::string_view text, const std::vector<std::string>& secrets);
Headers redact_headers(const Headers& headers, const std::vector<std::string>& secrets = {});

// Control characters shown as escapes (\r, \n, \t, \0, \xHH), at most `max_bytes` of input
// ("..." appended when cut): for putting a caller's or server's text into a message or log line.
std::string escape_controls(std::string_view text, std::size_t max_bytes = 200);

// A one-line excerpt for error messages: redacted, control characters replaced, at most
// `max_bytes` long (cut on a UTF-8 boundary, "..." appended when cut).
std::string excerpt(std::string_view text, std::size_t max_bytes = 200);

}  // namespace wink
