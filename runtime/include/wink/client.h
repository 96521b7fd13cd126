// The interface every generated API class calls. The runtime's HttpClient implements it over
// libcurl with auth, retries and scope checks; tests may substitute their own implementation.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "wink/http.h"
#include "wink/operation.h"
#include "wink/retry.h"

namespace wink {

// One API call as generated code describes it. The client adds the base URL, `Authorization`,
// `Wink-Version`, `Accept` and `User-Agent`.
struct ApiRequest {
  const OperationInfo* operation = nullptr;  // never null in generated code
  std::string method;                        // "GET", ...
  std::string path_and_query;                // already expanded and percent-encoded, starts with '/'
  Headers headers;                           // operation header/cookie parameters
  std::string body;                          // empty when there is none
  std::string content_type;                  // empty when there is no body
};

// Per-call overrides; anything unset falls back to the client's options.
struct CallOptions {
  std::optional<std::chrono::milliseconds> timeout;   // total time for one attempt
  std::optional<int> max_attempts;                    // 1 disables retries
  // Lets a POST/PATCH be retried like an idempotent call: it carries an idempotency key (a
  // random UUID from the OS CSPRNG, the same on every attempt) in ClientOptions::idempotency_header.
  bool retry_non_idempotent = false;
  // The key to send instead of a random one (also implies retry_non_idempotent).
  std::optional<std::string> idempotency_key;
  Headers extra_headers;                              // validated: tokens and control-free values
  std::optional<RetryPolicy> retry;                   // replaces ClientOptions::retry for this call
};

class Client {
 public:
  virtual ~Client() = default;
  // Sends the request and returns the final response (after auth and retries).
  // Throws wink::TransportError, wink::AuthError or wink::ScopeError; a non-2xx HTTP status is
  // returned, not thrown: generated code turns it into wink::ApiError.
  virtual HttpResponse send(const ApiRequest& request, const CallOptions& options) = 0;
};

}  // namespace wink
