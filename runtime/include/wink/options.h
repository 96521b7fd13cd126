// Configuration of wink::HttpClient.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "wink/retry.h"
#include "wink/scopes.h"
#include "wink/token_provider.h"
#include "wink/transport.h"

namespace wink {

enum class Environment { Production, Staging };

inline constexpr const char* kProductionApiBaseUrl = "https://api.wink.travel";
inline constexpr const char* kProductionTokenUrl = "https://iam.wink.travel/oauth2/token";
inline constexpr const char* kStagingApiBaseUrl = "https://staging-api.wink.travel";
inline constexpr const char* kStagingTokenUrl = "https://staging-iam.wink.travel/oauth2/token";

struct ClientOptions {
  // --- where ---
  Environment environment = Environment::Production;
  std::string api_base_url;  // empty: the environment's
  std::string token_url;     // empty: the environment's
  // Both must be https, or http to a loopback host (127.0.0.0/8, ::1, localhost), unless this
  // is set: credentials would otherwise travel unencrypted. Applies to redirects too.
  bool allow_insecure_http = false;

  // --- who (client credentials; ignored when token_provider is set) ---
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> scopes;    // requested scopes
  std::set<std::string> known_scopes; // the document's scopes (generated SDK fills it in);
                                      // when non-empty, requesting another one is a ScopeError
  ScopePolicy scope_policy = ScopePolicy::Warn;
  std::chrono::seconds token_expiry_skew{60};
  TokenEndpointAuth token_endpoint_auth = TokenEndpointAuth::ClientSecretBasic;  // or ClientSecretPost
  std::shared_ptr<TokenProvider> token_provider;  // overrides client credentials when set

  // --- headers sent on every call ---
  std::string wink_version = "2.0";
  std::string accept = "application/json";
  std::string sdk_name = "wink-sdk-cpp";
  std::string sdk_version = "0.0.0";
  std::string generator_version = "0.0.0";
  std::string spec_version = "unknown";

  // --- transport ---
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{60000};  // total per attempt (clipped to retry.max_total_time left)
  std::chrono::milliseconds stall_timeout{30000};  // no byte either way for this long: timeout; 0 = off
  bool verify_tls = true;                    // turning it off logs a warning
  std::string ca_bundle_path;
  std::size_t max_response_body_bytes = 64u << 20;
  int max_redirects = 5;                     // same-origin only for requests with a body; see README
  RetryPolicy retry;                         // API calls and token requests
  // Sent with a POST/PATCH the caller lets retry (CallOptions::retry_non_idempotent or
  // CallOptions::idempotency_key), the same value on every attempt of the call.
  std::string idempotency_header = "Idempotency-Key";

  // --- observability (hooks receive redacted copies; may run on several threads) ---
  RequestHook on_request;
  ResponseHook on_response;
  LogHook logger;  // unset: warnings go to stderr

  // Sleeps between retries (API calls and token requests); tests may replace it.
  std::function<void(std::chrono::milliseconds)> sleep;

  // WINK_CLIENT_ID, WINK_CLIENT_SECRET, WINK_ENVIRONMENT (production|staging), WINK_API_BASE_URL,
  // WINK_TOKEN_URL, WINK_SCOPE (space-separated). Throws wink::Error (ErrorKind::Config).
  static ClientOptions from_env();

  std::string resolved_api_base_url() const;  // without trailing '/'
  std::string resolved_token_url() const;
  // "<sdk_name>/<sdk_version> wink-codegen/<generator_version> wink-spec/<spec_version>
  //  wink-runtime/<version> libcurl/<version>"
  std::string user_agent() const;
  TransportOptions transport_options() const;
};

}  // namespace wink
