// Internal: the secrets the runtime currently holds (access and refresh tokens, authorization
// codes, PKCE verifiers, client secrets). While a ScrubbedSecret holds a value, redact_text()
// replaces it wherever it appears, so a server that echoes a token without a key cannot get it
// into an error text, a hook payload or a log line.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace wink::detail {

class ScrubbedSecret {
 public:
  ScrubbedSecret() = default;
  explicit ScrubbedSecret(std::string value) { reset(std::move(value)); }
  ScrubbedSecret(ScrubbedSecret&& other) noexcept : value_(std::move(other.value_)) { other.value_.clear(); }
  ScrubbedSecret& operator=(ScrubbedSecret&& other) noexcept;
  ScrubbedSecret(const ScrubbedSecret&) = delete;
  ScrubbedSecret& operator=(const ScrubbedSecret&) = delete;
  ~ScrubbedSecret() { reset(); }

  // Stops scrubbing the old value (unless someone else still holds it) and starts on the new one.
  // Values shorter than 4 bytes are not scrubbed (they would mangle ordinary text).
  void reset(std::string value = {});
  const std::string& value() const noexcept { return value_; }

 private:
  std::string value_;
};

// The values held right now, longest first (a consistent snapshot; cheap to take).
std::shared_ptr<const std::vector<std::string>> scrubbed_secrets();

}  // namespace wink::detail
