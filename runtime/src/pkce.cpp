// PKCE (RFC 7636) S256 pairs and random URL-safe tokens from the OS CSPRNG.
#include "encoding.h"
#include "wink/authorization_code.h"

namespace wink {

std::string random_url_token(std::size_t bytes) { return detail::base64url_encode(detail::random_bytes(bytes)); }

std::string pkce_challenge_s256(const std::string& verifier) {
  auto d = detail::sha256(verifier);
  return detail::base64url_encode(std::string(reinterpret_cast<const char*>(d.data()), d.size()));
}

PkcePair make_pkce() {
  PkcePair p;
  p.verifier = random_url_token(32);  // 43 characters, within RFC 7636's 43..128
  p.challenge = pkce_challenge_s256(p.verifier);
  return p;
}

}  // namespace wink
