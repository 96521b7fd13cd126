// HttpClient: base URL + default headers, bearer token, scope checks, retries by how safely a
// request can be replayed (idempotency keys for POST/PATCH the caller lets retry), one
// re-authentication on 401, one step-up on 403 insufficient_scope, and redirects followed by
// hand (redirects.h). Every header is checked before anything is sent.
#include "wink/http_client.h"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <set>

#include "encoding.h"
#include "redirects.h"
#include "retry_loop.h"
#include "secret_registry.h"
#include "token_response.h"
#include "url_util.h"
#include "wink/errors.h"
#include "wink/redact.h"

namespace wink {

namespace {

[[noreturn]] void invalid(const std::string& message) { throw Error(ErrorKind::InvalidArgument, message); }

// The auth-params of the Bearer challenges in WWW-Authenticate (RFC 6750 3, RFC 9110 11.6.1),
// names lower-cased. Good enough for `error` and `scope`; other schemes are skipped.
std::vector<std::pair<std::string, std::string>> bearer_params(const Headers& headers) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, value] : headers) {
    if (!iequals(name, "WWW-Authenticate")) continue;
    std::string_view v = value;
    std::size_t i = 0;
    bool in_bearer = false;
    while (i < v.size()) {
      while (i < v.size() && (v[i] == ' ' || v[i] == ',' || v[i] == '\t')) ++i;
      std::size_t b = i;
      while (i < v.size() && v[i] != '=' && v[i] != ' ' && v[i] != ',') ++i;
      std::string word(v.substr(b, i - b));
      while (i < v.size() && v[i] == ' ') ++i;
      if (i >= v.size() || v[i] != '=') {  // a scheme name
        in_bearer = iequals(word, "Bearer");
        continue;
      }
      ++i;
      while (i < v.size() && v[i] == ' ') ++i;
      std::string val;
      if (i < v.size() && v[i] == '"') {
        for (++i; i < v.size() && v[i] != '"'; ++i) {
          if (v[i] == '\\' && i + 1 < v.size()) ++i;
          val.push_back(v[i]);
        }
        ++i;
      } else {
        while (i < v.size() && v[i] != ',' && v[i] != ' ') val.push_back(v[i++]);
      }
      if (in_bearer) {
        for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.emplace_back(std::move(word), std::move(val));
      }
    }
  }
  return out;
}

// The scopes a 403 insufficient_scope asks for; nullopt when it is not one.
std::optional<std::vector<std::string>> insufficient_scope(const HttpResponse& r, const OperationInfo* op) {
  if (r.status != 403) return std::nullopt;
  auto params = bearer_params(r.headers);
  bool insufficient = false;
  std::vector<std::string> scopes;
  for (const auto& [k, v] : params) {
    if (k == "error" && v == "insufficient_scope") insufficient = true;
    if (k == "scope") scopes = split_scopes(v);
  }
  if (!insufficient) return std::nullopt;
  if (scopes.empty() && op != nullptr)
    for (std::string_view s : op->scopes) scopes.emplace_back(s);
  return scopes;
}

bool is_conditional(const Headers& h) {
  return h.contains("If-Match") || h.contains("If-None-Match") || h.contains("If-Unmodified-Since");
}

}  // namespace

struct HttpClient::Impl {
  ClientOptions options;
  std::string base_url;
  std::string user_agent;
  std::shared_ptr<Transport> transport;
  std::shared_ptr<TokenProvider> tokens;
  std::mutex warned_mu;
  std::set<std::string> warned;  // operations already warned about (ScopePolicy::Warn)
  detail::ScrubbedSecret client_secret;
  std::mutex bearer_mu;
  detail::ScrubbedSecret bearer, previous_bearer;  // scrubbed from everything the runtime reports

  void log(LogLevel level, const std::string& msg) { transport->log(level, msg); }

  void remember_bearer(const std::string& token) {
    std::lock_guard<std::mutex> lk(bearer_mu);
    if (bearer.value() == token) return;
    previous_bearer = std::move(bearer);
    bearer.reset(token);
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
};

HttpClient::HttpClient(ClientOptions options)
    : HttpClient(options, std::make_shared<CurlTransport>(options.transport_options())) {}

HttpClient::HttpClient(ClientOptions options, std::shared_ptr<Transport> transport) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  ClientOptions& o = impl_->options;
  impl_->transport = std::move(transport);
  if (!impl_->transport) throw Error(ErrorKind::Config, "HttpClient: no transport");
  impl_->client_secret.reset(o.client_secret);
  impl_->base_url = o.resolved_api_base_url();
  detail::require_https_or_loopback(impl_->base_url, "API base URL", o.allow_insecure_http);
  impl_->user_agent = o.user_agent();
  for (const auto& [what, value] : {std::pair<const char*, std::string>{"wink_version", o.wink_version},
                                   {"accept", o.accept}, {"User-Agent (sdk_name, ...)", impl_->user_agent}})
    if (!is_header_value(value)) throw Error(ErrorKind::Config, std::string("ClientOptions::") + what + " contains control characters");
  if (!o.idempotency_header.empty() && !is_header_name(o.idempotency_header))
    throw Error(ErrorKind::Config, "ClientOptions::idempotency_header is not an RFC 9110 token");
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
    cc.timeout = o.timeout;
    cc.auth_method = o.token_endpoint_auth;
    cc.retry = o.retry;
    cc.sleep = o.sleep;
    cc.allow_insecure_http = o.allow_insecure_http;
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
  // Message texts are built only when needed: this runs on every call.
  auto name = [&] { return op != nullptr ? std::string(op->operation_id) : method; };
  auto check = [&](const Headers& headers, const char* where) {
    for (const auto& [n, v] : headers)
      if (!is_header_name(n) || !is_header_value(v)) check_headers(headers, name() + ": " + where);
  };

  // Everything the caller or the document controls is checked before any byte is sent (and
  // before a token is fetched).
  if (!is_header_name(method)) invalid(name() + ": the method is not an RFC 9110 token; nothing was sent");
  if (request.path_and_query.empty() || request.path_and_query[0] != '/' ||
      !is_header_value(request.path_and_query) || request.path_and_query.find_first_of(" \t") != std::string::npos)
    invalid(name() + ": the path must start with '/' and contain no spaces or control characters; nothing was sent");
  check(request.headers, "header parameters");
  check(call.extra_headers, "CallOptions::extra_headers");
  if (call.idempotency_key && (call.idempotency_key->empty() || !is_header_value(*call.idempotency_key)))
    invalid(name() + ": CallOptions::idempotency_key is empty or contains control characters; nothing was sent");

  // Requested scopes are known before any network traffic: check them first.
  if (!o.scopes.empty()) im.check_scopes(op, o.scopes, "requested scopes");

  RetryPolicy policy = call.retry.value_or(o.retry);
  if (call.max_attempts) policy.max_attempts = *call.max_attempts;

  HttpRequest req;
  req.method = method;
  req.url = im.base_url + detail::escape_dot_segments(request.path_and_query);
  if (!o.accept.empty()) req.headers.set("Accept", o.accept);
  if (!o.wink_version.empty()) req.headers.set("Wink-Version", o.wink_version);
  req.headers.set("User-Agent", im.user_agent);
  if (!request.body.empty() || !request.content_type.empty())
    req.headers.set("Content-Type", request.content_type.empty() ? "application/octet-stream" : request.content_type);
  // Operation headers, then per-call ones, replace defaults of the same name; repeated names
  // within one list are kept (e.g. several Cookie parameters).
  for (const Headers* extra : {&request.headers, &call.extra_headers}) {
    for (const auto& kv : *extra) req.headers.remove(kv.first);
    for (const auto& [n, v] : *extra) req.headers.add(n, v);
  }
  req.body = request.body;

  // How safely this request can be sent again (wink/retry.h).
  const bool idempotent = is_idempotent_method(method) || (op != nullptr && op->idempotent);
  bool keyed = false;
  if (!idempotent && !o.idempotency_header.empty() && (call.idempotency_key || call.retry_non_idempotent)) {
    req.headers.set(o.idempotency_header, call.idempotency_key ? *call.idempotency_key : detail::uuid_v4());
    keyed = true;
  }
  Replay replay = Replay::NotSent;
  if (is_safe_method(method))
    replay = Replay::Any;
  else if (idempotent || keyed)
    replay = is_conditional(req.headers) ? Replay::Unambiguous : Replay::Any;

  detail::RetryLoop loop(policy, o.sleep, [&im](const std::string& m) { im.log(LogLevel::Info, m); });
  const auto per_attempt = call.timeout.value_or(o.timeout);
  const detail::RedirectRules redirects{o.max_redirects, o.allow_insecure_http};
  bool reauthenticated = false, stepped_up = false;

  for (;;) {
    req.timeout = loop.clip(per_attempt);
    std::string bearer;
    if (im.tokens) {
      AccessToken t = im.tokens->token();
      if (!detail::is_b64token(t.value))
        throw AuthError(name() + ": the token provider returned a token that is not an RFC 6750 b64token; nothing was sent");
      im.remember_bearer(t.value);
      if (t.granted_scopes) im.check_scopes(op, *t.granted_scopes, "scopes granted to the token");
      bearer = t.value;
      req.headers.set("Authorization", "Bearer " + t.value);
    }
    HttpResponse resp;
    try {
      resp = detail::follow_redirects(*im.transport, req, redirects);
    } catch (const TransportError& e) {
      if (loop.after_error(e, replay)) continue;
      if (e.request_sent() && !is_safe_method(method) && is_retryable_transport_code(e.curl_code()))
        throw OutcomeUnknownError(std::string(e.what()) +
                                      "; the request was sent and no answer came, so whether the server acted on it "
                                      "is unknown" +
                                      (replay == Replay::Any ? " (attempts exhausted)"
                                       : replay == Replay::Unambiguous ? " (a conditional request is not resent)"
                                                                       : " (no idempotency key: not resent)"),
                                  e.curl_code());
      throw;
    }
    if (resp.status == 401 && im.tokens && !reauthenticated) {
      // The token may have been revoked or expired early: drop it and try once more.
      reauthenticated = true;
      im.tokens->invalidate(bearer);
      continue;
    }
    if (im.tokens && !stepped_up) {
      if (auto scopes = insufficient_scope(resp, op)) {
        stepped_up = true;
        if (im.tokens->step_up(*scopes)) continue;
      }
    }
    if (may_retry_status(resp.status, replay) &&
        loop.after_response(resp, replay, method + " " + redact_text(request.path_and_query)))
      continue;
    return resp;
  }
}

}  // namespace wink
