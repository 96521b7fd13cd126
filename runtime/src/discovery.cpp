// Authorization server discovery (RFC 9728 -> RFC 8414 / OpenID discovery) and dynamic client
// registration (RFC 7591).
#include <nlohmann/json.hpp>

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

// GET a JSON object; nullopt on 404 (so callers can try the next well-known location).
std::optional<nlohmann::json> get_json(Transport& t, const std::string& url) {
  HttpRequest req;
  req.url = url;
  req.headers.set("Accept", "application/json");
  HttpResponse r;
  try {
    r = t.perform(req);
  } catch (const TransportError& e) {
    throw AuthError(std::string("discovery failed: ") + e.what());
  }
  if (r.status == 404) return std::nullopt;
  if (r.status < 200 || r.status > 299)
    throw AuthError("discovery: " + redact_text(url) + " answered HTTP " + std::to_string(r.status), {}, {}, r.status);
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

AuthorizationServerMetadata fetch_authorization_server_metadata(Transport& t, const std::string& issuer) {
  auto j = get_json(t, well_known(issuer, "oauth-authorization-server"));
  if (!j) j = get_json(t, strip_slash(issuer) + "/.well-known/openid-configuration");
  if (!j) throw AuthError("discovery: no authorization server metadata at " + redact_text(issuer));
  AuthorizationServerMetadata m;
  m.issuer = str(*j, "issuer");
  m.authorization_endpoint = str(*j, "authorization_endpoint");
  m.token_endpoint = str(*j, "token_endpoint");
  m.registration_endpoint = str(*j, "registration_endpoint");
  if (auto it = j->find("code_challenge_methods_supported"); it != j->end() && it->is_array())
    for (const auto& v : *it)
      if (v.is_string()) m.code_challenge_methods_supported.push_back(v.get<std::string>());
  if (m.authorization_endpoint.empty() || m.token_endpoint.empty())
    throw AuthError("discovery: metadata of " + redact_text(issuer) + " lacks authorization or token endpoint");
  return m;
}

AuthorizationServerMetadata discover_authorization_server(Transport& t, const std::string& resource_url) {
  auto prm = get_json(t, well_known(resource_url, "oauth-protected-resource"));
  std::string issuer;
  if (prm) {
    auto it = prm->find("authorization_servers");
    if (it != prm->end() && it->is_array() && !it->empty() && (*it)[0].is_string()) issuer = (*it)[0].get<std::string>();
  }
  if (issuer.empty())
    throw AuthError("discovery: " + redact_text(resource_url) + " publishes no oauth-protected-resource metadata");
  return fetch_authorization_server_metadata(t, issuer);
}

ClientRegistration register_client(Transport& t, const std::string& endpoint, const std::string& client_name,
                                   const std::vector<std::string>& redirect_uris) {
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
  try {
    r = t.perform(req);
  } catch (const TransportError& e) {
    throw AuthError(std::string("client registration failed: ") + e.what());
  }
  auto j = nlohmann::json::parse(r.body, nullptr, false);
  if (r.status < 200 || r.status > 299 || j.is_discarded() || !j.is_object() || str(j, "client_id").empty()) {
    std::string err = j.is_object() ? str(j, "error") : std::string();
    std::string desc = j.is_object() ? excerpt(str(j, "error_description"), 200) : std::string();
    AuthError e("client registration answered HTTP " + std::to_string(r.status) + (err.empty() ? "" : ": " + err), err,
                desc, r.status);
    e.set_response(detail::redacted_response(r));
    throw e;
  }
  return ClientRegistration{str(j, "client_id"), str(j, "client_secret")};
}

}  // namespace wink
