// Retry policy and the pure helpers the HTTP client uses to decide whether and when to retry.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace wink {

// Idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS) are retried on connection errors and on
// 408, 429, 502, 503 and 504. POST/PATCH only when CallOptions::retry_non_idempotent is set.
struct RetryPolicy {
  int max_attempts = 3;                                  // 1 disables retries
  std::chrono::milliseconds initial_backoff{200};        // delay before the 2nd attempt
  std::chrono::milliseconds max_backoff{10000};          // cap for the exponential delay
  double multiplier = 2.0;                               // growth per attempt
  double jitter = 0.2;                                   // +/- fraction applied to each delay
  std::chrono::milliseconds max_total_time{60000};       // no retry may start after this
};

bool is_idempotent_method(std::string_view method);
bool is_retryable_status(long status);
// curl error codes that mean "the exchange failed on the wire" (connect, send/recv, timeout,
// connection dropped mid-body); anything else (TLS, body too large, bad URL) is not retried.
bool is_retryable_transport_code(int curl_code);

// Delay before retry number `retry` (1 = the first retry). `unit_random` in [0, 1) drives the
// jitter so tests can pin it.
std::chrono::milliseconds backoff_delay(const RetryPolicy& policy, int retry, double unit_random);

// `Retry-After` as delta-seconds or an HTTP-date (IMF-fixdate, RFC 850 or asctime); nullopt
// when unparsable. A date in the past gives zero.
std::optional<std::chrono::milliseconds> parse_retry_after(
    std::string_view value, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace wink
