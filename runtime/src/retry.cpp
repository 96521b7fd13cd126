// Retry decisions and delays: exponential backoff with jitter, Retry-After honoured.
#include "wink/retry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <limits>
#include <vector>

#include <curl/curl.h>

#include "wink/http.h"

namespace wink {

bool is_idempotent_method(std::string_view m) {
  return iequals(m, "GET") || iequals(m, "HEAD") || iequals(m, "PUT") || iequals(m, "DELETE") ||
         iequals(m, "OPTIONS");
}

bool is_safe_method(std::string_view m) {
  return iequals(m, "GET") || iequals(m, "HEAD") || iequals(m, "OPTIONS") || iequals(m, "TRACE");
}

bool is_retryable_status(long s) { return s == 408 || s == 429 || s == 500 || s == 502 || s == 503 || s == 504; }

bool is_retryable_transport_code(int code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

bool may_retry_status(long status, Replay replay) {
  switch (replay) {
    case Replay::Any:
      return is_retryable_status(status);
    case Replay::Unambiguous:
      return status == 408 || status == 429 || status == 503;
    case Replay::NotSent:
      return false;
  }
  return false;
}

bool may_retry_transport(int curl_code, bool request_sent, Replay replay) {
  if (!is_retryable_transport_code(curl_code)) return false;
  return !request_sent || replay == Replay::Any;
}

std::chrono::milliseconds backoff_delay(const RetryPolicy& p, int retry, double unit_random) {
  double base = static_cast<double>(p.initial_backoff.count()) * std::pow(std::max(1.0, p.multiplier), std::max(0, retry - 1));
  base = std::min(base, static_cast<double>(p.max_backoff.count()));
  double j = std::clamp(p.jitter, 0.0, 1.0);
  double factor = 1.0 - j + 2.0 * j * std::clamp(unit_random, 0.0, 1.0);
  double ms = std::min(base * factor, static_cast<double>(p.max_backoff.count()));
  // Saturate: a double at or above 2^63 does not convert to long long.
  if (!(ms < 9.0e18)) return std::chrono::milliseconds(static_cast<long long>(9.0e18));
  return std::chrono::milliseconds(static_cast<long long>(std::max(0.0, ms)));
}

namespace {

bool parse_uint(std::string_view s, long long& out) {
  if (s.empty() || s.size() > 12) return false;
  out = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

int month_index(std::string_view m) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                              "jul", "aug", "sep", "oct", "nov", "dec"};
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (iequals(kMonths[i], m)) return static_cast<int>(i);
  return -1;
}

std::vector<std::string_view> fields(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != ',') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

bool parse_hms(std::string_view t, long long& h, long long& mi, long long& se) {
  if (t.size() != 8 || t[2] != ':' || t[5] != ':') return false;
  return parse_uint(t.substr(0, 2), h) && parse_uint(t.substr(3, 2), mi) && parse_uint(t.substr(6, 2), se) && h < 24 &&
         mi < 60 && se < 61;
}

std::optional<long long> parse_http_date(std::string_view v) {
  auto f = fields(v);
  long long day = 0, year = 0, h = 0, mi = 0, se = 0;
  int mon = -1;
  if (f.size() == 6 && iequals(f[5], "GMT")) {  // Sun, 06 Nov 1994 08:49:37 GMT
    if (!parse_uint(f[1], day) || (mon = month_index(f[2])) < 0 || !parse_uint(f[3], year) || !parse_hms(f[4], h, mi, se))
      return std::nullopt;
  } else if (f.size() == 4 && iequals(f[3], "GMT")) {  // Sunday, 06-Nov-94 08:49:37 GMT
    auto d = f[1];
    if (d.size() != 9 || d[2] != '-' || d[6] != '-') return std::nullopt;
    if (!parse_uint(d.substr(0, 2), day) || (mon = month_index(d.substr(3, 3))) < 0 || !parse_uint(d.substr(7, 2), year) ||
        !parse_hms(f[2], h, mi, se))
      return std::nullopt;
    year += year < 70 ? 2000 : 1900;
  } else if (f.size() == 5) {  // Sun Nov  6 08:49:37 1994
    if ((mon = month_index(f[1])) < 0 || !parse_uint(f[2], day) || !parse_hms(f[3], h, mi, se) || !parse_uint(f[4], year))
      return std::nullopt;
  } else {
    return std::nullopt;
  }
  if (day < 1 || day > 31 || year < 1970) return std::nullopt;
  if (year > 9999) return std::numeric_limits<long long>::max() / 1000;  // as good as forever
  return days_from_civil(year, static_cast<unsigned>(mon + 1), static_cast<unsigned>(day)) * 86400 + h * 3600 + mi * 60 + se;
}

}  // namespace

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value,
                                                           std::chrono::system_clock::time_point now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    // Any number of digits: more than a year's worth of seconds is as good as forever.
    long long secs = 0;
    if (value.size() > 12 || !parse_uint(value, secs)) return std::chrono::milliseconds::max();
    return std::chrono::milliseconds(secs * 1000);
  }
  auto when = parse_http_date(value);
  if (!when) return std::nullopt;
  auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  long long delta = *when * 1000 - now_ms;
  return std::chrono::milliseconds(std::max(0LL, delta));
}

}  // namespace wink
