// See retry_loop.h.
#include "retry_loop.h"

#include <algorithm>
#include <random>
#include <thread>

#include "wink/redact.h"

namespace wink::detail {

namespace {
double unit_random() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}
}  // namespace

RetryLoop::RetryLoop(RetryPolicy policy, Sleep sleep, Log log)
    : policy_(policy), sleep_(std::move(sleep)), log_(std::move(log)) {
  policy_.max_attempts = std::max(1, policy_.max_attempts);
  const auto now = SteadyClock::now();
  // No budget: a single attempt with its own timeout.
  clip_ = policy_.max_total_time.count() > 0;
  deadline_ = clip_ ? add_saturating(now, policy_.max_total_time) : now;
}

std::chrono::milliseconds RetryLoop::clip(std::chrono::milliseconds per_attempt) const {
  if (!clip_) return per_attempt;
  const auto left = std::max(std::chrono::milliseconds(1), time_left(deadline_, SteadyClock::now()));
  return per_attempt.count() <= 0 ? left : std::min(per_attempt, left);
}

bool RetryLoop::wait(std::chrono::milliseconds delay, const std::string& why) {
  if (attempt_ >= policy_.max_attempts) return false;
  const auto now = SteadyClock::now();
  if (add_saturating(now, delay) > deadline_) return false;
  if (log_)
    log_(why + "; attempt " + std::to_string(attempt_ + 1) + " of " + std::to_string(policy_.max_attempts) + " in " +
         std::to_string(delay.count()) + " ms");
  if (delay.count() > 0) {
    if (sleep_)
      sleep_(delay);
    else
      std::this_thread::sleep_for(delay);
  }
  ++attempt_;
  return true;
}

bool RetryLoop::after_response(const HttpResponse& r, Replay replay, const std::string& what) {
  if (!may_retry_status(r.status, replay)) return false;
  auto delay = backoff_delay(policy_, attempt_, unit_random());
  const std::string why = what + " answered HTTP " + std::to_string(r.status);
  if (const std::string* ra = r.headers.find("Retry-After")) {
    if (auto asked = parse_retry_after(*ra)) {
      const auto cap = std::min(policy_.max_retry_after, time_left(deadline_, SteadyClock::now()));
      if (*asked > cap) {
        if (log_) log_(why + " with Retry-After: " + escape_controls(*ra, 40) + ", longer than this call may wait; not retrying");
        return false;
      }
      delay = *asked;
    }
  }
  return wait(delay, why);
}

bool RetryLoop::after_error(const TransportError& e, Replay replay) {
  if (!may_retry_transport(e.curl_code(), e.request_sent(), replay)) return false;
  return wait(backoff_delay(policy_, attempt_, unit_random()), e.what());
}

HttpResponse perform_with_retries(Transport& transport, HttpRequest request, RetryLoop& loop, Replay replay) {
  const auto configured = request.timeout;
  const std::string what = request.method + " " + redact_text(request.url);
  for (;;) {
    if (configured) request.timeout = loop.clip(*configured);
    HttpResponse r;
    try {
      r = transport.perform(request);
    } catch (const TransportError& e) {
      if (loop.after_error(e, replay)) continue;
      throw;
    }
    if (loop.after_response(r, replay, what)) continue;
    return r;
  }
}

RetryLoop token_retry_loop(Transport& transport, const RetryPolicy& policy, RetryLoop::Sleep sleep) {
  return RetryLoop(policy, std::move(sleep), [&transport](const std::string& m) { transport.log(LogLevel::Info, m); });
}

}  // namespace wink::detail
