// Platform seam: the operating system's cryptographically secure random number generator
// (PKCE verifiers, `state`, idempotency keys). POSIX: random_posix.cpp.
#pragma once

#include <cstddef>

namespace wink::platform {

// Fills `out` with `size` CSPRNG bytes; throws wink::Error (Config) when the OS has none.
void secure_random(void* out, std::size_t size);

}  // namespace wink::platform
