// One HTTP exchange, no auth and no retries: the layer below wink::HttpClient and the token
// providers. CurlTransport is safe to share between threads.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "wink/http.h"

namespace wink {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute; sent as it is (dot segments are not removed)
  Headers headers;  // names must be RFC 9110 tokens, values free of control characters
  std::string body;
  std::optional<std::chrono::milliseconds> timeout;  // total for this exchange; default: transport's
};

enum class LogLevel { Debug, Info, Warn, Error };

// Hooks see copies in which Authorization/Cookie headers, token and secret fields and the
// configured secrets are replaced by "[REDACTED]". They may be called from several threads.
using LogHook = std::function<void(LogLevel, const std::string& message)>;
using RequestHook = std::function<void(const HttpRequest& redacted)>;
using ResponseHook = std::function<void(const HttpRequest& redacted_request, const HttpResponse& redacted_response,
                                        std::chrono::milliseconds elapsed)>;

struct TransportOptions {
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{60000};         // total per exchange; 0 = none
  // An exchange during which no byte moves in either direction for this long fails like a
  // timeout (checked about once a second); 0 = off.
  std::chrono::milliseconds stall_timeout{30000};
  bool verify_tls = true;                           // false logs a warning once
  std::string ca_bundle_path;                       // PEM bundle replacing the system store
  std::size_t max_response_body_bytes = 64u << 20;  // larger bodies -> TransportError
  std::string user_agent;                           // sent when the request has none
  std::vector<std::string> secrets;                 // literal values scrubbed from hook/log text
  RequestHook on_request;
  ResponseHook on_response;
  LogHook logger;                                   // unset: warnings and errors go to stderr
  std::size_t max_idle_handles = 16;                // curl handles (and their connections) kept
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Throws wink::TransportError when there is no complete HTTP response (saying whether the
  // request may have been sent), wink::Error (InvalidArgument) for a header that is not allowed.
  // Does not follow redirects.
  virtual HttpResponse perform(const HttpRequest& request) = 0;
  virtual void log(LogLevel level, const std::string& message) const;
};

// libcurl-based transport. Easy handles are pooled so connections are kept alive and reused;
// DNS and TLS sessions are shared through a locked curl share handle. Proxies come from the
// usual environment variables (http_proxy, https_proxy, no_proxy) as libcurl reads them.
// Constructing one sets SIGPIPE to "ignored" unless the program handles it (platform/signals.h).
class CurlTransport : public Transport {
 public:
  explicit CurlTransport(TransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  HttpResponse perform(const HttpRequest& request) override;
  void log(LogLevel level, const std::string& message) const override;
  const TransportOptions& options() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace wink
