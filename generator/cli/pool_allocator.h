// The executable's global operator new/delete (pool_allocator.cpp): what tests can ask of it.
// Linked into wink-codegen only (and its test); the library and the SDK use the system heap.
#pragma once

#include <cstddef>

namespace wink::codegen::pool {

// False under sanitizers (not compiled in) or when the address space could not be reserved.
bool enabled();
// Whether `p` came from the pool (small blocks) rather than from malloc.
bool owns(const void* p);
// The block size a request of `n` bytes gets from the pool; 0 when it goes to malloc.
std::size_t block_bytes(std::size_t n);
// Where the next span will be cut from: memory from here on is not in use yet (it is backed
// ahead of use by a helper thread once the program has allocated a few spans).
const void* frontier();
// The bytes past the frontier that the helper backs once it has caught up (from the span after
// the frontier's up to half its look-ahead at least). {0, 0} when there is no helper.
struct Window {
  std::size_t from, to;
};
Window backed_window();

}  // namespace wink::codegen::pool
