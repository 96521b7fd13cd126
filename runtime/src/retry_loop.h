// Internal: one call's retry state (attempt count, budget, backoff, Retry-After), shared by
// HttpClient and the token, discovery and registration requests so that they all follow the
// same rules (see wink/retry.h).
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "time_util.h"
#include "wink/errors.h"
#include "wink/retry.h"
#include "wink/transport.h"

namespace wink::detail {

class RetryLoop {
 public:
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  using Log = std::function<void(const std::string&)>;

  RetryLoop(RetryPolicy policy, Sleep sleep, Log log);

  int attempt() const noexcept { return attempt_; }
  // `per_attempt` clipped to the time left in the call's budget (at least 1 ms).
  std::chrono::milliseconds clip(std::chrono::milliseconds per_attempt) const;
  // Whether `response` is retried under `replay` (Retry-After honoured; one longer than
  // max_retry_after or the time left means no). Sleeps before answering true.
  bool after_response(const HttpResponse& response, Replay replay, const std::string& what);
  // Whether the attempt that threw `error` is retried under `replay`; sleeps before true.
  bool after_error(const TransportError& error, Replay replay);

 private:
  bool wait(std::chrono::milliseconds delay, const std::string& why);

  RetryPolicy policy_;
  Sleep sleep_;
  Log log_;
  SteadyClock::time_point deadline_;
  bool clip_ = true;
  int attempt_ = 1;
};

// Sends `request` until it gets a response that is not retried under `replay`; throws the
// last TransportError when the attempts end without one.
HttpResponse perform_with_retries(Transport& transport, HttpRequest request, RetryLoop& loop, Replay replay);

// The retry loop of a request a token provider sends (logs through the transport).
RetryLoop token_retry_loop(Transport& transport, const RetryPolicy& policy, RetryLoop::Sleep sleep);

}  // namespace wink::detail
