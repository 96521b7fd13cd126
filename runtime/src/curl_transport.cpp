// libcurl transport. Thread safety: each perform() uses its own easy handle taken from a pool;
// handles go back to the pool after use so their live connections are kept alive and reused.
// DNS and TLS session caches are shared through a curl share handle guarded by one mutex per
// data kind. (The connection cache is not shared: libcurl documents sharing it between
// concurrent threads as unsafe.) Redirects are NOT followed here; HttpClient follows them by
// hand so it can drop Authorization when the origin changes. Paths are sent as given
// (CURLOPT_PATH_AS_IS): the client has already made sure no parameter forms a dot segment.
#include <curl/curl.h>

#include <array>
#include <atomic>
#include <chrono>
#include <climits>
#include <iostream>
#include <mutex>
#include <vector>

#include "platform/signals.h"
#include "wink/errors.h"
#include "wink/redact.h"
#include "wink/transport.h"

namespace wink {

void Transport::log(LogLevel level, const std::string& message) const {
  if (level == LogLevel::Debug || level == LogLevel::Info) return;
  std::cerr << "wink: " << (level == LogLevel::Warn ? "warning: " : "error: ")
            << escape_controls(redact_text(message), 4096) << '\n';
}

namespace {

std::once_flag g_curl_init;

struct ResponseSink {
  HttpResponse response;
  std::size_t max_bytes = 0;
  bool too_large = false;
  curl_off_t header_bytes = 0;
};

// Stall detection: no byte in either direction for `limit`. libcurl's LOW_SPEED_* options
// average over several seconds, so a server that sends a little and then stops would hold
// the thread far longer than the limit.
struct StallWatch {
  const ResponseSink* sink = nullptr;
  std::chrono::milliseconds limit{0};
  curl_off_t last_total = -1;
  std::chrono::steady_clock::time_point last_change = std::chrono::steady_clock::now();
  bool stalled = false;
};

int on_progress(void* user, curl_off_t, curl_off_t dlnow, curl_off_t, curl_off_t ulnow) {
  auto* w = static_cast<StallWatch*>(user);
  const curl_off_t total = dlnow + ulnow + w->sink->header_bytes;
  const auto now = std::chrono::steady_clock::now();
  if (total != w->last_total) {
    w->last_total = total;
    w->last_change = now;
    return 0;
  }
  if (now - w->last_change >= w->limit) {
    w->stalled = true;
    return 1;  // aborts the transfer (CURLE_ABORTED_BY_CALLBACK)
  }
  return 0;
}

long clamp_ms(std::chrono::milliseconds d) {
  if (d.count() <= 0) return 0;
  return d.count() >= LONG_MAX ? LONG_MAX : static_cast<long>(d.count());
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<ResponseSink*>(user);
  const size_t len = size * n;
  if (sink->response.body.size() + len > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // makes curl abort with CURLE_WRITE_ERROR
  }
  sink->response.body.append(data, len);
  return len;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<ResponseSink*>(user);
  const size_t len = size * n;
  sink->header_bytes += static_cast<curl_off_t>(len);
  std::string_view line(data, len);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.remove_suffix(1);
  if (line.substr(0, 5) == "HTTP/") {
    sink->response.headers = Headers{};  // a new response (after 100 Continue or a proxy CONNECT)
    return len;
  }
  auto colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0) return len;
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  sink->response.headers.add(std::string(line.substr(0, colon)), std::string(value));
  return len;
}

}  // namespace

struct CurlTransport::Impl {
  TransportOptions options;
  CURLSH* share = nullptr;
  std::array<std::mutex, CURL_LOCK_DATA_LAST> share_locks;
  std::mutex pool_mu;
  std::vector<CURL*> idle;

  static void lock_cb(CURL*, curl_lock_data data, curl_lock_access, void* user) {
    static_cast<Impl*>(user)->share_locks[static_cast<std::size_t>(data)].lock();
  }
  static void unlock_cb(CURL*, curl_lock_data data, void* user) {
    static_cast<Impl*>(user)->share_locks[static_cast<std::size_t>(data)].unlock();
  }

  CURL* acquire() {
    {
      std::lock_guard<std::mutex> lk(pool_mu);
      if (!idle.empty()) {
        CURL* h = idle.back();
        idle.pop_back();
        return h;
      }
    }
    CURL* h = curl_easy_init();
    if (h == nullptr) throw TransportError("curl_easy_init failed", 0, false);
    return h;
  }

  void release(CURL* h) {
    {
      std::lock_guard<std::mutex> lk(pool_mu);
      if (idle.size() < options.max_idle_handles) {
        idle.push_back(h);
        return;
      }
    }
    curl_easy_cleanup(h);
  }

  HttpRequest redacted(const HttpRequest& r) const {
    HttpRequest c;
    c.method = r.method;
    c.url = redact_text(r.url, options.secrets);
    c.headers = redact_headers(r.headers, options.secrets);
    c.body = redact_text(r.body, options.secrets);
    c.timeout = r.timeout;
    return c;
  }
  HttpResponse redacted(const HttpResponse& r) const {
    HttpResponse c;
    c.status = r.status;
    c.headers = redact_headers(r.headers, options.secrets);
    c.body = redact_text(r.body, options.secrets);
    return c;
  }
};

CurlTransport::CurlTransport(TransportOptions options) : impl_(std::make_unique<Impl>()) {
  std::call_once(g_curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  platform::ignore_sigpipe();
  if (!is_header_value(options.user_agent))
    throw Error(ErrorKind::Config, "TransportOptions::user_agent contains control characters");
  impl_->options = std::move(options);
  impl_->share = curl_share_init();
  if (impl_->share != nullptr) {
    curl_share_setopt(impl_->share, CURLSHOPT_LOCKFUNC, &Impl::lock_cb);
    curl_share_setopt(impl_->share, CURLSHOPT_UNLOCKFUNC, &Impl::unlock_cb);
    curl_share_setopt(impl_->share, CURLSHOPT_USERDATA, impl_.get());
    curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    curl_share_setopt(impl_->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
  if (!impl_->options.verify_tls)
    log(LogLevel::Warn, "TLS certificate verification is DISABLED (verify_tls=false); do not use this in production");
}

CurlTransport::~CurlTransport() {
  for (CURL* h : impl_->idle) curl_easy_cleanup(h);
  if (impl_->share != nullptr) curl_share_cleanup(impl_->share);
}

const TransportOptions& CurlTransport::options() const noexcept { return impl_->options; }

void CurlTransport::log(LogLevel level, const std::string& message) const {
  std::string safe = escape_controls(redact_text(message, impl_->options.secrets), 4096);
  if (impl_->options.logger)
    impl_->options.logger(level, safe);
  else
    Transport::log(level, safe);
}

HttpResponse CurlTransport::perform(const HttpRequest& request) {
  const TransportOptions& o = impl_->options;
  // Refused before anything is sent: extra header lines, a truncated value, a request line
  // with a break in it.
  check_headers(request.headers, "HTTP request");
  if (!is_header_value(request.url) || request.url.find(' ') != std::string::npos)
    throw Error(ErrorKind::InvalidArgument, "the request URL contains spaces or control characters; nothing was sent");
  if (!is_header_name(request.method))
    throw Error(ErrorKind::InvalidArgument, "the request method is not an RFC 9110 token; nothing was sent");
  if (o.on_request) o.on_request(impl_->redacted(request));

  CURL* h = impl_->acquire();
  // The handle returns to the pool whatever happens; curl_easy_reset keeps its connections.
  struct Guard {
    Impl* impl;
    CURL* h;
    curl_slist* list = nullptr;
    ~Guard() {
      curl_slist_free_all(list);
      curl_easy_reset(h);
      impl->release(h);
    }
  } guard{impl_.get(), h};

  ResponseSink sink;
  sink.max_bytes = o.max_response_body_bytes;
  StallWatch stall;
  stall.sink = &sink;
  stall.limit = o.stall_timeout;
  char errbuf[CURL_ERROR_SIZE] = {0};
  const auto timeout = request.timeout.value_or(o.timeout);

  curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);  // never squash "/../" or "/./"
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // required for multi-threaded use (SIGPIPE: see the constructor)
  curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
  if (impl_->share != nullptr) curl_easy_setopt(h, CURLOPT_SHARE, impl_->share);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, clamp_ms(o.connect_timeout));
  // A positive timeout too small for curl's milliseconds still means "a timeout", not "none".
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout.count() > 0 ? std::max(1L, clamp_ms(timeout)) : 0L);
  if (o.stall_timeout.count() > 0) {
    curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, &on_progress);
    curl_easy_setopt(h, CURLOPT_XFERINFODATA, &stall);
  }
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(h, CURLOPT_UNRESTRICTED_AUTH, 0L);
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  curl_easy_setopt(h, CURLOPT_PROTOCOLS, static_cast<long>(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, o.verify_tls ? 1L : 0L);
  curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, o.verify_tls ? 2L : 0L);
  if (!o.ca_bundle_path.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, o.ca_bundle_path.c_str());
  curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
  if (o.max_response_body_bytes > 0)
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_response_body_bytes));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, &on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, &on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);

  const std::string& m = request.method;
  if (iequals(m, "HEAD")) {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else if (iequals(m, "GET") && request.body.empty()) {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else {
    if (!request.body.empty() || iequals(m, "POST") || iequals(m, "PUT") || iequals(m, "PATCH")) {
      curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
    }
    if (!iequals(m, "POST")) curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, m.c_str());
  }

  bool has_ua = false;
  for (const auto& [name, value] : request.headers) {
    if (iequals(name, "User-Agent")) has_ua = true;
    std::string line = value.empty() ? name + ";" : name + ": " + value;
    guard.list = curl_slist_append(guard.list, line.c_str());
  }
  if (!has_ua && !o.user_agent.empty())
    guard.list = curl_slist_append(guard.list, ("User-Agent: " + o.user_agent).c_str());
  guard.list = curl_slist_append(guard.list, "Expect:");  // no 100-continue round trip
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, guard.list);

  const auto started = std::chrono::steady_clock::now();
  CURLcode rc = curl_easy_perform(h);
  const auto elapsed =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  if (rc != CURLE_OK) {
    const std::string what = m + " " + redact_text(request.url, o.secrets);
    // Whether any of the request left this process: libcurl counts the request bytes it wrote.
    long request_bytes = 0;
    curl_off_t body_bytes = 0;
    curl_easy_getinfo(h, CURLINFO_REQUEST_SIZE, &request_bytes);
    curl_easy_getinfo(h, CURLINFO_SIZE_UPLOAD_T, &body_bytes);
    const bool sent = request_bytes > 0 || body_bytes > 0 || sink.header_bytes > 0;
    std::string msg;
    int code = static_cast<int>(rc);
    if (sink.too_large || rc == CURLE_FILESIZE_EXCEEDED) {
      msg = what + ": response body exceeds the limit of " + std::to_string(o.max_response_body_bytes) + " bytes";
    } else if (stall.stalled) {
      msg = what + ": stalled: no data for " + std::to_string(o.stall_timeout.count()) + " ms (stall_timeout)";
      code = CURLE_OPERATION_TIMEDOUT;
    } else {
      msg = what + ": " + curl_easy_strerror(rc);
      if (errbuf[0] != '\0') msg += std::string(" (") + escape_controls(redact_text(errbuf, o.secrets)) + ")";
    }
    log(LogLevel::Debug, msg);
    throw TransportError(msg, code, sent);
  }
  long status = 0;
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
  sink.response.status = status;
  if (o.on_response) o.on_response(impl_->redacted(request), impl_->redacted(sink.response), elapsed);
  return std::move(sink.response);
}

}  // namespace wink
