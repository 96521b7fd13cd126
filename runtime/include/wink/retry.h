// Retry policy and the pure helpers the HTTP client and the token providers use to decide
// whether and when to send a request again.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace wink {

// Which failures are retried depends on how safely the request can be replayed (see Replay).
// A call stops when max_attempts is reached, when the next attempt could not start within
// max_total_time, or when the server's Retry-After exceeds max_retry_after (or the time left).
struct RetryPolicy {
  int max_attempts = 3;                                  // 1 disables retries
  std::chrono::milliseconds initial_backoff{200};        // delay before the 2nd attempt
  std::chrono::milliseconds max_backoff{10000};          // cap for the exponential delay
  double multiplier = 2.0;                               // growth per attempt
  double jitter = 0.2;                                   // +/- fraction applied to each delay
  std::chrono::milliseconds max_total_time{60000};       // the call's budget: attempts are clipped
                                                         // to it and no retry starts after it
  std::chrono::milliseconds max_retry_after{60000};      // a longer Retry-After means "give up"
};

// How freely a request may be sent again.
enum class Replay {
  // Idempotent (GET, HEAD, PUT, DELETE, OPTIONS, an operation marked idempotent, or a POST/PATCH
  // carrying an idempotency key): connection failures, timeouts, dropped connections and
  // 408/429/500/502/503/504.
  Any,
  // Conditional (If-Match, If-None-Match, If-Unmodified-Since on a state-changing method): only
  // when the server cannot have acted on it: failures before anything was sent, 408/429/503.
  Unambiguous,
  // POST/PATCH without idempotency key: only failures before anything was sent.
  NotSent,
};

bool is_idempotent_method(std::string_view method);
// GET, HEAD, OPTIONS, TRACE: reading twice changes nothing.
bool is_safe_method(std::string_view method);
// 408, 429, 500, 502, 503, 504.
bool is_retryable_status(long status);
// curl error codes of transient failures: DNS, connect, TLS handshake, timeout (and stall),
// send/receive errors, connection dropped mid-body, HTTP/2 stream errors. Certificate
// failures, a body over the limit, bad URLs are not transient.
bool is_retryable_transport_code(int curl_code);

bool may_retry_status(long status, Replay replay);
// `request_sent`: TransportError::request_sent().
bool may_retry_transport(int curl_code, bool request_sent, Replay replay);

// Delay before retry number `retry` (1 = the first retry). `unit_random` in [0, 1) drives the
// jitter so tests can pin it.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double unit_random);

// `Retry-After` as delta-seconds or an HTTP-date (IMF-fixdate, RFC 850 or asctime); nullopt
// when unparsable. A date in the past gives zero; values beyond any sane wait saturate at
// milliseconds::max() (callers compare them with RetryPolicy::max_retry_after).
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace wink
