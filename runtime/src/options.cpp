// ClientOptions: environment URLs, User-Agent and WINK_* environment variables.
#include <curl/curl.h>

#include <cstdlib>

#include "wink/errors.h"
#include "wink/options.h"
#include "wink/redact.h"

#ifndef WINK_RUNTIME_VERSION
#define WINK_RUNTIME_VERSION "0.0.0"
#endif

namespace wink {

namespace {
std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v == nullptr ? std::string() : std::string(v);
}
std::string strip_slash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}
std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}
}  // namespace

ClientOptions ClientOptions::from_env() {
  ClientOptions o;
  o.client_id = env("WINK_CLIENT_ID");
  o.client_secret = env("WINK_CLIENT_SECRET");
  std::string e = env("WINK_ENVIRONMENT");
  if (!e.empty()) {
    std::string l = lower(e);
    if (l == "production") {
      o.environment = Environment::Production;
    } else if (l == "staging") {
      o.environment = Environment::Staging;
    } else {
      throw Error(ErrorKind::Config,
                  "WINK_ENVIRONMENT must be 'production' or 'staging', not '" + excerpt(e, 40) + "'");
    }
  }
  o.api_base_url = env("WINK_API_BASE_URL");
  o.token_url = env("WINK_TOKEN_URL");
  o.scopes = split_scopes(env("WINK_SCOPE"));
  return o;
}

std::string ClientOptions::resolved_api_base_url() const {
  if (!api_base_url.empty()) return strip_slash(api_base_url);
  return environment == Environment::Staging ? kStagingApiBaseUrl : kProductionApiBaseUrl;
}

std::string ClientOptions::resolved_token_url() const {
  if (!token_url.empty()) return token_url;
  return environment == Environment::Staging ? kStagingTokenUrl : kProductionTokenUrl;
}

std::string ClientOptions::user_agent() const {
  const curl_version_info_data* info = curl_version_info(CURLVERSION_NOW);
  std::string ua = sdk_name + "/" + sdk_version + " wink-codegen/" + generator_version + " wink-spec/" + spec_version +
                   " wink-runtime/" WINK_RUNTIME_VERSION;
  if (info != nullptr && info->version != nullptr) ua += std::string(" libcurl/") + info->version;
  return ua;
}

TransportOptions ClientOptions::transport_options() const {
  TransportOptions t;
  t.connect_timeout = connect_timeout;
  t.timeout = timeout;
  t.stall_timeout = stall_timeout;
  t.verify_tls = verify_tls;
  t.ca_bundle_path = ca_bundle_path;
  t.max_response_body_bytes = max_response_body_bytes;
  t.user_agent = user_agent();
  if (!client_secret.empty()) t.secrets.push_back(client_secret);
  t.on_request = on_request;
  t.on_response = on_response;
  t.logger = logger;
  return t;
}

}  // namespace wink
