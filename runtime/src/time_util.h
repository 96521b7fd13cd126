// Internal: time arithmetic that saturates instead of overflowing. A server's Retry-After or
// expires_in, or a caller's "no limit" duration::max(), must not wrap a deadline into the past
// (or into the far future through signed overflow, which is undefined behaviour).
#pragma once

#include <chrono>
#include <limits>

namespace wink::detail {

using SteadyClock = std::chrono::steady_clock;

// Converts saturating at the target's range.
template <class To, class Rep, class Period>
To saturating_cast(std::chrono::duration<Rep, Period> d) {
  using Common = std::chrono::duration<long double, std::ratio<1>>;
  const long double v = std::chrono::duration_cast<Common>(d).count();
  const long double hi = std::chrono::duration_cast<Common>(To::max()).count();
  const long double lo = std::chrono::duration_cast<Common>(To::min()).count();
  if (v >= hi) return To::max();
  if (v <= lo) return To::min();
  return std::chrono::duration_cast<To>(d);
}

// t + d, saturating at the clock's ends.
template <class Rep, class Period>
SteadyClock::time_point add_saturating(SteadyClock::time_point t, std::chrono::duration<Rep, Period> d) {
  const auto dd = saturating_cast<SteadyClock::duration>(d);
  const auto since = t.time_since_epoch();
  if (dd.count() > 0 && since > SteadyClock::duration::max() - dd) return SteadyClock::time_point::max();
  if (dd.count() < 0 && since < SteadyClock::duration::min() - dd) return SteadyClock::time_point::min();
  return t + dd;
}

// deadline - now in milliseconds, never negative; milliseconds::max() for "no deadline".
inline std::chrono::milliseconds time_left(SteadyClock::time_point deadline, SteadyClock::time_point now) {
  if (deadline == SteadyClock::time_point::max()) return std::chrono::milliseconds::max();
  if (deadline <= now) return std::chrono::milliseconds(0);
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
}

}  // namespace wink::detail
