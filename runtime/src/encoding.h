// Internal encoders: form-urlencoding (RFC 6749 appendix B), base64/base64url, SHA-256 and a
// CSPRNG. Written here so the runtime needs no crypto library beyond what libcurl brings.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wink::detail {

// application/x-www-form-urlencoded: unreserved characters kept, space -> '+', rest %XX.
std::string form_urlencode(std::string_view s);
// Percent-encoding for URL query values (space -> %20).
std::string percent_encode(std::string_view s);
// Decodes %XX (and '+' -> ' ' when `plus_is_space`).
std::string percent_decode(std::string_view s, bool plus_is_space = true);
// Splits "a=1&b=2" into decoded pairs.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view s);

std::string base64_encode(std::string_view data);
std::string base64url_encode(std::string_view data);  // no padding

std::array<std::uint8_t, 32> sha256(std::string_view data);

// Cryptographically secure random bytes (the OS CSPRNG, platform/random.h).
std::string random_bytes(std::size_t n);
// A random (version 4) UUID from the CSPRNG, lower-case: idempotency keys.
std::string uuid_v4();

}  // namespace wink::detail
