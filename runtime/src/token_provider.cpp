// Static and client-credentials token providers. Single flight: the first caller that finds no
// valid token becomes the leader and fetches; everyone else waits on the same shared_future, so
// a burst of callers causes exactly one token request.
#include <future>
#include <mutex>

#include "encoding.h"
#include "secret_registry.h"
#include "token_response.h"
#include "url_util.h"
#include "wink/errors.h"
#include "wink/scopes.h"
#include "wink/token_provider.h"

namespace wink {

StaticTokenProvider::StaticTokenProvider(std::string token, std::optional<std::vector<std::string>> granted_scopes) {
  token_.value = std::move(token);
  if (!detail::is_b64token(token_.value))
    throw Error(ErrorKind::Config, "StaticTokenProvider: the token is not an RFC 6750 b64token");
  token_.granted_scopes = std::move(granted_scopes);
}

AccessToken StaticTokenProvider::token() { return token_; }
void StaticTokenProvider::invalidate(const std::string&) {}

struct ClientCredentialsTokenProvider::State {
  detail::ScrubbedSecret secret;
  detail::ScrubbedSecret current, previous;  // tokens in use may still appear in answers
  std::mutex mu;
  std::optional<AccessToken> cached;
  std::shared_future<AccessToken> inflight;  // valid() while a request is under way
  std::size_t requests = 0;
};

ClientCredentialsTokenProvider::ClientCredentialsTokenProvider(ClientCredentialsConfig config,
                                                               std::shared_ptr<Transport> transport)
    : config_(std::move(config)), transport_(std::move(transport)), state_(std::make_unique<State>()) {
  if (config_.token_url.empty()) throw Error(ErrorKind::Config, "client credentials: token URL is empty");
  if (config_.client_id.empty()) throw Error(ErrorKind::Config, "client credentials: client id is empty");
  if (!transport_) throw Error(ErrorKind::Config, "client credentials: no transport");
  detail::require_https_or_loopback(config_.token_url, "client credentials: token URL", config_.allow_insecure_http);
  state_->secret.reset(config_.client_secret);
}

ClientCredentialsTokenProvider::~ClientCredentialsTokenProvider() = default;

std::size_t ClientCredentialsTokenProvider::requests_sent() const {
  std::lock_guard<std::mutex> lk(state_->mu);
  return state_->requests;
}

void ClientCredentialsTokenProvider::invalidate(const std::string& token) {
  std::lock_guard<std::mutex> lk(state_->mu);
  if (state_->cached && state_->cached->value == token) state_->cached.reset();
}

AccessToken ClientCredentialsTokenProvider::token() {
  std::shared_ptr<std::promise<AccessToken>> leader;
  std::shared_future<AccessToken> waiting;
  {
    std::lock_guard<std::mutex> lk(state_->mu);
    if (state_->cached && std::chrono::steady_clock::now() < state_->cached->refresh_at) return *state_->cached;
    if (!state_->inflight.valid()) {
      leader = std::make_shared<std::promise<AccessToken>>();
      state_->inflight = leader->get_future().share();
      ++state_->requests;
    }
    waiting = state_->inflight;
  }
  if (leader) {
    try {
      Headers h;
      std::string body = "grant_type=client_credentials";
      if (!config_.scopes.empty()) body += "&scope=" + detail::form_urlencode(join_scopes(config_.scopes));
      detail::add_client_authentication(config_.auth_method, config_.client_id, config_.client_secret, h, body);
      detail::TokenRequestOptions request;
      request.timeout = config_.timeout;
      request.retry = config_.retry;
      request.sleep = config_.sleep;
      const auto started = std::chrono::steady_clock::now();
      HttpResponse resp = detail::post_token_request(*transport_, config_.token_url, std::move(h), std::move(body), request);
      AccessToken t = detail::parse_token_response(resp, config_.expiry_skew, started, {config_.client_secret}).token;
      if (!t.granted_scopes && !config_.scopes.empty()) t.granted_scopes = config_.scopes;  // RFC 6749 5.1
      {
        std::lock_guard<std::mutex> lk(state_->mu);
        state_->previous = std::move(state_->current);
        state_->current.reset(t.value);
        state_->cached = t;
        state_->inflight = {};
      }
      leader->set_value(t);
    } catch (...) {
      {
        std::lock_guard<std::mutex> lk(state_->mu);
        state_->inflight = {};
      }
      leader->set_exception(std::current_exception());
    }
  }
  return waiting.get();
}

}  // namespace wink
