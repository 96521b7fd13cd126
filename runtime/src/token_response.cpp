// See token_response.h.
#include "token_response.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "encoding.h"
#include "retry_loop.h"
#include "wink/errors.h"
#include "wink/redact.h"
#include "wink/scopes.h"

namespace wink::detail {

HttpResponse redacted_response(const HttpResponse& r, const std::vector<std::string>& secrets) {
  HttpResponse c;
  c.status = r.status;
  c.headers = redact_headers(r.headers, secrets);
  c.body = redact_text(r.body, secrets);
  return c;
}

bool is_b64token(std::string_view t) {
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    if (!ok) break;
    ++i;
  }
  if (i == 0) return false;
  while (i < t.size() && t[i] == '=') ++i;
  return i == t.size();
}

namespace {
[[noreturn]] void fail(const HttpResponse& r, const std::vector<std::string>& secrets, const std::string& message,
                       std::string error = {}, std::string description = {}) {
  AuthError e(redact_text(message, secrets), redact_text(error, secrets), redact_text(description, secrets), r.status,
              is_retryable_status(r.status));
  e.set_response(redacted_response(r, secrets));
  throw e;
}

// expires_in as a number of seconds in [kMinTokenLifetime, kMaxTokenLifetime]; nullopt when
// absent, negative or not a number.
std::optional<std::chrono::seconds> lifetime(const nlohmann::json& j) {
  auto it = j.find("expires_in");
  if (it == j.end()) return std::nullopt;
  long double secs = -1;
  if (it->is_number()) {
    secs = it->get<long double>();
  } else if (it->is_string()) {
    const std::string s = it->get<std::string>();
    if (s.empty() || s.size() > 40 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    secs = std::stold(s);
  }
  if (!std::isfinite(secs) || secs < 0) return std::nullopt;
  secs = std::clamp<long double>(secs, kMinTokenLifetime.count(), kMaxTokenLifetime.count());
  return std::chrono::seconds(static_cast<long long>(secs));
}
}  // namespace

HttpResponse post_token_request(Transport& transport, const std::string& token_url, Headers headers,
                                std::string form_body, const TokenRequestOptions& options) {
  HttpRequest req;
  req.method = "POST";
  req.url = token_url;
  req.headers = std::move(headers);
  req.headers.set("Content-Type", "application/x-www-form-urlencoded");
  req.headers.set("Accept", "application/json");
  req.body = std::move(form_body);
  req.timeout = options.timeout;
  RetryLoop loop = token_retry_loop(transport, options.retry, options.sleep);
  try {
    return perform_with_retries(transport, std::move(req), loop, options.replay);
  } catch (const TransportError& e) {
    throw AuthError(std::string("token request failed: ") + e.what(), {}, {}, 0,
                    is_retryable_transport_code(e.curl_code()), e.curl_code());
  }
}

void add_client_authentication(TokenEndpointAuth method, const std::string& client_id,
                               const std::string& client_secret, Headers& headers, std::string& body) {
  if (client_secret.empty()) {
    body += "&client_id=" + form_urlencode(client_id);
  } else if (method == TokenEndpointAuth::ClientSecretPost) {
    body += "&client_id=" + form_urlencode(client_id) + "&client_secret=" + form_urlencode(client_secret);
  } else {
    headers.set("Authorization",
                "Basic " + base64_encode(form_urlencode(client_id) + ":" + form_urlencode(client_secret)));
  }
}

TokenResponse parse_token_response(const HttpResponse& r, std::chrono::seconds skew,
                                   std::chrono::steady_clock::time_point requested_at,
                                   const std::vector<std::string>& secrets) {
  auto j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  const bool is_json_object = !j.is_discarded() && j.is_object();
  if (r.status < 200 || r.status > 299) {
    std::string error, description;
    if (is_json_object) {
      if (j.contains("error") && j["error"].is_string()) error = j["error"].get<std::string>();
      if (j.contains("error_description") && j["error_description"].is_string())
        description = excerpt(redact_text(j["error_description"].get<std::string>(), secrets), 300);
    }
    std::string msg = "token endpoint answered HTTP " + std::to_string(r.status);
    if (!error.empty()) msg += ": " + excerpt(error, 80);
    if (!description.empty()) msg += " (" + description + ")";
    if (error.empty() && !r.body.empty()) msg += ": " + excerpt(redact_text(r.body, secrets), 120);
    fail(r, secrets, msg, excerpt(error, 80), description);
  }
  if (!is_json_object) fail(r, secrets, "token endpoint answered HTTP " + std::to_string(r.status) + " with a body that is not a JSON object");
  if (!j.contains("access_token") || !j["access_token"].is_string() || j["access_token"].get<std::string>().empty())
    fail(r, secrets, "token response has no access_token");

  TokenResponse out;
  out.token.value = j["access_token"].get<std::string>();
  if (!is_b64token(out.token.value))
    fail(r, secrets, "token response has an access_token that is not an RFC 6750 b64token (it would not fit in a header)");
  if (j.contains("token_type") && j["token_type"].is_string()) {
    out.token.token_type = j["token_type"].get<std::string>();
    if (!iequals(out.token.token_type, "bearer"))
      fail(r, secrets, "token response has unsupported token_type '" + excerpt(out.token.token_type, 40) + "'");
    out.token.token_type = "Bearer";
  }
  out.expires_in = lifetime(j);
  if (out.expires_in) {
    // Refresh `skew` early, but never spend more than half the lifetime on it so short-lived
    // tokens are still used. Both are bounded, so this cannot overflow.
    auto life_ms = std::chrono::duration_cast<std::chrono::milliseconds>(*out.expires_in);
    auto skew_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::clamp(skew, std::chrono::seconds(0), kMaxTokenLifetime));
    if (skew_ms > life_ms / 2) skew_ms = life_ms / 2;
    out.token.refresh_at = requested_at + (life_ms - skew_ms);
  }
  if (j.contains("scope") && j["scope"].is_string()) out.token.granted_scopes = split_scopes(j["scope"].get<std::string>());
  if (j.contains("refresh_token") && j["refresh_token"].is_string()) out.refresh_token = j["refresh_token"].get<std::string>();
  return out;
}

}  // namespace wink::detail
