// See token_response.h.
#include "token_response.h"

#include <algorithm>

#include <nlohmann/json.hpp>

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

namespace {
[[noreturn]] void fail(const HttpResponse& r, const std::vector<std::string>& secrets, const std::string& message,
                       std::string error = {}, std::string description = {}) {
  AuthError e(redact_text(message, secrets), redact_text(error, secrets), redact_text(description, secrets), r.status);
  e.set_response(redacted_response(r, secrets));
  throw e;
}
}  // namespace

HttpResponse post_token_request(Transport& transport, const std::string& token_url, Headers headers,
                                std::string form_body, std::optional<std::chrono::milliseconds> timeout) {
  HttpRequest req;
  req.method = "POST";
  req.url = token_url;
  req.headers = std::move(headers);
  req.headers.set("Content-Type", "application/x-www-form-urlencoded");
  req.headers.set("Accept", "application/json");
  req.body = std::move(form_body);
  req.timeout = timeout;
  try {
    return transport.perform(req);
  } catch (const TransportError& e) {
    throw AuthError(std::string("token request failed: ") + e.what());
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
    fail(r, secrets, msg, error, description);
  }
  if (!is_json_object) fail(r, secrets, "token endpoint answered HTTP " + std::to_string(r.status) + " with a body that is not a JSON object");
  if (!j.contains("access_token") || !j["access_token"].is_string() || j["access_token"].get<std::string>().empty())
    fail(r, secrets, "token response has no access_token");

  TokenResponse out;
  out.token.value = j["access_token"].get<std::string>();
  if (j.contains("token_type") && j["token_type"].is_string()) {
    out.token.token_type = j["token_type"].get<std::string>();
    if (!iequals(out.token.token_type, "bearer"))
      fail(r, secrets, "token response has unsupported token_type '" + excerpt(out.token.token_type, 40) + "'");
    out.token.token_type = "Bearer";
  }
  if (j.contains("expires_in")) {
    const auto& e = j["expires_in"];
    long long secs = -1;
    if (e.is_number()) secs = static_cast<long long>(e.get<double>());
    else if (e.is_string()) {
      try {
        secs = std::stoll(e.get<std::string>());
      } catch (const std::exception&) {
        secs = -1;
      }
    }
    if (secs >= 0) out.expires_in = std::chrono::seconds(secs);
  }
  if (out.expires_in) {
    // Refresh `skew` early, but never spend more than half the lifetime on it so short-lived
    // tokens are still used.
    auto life_ms = std::chrono::duration_cast<std::chrono::milliseconds>(*out.expires_in);
    auto skew_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::max(skew, std::chrono::seconds(0)));
    if (skew_ms > life_ms / 2) skew_ms = life_ms / 2;
    out.token.refresh_at = requested_at + (life_ms - skew_ms);
  }
  if (j.contains("scope") && j["scope"].is_string()) out.token.granted_scopes = split_scopes(j["scope"].get<std::string>());
  if (j.contains("refresh_token") && j["refresh_token"].is_string()) out.refresh_token = j["refresh_token"].get<std::string>();
  return out;
}

}  // namespace wink::detail
