// wink::HttpClient: the libcurl-based wink::Client generated SDKs use.
#pragma once

#include <memory>

#include "wink/client.h"
#include "wink/options.h"
#include "wink/token_provider.h"
#include "wink/transport.h"

namespace wink {

// One instance is meant to be shared by every thread of a program: send() is thread-safe,
// connections are kept alive and reused, and one token is fetched per token lifetime.
class HttpClient : public Client {
 public:
  // Throws wink::ScopeError when a requested scope is not in options.known_scopes and
  // wink::Error (Config) when the options are unusable.
  explicit HttpClient(ClientOptions options);
  // With a transport of your own (tests, custom stacks).
  HttpClient(ClientOptions options, std::shared_ptr<Transport> transport);
  ~HttpClient() override;
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  HttpResponse send(const ApiRequest& request, const CallOptions& options) override;
  HttpResponse send(const ApiRequest& request) { return send(request, CallOptions{}); }

  const ClientOptions& options() const noexcept;
  const std::shared_ptr<TokenProvider>& token_provider() const noexcept;
  const std::shared_ptr<Transport>& transport() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wink
