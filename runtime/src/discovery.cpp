// Authorization server discovery (RFC 9728 -> RFC 8414 / OpenID discovery) and dynamic client
// registration (RFC 7591). Every URL must be https (or loopback http); the metadata must name
// the resource and issuer it was fetched for (RFC 9728 3.3, RFC 8414 3.3), so that a server
// cannot point the client at someone else's endpoints.
#include <nlohmann/json.hpp>

#include "retry_loop.h"
#include "token_response.h"
#include "url_util.h"
#include "wink/authorization_code.h"
#include "wink/errors.h"
#include "wink/redact.h"

namespace wink {

namespace {

std::string strip_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}

[[noreturn]] void refuse(const std::string& message) { throw AuthError("discovery: " + message); }

void require_secure(const std::string& url, const char* what, const DiscoveryOptions& o) {
  try {
    detail::require_https_or_loopback(url, what, o.allow_insecure_http);
  } catch (const Error& e) {
    refuse(e.what());
  }
}

// GET a JSON object; nullopt on 404 (so callers can try the next well-known location).
std::optional<nlohmann::json> get_json(Transport& t, const std::string& url, const DiscoveryOptions& o) {
  HttpRequest req;
  req.url = url;
  req.headers.set("Accept", "application/json");
  HttpResponse r;
  detail::RetryLoop loop = detail::token_retry_loop(t, o.retry, o.sleep);
  try {
    r = detail::perform_with_retries(t, req, loop, Replay::Any);
  } catch (const TransportError& e) {
    throw AuthError(std::string("discovery failed: ") + e.what(), {}, {}, 0, is_retryable_transport_code(e.curl_code()),
                    e.curl_code());
  }
  if (r.status == 404) return std::nullopt;
  if (r.status < 200 || r.status > 299)
    throw AuthError("discovery: " + redact_text(url) + " answered HTTP " + std::to_string(r.status), {}, {}, r.status,
                    is_retryable_status(r.status));
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (j.is_discarded() || !j.is_object())
    throw AuthError("discovery: " + redact_text(url) + " did not answer a JSON object", {}, {}, r.status);
  return j;
}

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// RFC 8414 section 3: the well-known segment goes between host and path.
std::string well_known(const std::string& base, const std::string& name) {
  auto p = detail::parse_url(base);
  std::string b = strip_slash(base);
  if (!p.valid) return b + "/.well-known/" + name;
  auto path_at = b.find('/', b.find("://") + 3);
  if (path_at == std::string::npos) return b + "/.well-known/" + name;
  return b.substr(0, path_at) + "/.well-known/" + name + b.substr(path_at);
}

}  // namespace

AuthorizationServerMetadata fetch_authorization_server_metadata(Transport& t, const std::string& issuer,
                                                                const DiscoveryOptions& o) {
  require_secure(issuer, "issuer", o);
  auto j = get_json(t, well_known(issuer, "oauth-authorization-server"), o);
  if (!j) j = get_json(t, strip_slash(issuer) + "/.well-known/openid-configuration", o);
  if (!j) refuse("no authorization server metadata at " + redact_text(issuer));
  AuthorizationServerMetadata m;
  m.issuer = str(*j, "issuer");
  m.authorization_endpoint = str(*j, "authorization_endpoint");
  m.token_endpoint = str(*j, "token_endpoint");
  m.registration_endpoint = str(*j, "registration_endpoint");
  if (auto it = j->find("code_challenge_methods_supported"); it != j->end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) m.code_challenge_methods_supported.push_back(v.get<std::string>());
  if (auto it = j->find("authorization_response_iss_parameter_supported"); it != j->end() && it->is_boolean())
    m.authorization_response_iss_parameter_supported = it->get<bool>();
  if (strip_slash(m.issuer) != strip_slash(issuer))
    refuse("the metadata of " + excerpt(issuer, 100) + " names another issuer (" + excerpt(m.issuer, 100) +
           "); refusing it (RFC 8414 3.3)");
  if (m.authorization_endpoint.empty() || m.token_endpoint.empty())
    refuse("metadata of " + redact_text(issuer) + " lacks authorization or token endpoint");
  require_secure(m.authorization_endpoint, "authorization endpoint", o);
  require_secure(m.token_endpoint, "token endpoint", o);
  if (!m.registration_endpoint.empty()) require_secure(m.registration_endpoint, "registration endpoint", o);
  return m;
}

AuthorizationServerMetadata discover_authorization_server(Transport& t, const std::string& resource_url,
                                                          const DiscoveryOptions& o) {
  require_secure(resource_url, "resource", o);
  auto prm = get_json(t, well_known(resource_url, "oauth-protected-resource"), o);
  if (!prm) refuse(redact_text(resource_url) + " publishes no oauth-protected-resource metadata");
  const std::string resource = str(*prm, "resource");
  if (strip_slash(resource) != strip_slash(resource_url))
    refuse("the protected resource metadata at " + excerpt(resource_url, 100) + " is for another resource (" +
           excerpt(resource, 100) + "); refusing it (RFC 9728 3.3)");
  std::string issuer;
  auto it = prm->find("authorization_servers");
  if (it != prm->end() && it->is_array() && !it->empty() && (*it)[0].is_string()) issuer = (*it)[0].get<std::string>();
  if (issuer.empty()) refuse(redact_text(resource_url) + " names no authorization server");
  return fetch_authorization_server_metadata(t, issuer, o);
}

ClientRegistration register_client(Transport& t, const std::string& endpoint, const std::string& client_name,
                                   const std::vector<std::string>& redirect_uris, const DiscoveryOptions& o) {
  require_secure(endpoint, "registration endpoint", o);
  nlohmann::json body{{"client_name", client_name},
                      {"redirect_uris", redirect_uris},
                      {"grant_types", {"authorization_code", "refresh_token"}},
                      {"response_types", {"code"}},
                      {"token_endpoint_auth_method", "none"}};
  HttpRequest req;
  req.method = "POST";
  req.url = endpoint;
  req.headers.set("Content-Type", "application/json");
  req.headers.set("Accept", "application/json");
  req.body = body.dump();
  HttpResponse r;
  detail::RetryLoop loop = detail::token_retry_loop(t, o.retry, o.sleep);
  try {
    // Each registration creates a client: only failures before anything was sent are retried.
    r = detail::perform_with_retries(t, req, loop, Replay::NotSent);
  } catch (const TransportError& e) {
    throw AuthError(std::string("client registration failed: ") + e.what(), {}, {}, 0,
                    is_retryable_transport_code(e.curl_code()), e.curl_code());
  }
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status < 200 || r.status > 299 || j.is_discarded() || !j.is_object() || str(j, "client_id").empty()) {
    std::string err = j.is_object() ? excerpt(str(j, "error"), 80) : std::string();
    std::string desc = j.is_object() ? excerpt(str(j, "error_description"), 200) : std::string();
    AuthError e("client registration answered HTTP " + std::to_string(r.status) + (err.empty() ? "" : ": " + err), err,
                desc, r.status, is_retryable_status(r.status));
    e.set_response(detail::redacted_response(r));
    throw e;
  }
  return ClientRegistration{str(j, "client_id"), str(j, "client_secret")};
}

}  // namespace wink
