// HttpClient: base URL + default headers, bearer token, scope checks, retries with backoff,
// one re-authentication on 401, and redirects followed by hand so Authorization never reaches
// another origin.
#include "wink/http_client.h"

#include <algorithm>
#include <mutex>
#include <random>
#include <set>
#include <thread>

#include "url_util.h"
#include "wink/errors.h"
#include "wink/redact.h"

namespace wink {

struct HttpClient::Impl {
  ClientOptions options;
  std::string base_url;
  std::shared_ptr<Transport> transport;
  std::shared_ptr<TokenProvider> tokens;
  std::mutex warned_mu;
  std::set<std::string> warned;  // operations already warned about (ScopePolicy::Warn)

  void log(LogLevel level, const std::string& msg) { transport->log(level, msg); }

  void sleep(std::chrono::milliseconds d) {
    if (d.count() <= 0) return;
    if (options.sleep)
      options.sleep(d);
    else
      std::this_thread::sleep_for(d);
  }

  static double unit_random() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
  }

  // ScopePolicy: Enforce -> ScopeError, Warn -> one log line per operation.
  void check_scopes(const OperationInfo* op, const std::vector<std::string>& granted, const char* source) {
    if (op == nullptr || options.scope_policy == ScopePolicy::Off) return;
    for (std::string_view need : op->scopes) {
      if (std::find(granted.begin(), granted.end(), need) != granted.end()) continue;
      std::string msg = "operation " + std::string(op->operation_id) + " needs scope '" + std::string(need) +
                        "', which is not among the " + source;
      if (options.scope_policy == ScopePolicy::Enforce)
        throw ScopeError(msg, std::string(op->operation_id), std::string(need));
      std::lock_guard<std::mutex> lk(warned_mu);
      if (warned.insert(std::string(op->operation_id)).second) log(LogLevel::Warn, msg);
      return;
    }
  }

  HttpResponse follow_redirects(HttpRequest req) {
    for (int hops = 0;; ++hops) {
      HttpResponse r = transport->perform(req);
      const bool redirect = r.status == 301 || r.status == 302 || r.status == 303 || r.status == 307 || r.status == 308;
      const std::string* location = r.headers.find("Location");
      if (!redirect || location == nullptr || location->empty()) return r;
      if (hops >= options.max_redirects)
        throw TransportError(req.method + " " + redact_text(req.url) + ": more than " +
                                 std::to_string(options.max_redirects) + " redirects",
                             47 /* CURLE_TOO_MANY_REDIRECTS */);
      std::string next = detail::resolve_url(req.url, *location);
      auto parts = detail::parse_url(next);
      if (!parts.valid || (parts.scheme != "http" && parts.scheme != "https"))
        throw TransportError(req.method + " " + redact_text(req.url) + ": redirect to an unsupported URL");
      if (!detail::same_origin(req.url, next)) {
        // Credentials are for the API origin only (like curl without UNRESTRICTED_AUTH).
        req.headers.remove("Authorization");
        req.headers.remove("Cookie");
        req.headers.remove("Proxy-Authorization");
      }
      if ((r.status == 303 && !iequals(req.method, "HEAD")) ||
          ((r.status == 301 || r.status == 302) && iequals(req.method, "POST"))) {
        req.method = "GET";
        req.body.clear();
        req.headers.remove("Content-Type");
      }
      req.url = std::move(next);
    }
  }
};

HttpClient::HttpClient(ClientOptions options)
    : HttpClient(options, std::make_shared<CurlTransport>(options.transport_options())) {}

HttpClient::HttpClient(ClientOptions options, std::shared_ptr<Transport> transport) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  ClientOptions& o = impl_->options;
  impl_->transport = std::move(transport);
  if (!impl_->transport) throw Error(ErrorKind::Config, "HttpClient: no transport");
  impl_->base_url = o.resolved_api_base_url();
  if (!detail::parse_url(impl_->base_url).valid)
    throw Error(ErrorKind::Config, "API base URL is not an absolute http(s) URL: " + excerpt(impl_->base_url, 100));
  if (!o.known_scopes.empty()) {
    for (const auto& s : o.scopes)
      if (o.known_scopes.count(s) == 0)
        throw ScopeError("requested scope '" + excerpt(s, 80) + "' is not declared by the API document", {}, s);
  }
  if (o.token_provider) {
    impl_->tokens = o.token_provider;
  } else if (!o.client_id.empty()) {
    ClientCredentialsConfig cc;
    cc.token_url = o.resolved_token_url();
    cc.client_id = o.client_id;
    cc.client_secret = o.client_secret;
    cc.scopes = o.scopes;
    cc.expiry_skew = o.token_expiry_skew;
    impl_->tokens = std::make_shared<ClientCredentialsTokenProvider>(std::move(cc), impl_->transport);
  }
}

HttpClient::~HttpClient() = default;

const ClientOptions& HttpClient::options() const noexcept { return impl_->options; }
const std::shared_ptr<TokenProvider>& HttpClient::token_provider() const noexcept { return impl_->tokens; }
const std::shared_ptr<Transport>& HttpClient::transport() const noexcept { return impl_->transport; }

HttpResponse HttpClient::send(const ApiRequest& request, const CallOptions& call) {
  Impl& im = *impl_;
  const ClientOptions& o = im.options;
  const OperationInfo* op = request.operation;
  std::string method = request.method;
  if (method.empty()) method = op != nullptr && !op->method.empty() ? std::string(op->method) : "GET";

  // Requested scopes are known before any network traffic: check them first.
  if (!o.scopes.empty()) im.check_scopes(op, o.scopes, "requested scopes");

  RetryPolicy policy = call.retry.value_or(o.retry);
  if (call.max_attempts) policy.max_attempts = *call.max_attempts;
  policy.max_attempts = std::max(1, policy.max_attempts);
  const bool idempotent = is_idempotent_method(method) || (op != nullptr && op->idempotent);
  const bool may_retry = idempotent || call.retry_non_idempotent;
  const auto deadline = std::chrono::steady_clock::now() + policy.max_total_time;

  HttpRequest req;
  req.method = method;
  req.url = im.base_url + request.path_and_query;
  req.timeout = call.timeout.value_or(o.timeout);
  if (!o.accept.empty()) req.headers.set("Accept", o.accept);
  if (!o.wink_version.empty()) req.headers.set("Wink-Version", o.wink_version);
  req.headers.set("User-Agent", o.user_agent());
  if (!request.body.empty() || !request.content_type.empty())
    req.headers.set("Content-Type", request.content_type.empty() ? "application/octet-stream" : request.content_type);
  // Operation headers, then per-call ones, replace defaults of the same name; repeated names
  // within one list are kept (e.g. several Cookie parameters).
  for (const Headers* extra : {&request.headers, &call.extra_headers}) {
    for (const auto& kv : *extra) req.headers.remove(kv.first);
    for (const auto& [n, v] : *extra) req.headers.add(n, v);
  }
  req.body = request.body;

  bool reauthenticated = false;
  int attempt = 1;
  // Retries a failed attempt when the policy allows it; false when the caller must give up.
  auto wait_for_retry = [&](std::chrono::milliseconds delay, const std::string& why) {
    if (!may_retry || attempt >= policy.max_attempts) return false;
    if (std::chrono::steady_clock::now() + delay > deadline) return false;
    im.log(LogLevel::Info, why + "; attempt " + std::to_string(attempt + 1) + " of " +
                               std::to_string(policy.max_attempts) + " in " + std::to_string(delay.count()) + " ms");
    im.sleep(delay);
    ++attempt;
    return true;
  };

  for (;;) {
    std::string bearer;
    if (im.tokens) {
      AccessToken t = im.tokens->token();
      if (t.granted_scopes) im.check_scopes(op, *t.granted_scopes, "scopes granted to the token");
      bearer = t.value;
      req.headers.set("Authorization", "Bearer " + t.value);
    }
    HttpResponse resp;
    try {
      resp = im.follow_redirects(req);
    } catch (const TransportError& e) {
      if (is_retryable_transport_code(e.curl_code()) &&
          wait_for_retry(backoff_delay(policy, attempt, Impl::unit_random()), e.what()))
        continue;
      throw;
    }
    if (resp.status == 401 && im.tokens && !reauthenticated) {
      // The token may have been revoked or expired early: drop it and try once more.
      reauthenticated = true;
      im.tokens->invalidate(bearer);
      continue;
    }
    if (is_retryable_status(resp.status)) {
      auto delay = backoff_delay(policy, attempt, Impl::unit_random());
      if (const std::string* ra = resp.headers.find("Retry-After"))
        if (auto parsed = parse_retry_after(*ra)) delay = *parsed;
      std::string why = method + " " + redact_text(request.path_and_query) + " answered HTTP " + std::to_string(resp.status);
      if (wait_for_retry(delay, why)) continue;
    }
    return resp;
  }
}

}  // namespace wink
