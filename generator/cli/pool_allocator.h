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

}  // namespace wink::codegen::pool
