// The generator's operator new/delete: a size-class pool allocator for the executable only.
//
// Why: a generator run makes about a million small allocations (document nodes, names, types,
// mustache data) and frees most of them again; glibc malloc spent a quarter of the run in
// malloc/free/consolidation. Here a small allocation is a pop from a per-thread free list or a
// bump in a per-thread span, and a free is a push: no locks, no headers, no coalescing.
//
// How: one virtual region is reserved up front (pages are only backed when touched). It is cut
// into 64 KiB spans; each span serves one size class, recorded in a table indexed by span, so
// delete finds the class from the address alone. A request above 32 KiB gets a run of whole
// spans (up to 1 MiB; a run of k spans is a class of its own, with its own free list), so that
// the rendered files and the bigger vectors also come from memory backed ahead. Larger requests,
// and everything once the region is used up (or could not be reserved), go to malloc; delete
// sends any address outside the region to free. Memory is reused within the process but never
// returned to the system, which suits a short-lived command-line tool. A helper thread backs the region ahead of use
// (see page_ahead), so that page faults overlap the work on another core.
//
// Not compiled under sanitizers: they need to see every allocation themselves.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define WINK_CODEGEN_NO_POOL 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WINK_CODEGEN_NO_POOL 1
#endif

#include "cli/pool_allocator.h"

#ifndef WINK_CODEGEN_NO_POOL

#include <pthread.h>
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>

namespace {

constexpr std::size_t kSpanShift = 16;  // 64 KiB spans
constexpr std::size_t kSpanBytes = std::size_t{1} << kSpanShift;
constexpr std::size_t kRegionBytes = std::size_t{4} << 30;  // 4 GiB of address space
constexpr std::size_t kSpans = kRegionBytes / kSpanBytes;
constexpr std::size_t kLargest = 32 * 1024;  // larger requests get runs of spans
constexpr std::size_t kRunSpans = 16;        // runs up to 1 MiB; larger requests go to malloc

// Size classes: 16-byte steps up to 1 KiB, then four classes per doubling up to 32 KiB.
constexpr std::size_t kSmallClasses = 1024 / 16;     // classes 1..64
constexpr std::size_t kClasses = kSmallClasses + 1 + 4 * 5;  // + 1280 ... 32768
constexpr std::size_t kAllClasses = kClasses + kRunSpans;    // + runs of 1 ... 16 spans
static_assert(kAllClasses <= 256, "span_class holds a class in a byte");

// Runs: a request above kLargest takes whole spans; a run of k spans is class kClasses + k - 1.
constexpr std::size_t run_spans(std::size_t n) { return (n + kSpanBytes - 1) >> kSpanShift; }
constexpr std::size_t run_class(std::size_t spans) { return kClasses + spans - 1; }

constexpr std::size_t class_size(std::size_t c) {
  if (c <= kSmallClasses) return c * 16;
  std::size_t k = c - kSmallClasses - 1;  // 0 = 1280
  std::size_t base = std::size_t{1024} << (k / 4);
  return base + base / 4 * (k % 4 + 1);
}

inline std::size_t class_of(std::size_t n) {
  if (n <= 1024) return n == 0 ? 1 : (n + 15) / 16;
  // Highest power of two below n gives the doubling; the quarter within it gives the step.
  std::size_t doubling = 63 - static_cast<std::size_t>(__builtin_clzll(n - 1));  // n-1 in [2^d, 2^(d+1))
  std::size_t base = std::size_t{1} << doubling;
  std::size_t step = (n - 1 - base) / (base / 4);  // 0..3
  return kSmallClasses + 1 + (doubling - 10) * 4 + step;
}

struct Region {
  char* base = nullptr;
  std::atomic<std::size_t> next_span{0};
  // Page-ahead: spans [0, wanted) should be backed by memory; a helper thread backs them.
  std::atomic<std::uint32_t> wanted{0};
  std::atomic<bool> helper_started{false};
  std::uint8_t span_class[kSpans] = {};
};

Region& region() {
  // Constructed on first use (before main, by the first allocation) and never destroyed:
  // allocations may still be freed while static destructors run.
  alignas(Region) static unsigned char storage[sizeof(Region)];
  static Region* r = [] {
    Region* made = new (storage) Region;
    void* p = mmap(nullptr, kRegionBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p != MAP_FAILED) made->base = static_cast<char*>(p);
    return made;
  }();
  return *r;
}

struct FreeBlock {
  FreeBlock* next;
};

// Zero-initialised, so no thread needs a constructor before its first allocation.
struct ThreadCache {
  FreeBlock* free[kAllClasses];
  char* bump[kClasses];
  char* bump_end[kClasses];
};
thread_local ThreadCache cache;

// Page-ahead. Touching fresh memory costs a page fault per 4 KiB, and the faults (the kernel
// zeroing pages) were a sixth of a generator run, mostly in the single-threaded stages. A helper
// thread keeps the memory the next spans will use backed in advance, so that on a second core
// the faults overlap the work instead of interrupting it. It stays kAheadSpans ahead (RSS grows
// by at most that much), works kChunkSpans at a time (so that it skips what the program took
// meanwhile) and starts once the program has used kHelperAfterSpans (small runs never start it).
constexpr std::uint32_t kAheadSpans = 64;        // 4 MiB
constexpr std::uint32_t kChunkSpans = 4;         // 256 KiB
constexpr std::uint32_t kHelperAfterSpans = 1;

// Backs [from, from + bytes): MADV_POPULATE_WRITE fills the page tables (~0.8 us a page here),
// but under shadow paging (this VM: a PVM guest) the first access from user space still costs
// ~4 us a page (a write fault without populating, ~10 us), so the helper also reads a byte of
// each page. A span may be handed out while it is being read; the byte read is discarded.
bool back(char* from, std::size_t bytes) {
  if (madvise(from, bytes, MADV_POPULATE_WRITE) != 0) return false;
  for (std::size_t at = 0; at < bytes; at += 4096) (void)__atomic_load_n(from + at, __ATOMIC_RELAXED);
  return true;
}

void* populate_ahead(void*) {
  Region& r = region();
  std::uint32_t done = 0;
  for (;;) {
    std::uint32_t wanted = r.wanted.load(std::memory_order_acquire);
    if (wanted <= done) {
      r.wanted.wait(wanted, std::memory_order_acquire);
      continue;
    }
    // Spans the program has taken already it has touched itself.
    done = std::max<std::uint32_t>(done, static_cast<std::uint32_t>(r.next_span.load(std::memory_order_relaxed)));
    if (done >= wanted) continue;
    const std::uint32_t spans = std::min(wanted - done, kChunkSpans);
    if (!back(r.base + (std::size_t{done} << kSpanShift), std::size_t{spans} << kSpanShift))
      return nullptr;  // not supported here (Linux < 5.14): faults stay where they are
    done += spans;
  }
}

void page_ahead(Region& r, std::size_t span) {
  if (span < kHelperAfterSpans || span + kAheadSpans / 2 < r.wanted.load(std::memory_order_relaxed)) return;
  if (!r.helper_started.exchange(true)) {
    pthread_attr_t attr;
    pthread_t thread;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    if (pthread_create(&thread, &attr, populate_ahead, nullptr) != 0) r.wanted.store(kSpans);  // never again
    pthread_attr_destroy(&attr);
  }
  auto target = static_cast<std::uint32_t>(std::min<std::size_t>(span + kAheadSpans, kSpans));
  if (target > r.wanted.load(std::memory_order_relaxed)) {
    r.wanted.store(target, std::memory_order_release);
    r.wanted.notify_one();
  }
}

void* allocate_from_new_span(std::size_t c) {
  Region& r = region();
  if (!r.base) return nullptr;
  std::size_t span = r.next_span.fetch_add(1, std::memory_order_relaxed);
  if (span >= kSpans) return nullptr;
  page_ahead(r, span);
  r.span_class[span] = static_cast<std::uint8_t>(c);
  char* start = r.base + (span << kSpanShift);
  std::size_t size = class_size(c);
  cache.bump[c] = start + size;
  cache.bump_end[c] = start + kSpanBytes / size * size;
  return start;
}

// A run of `spans` whole spans; its class is recorded at its first span.
void* allocate_run(std::size_t spans) {
  Region& r = region();
  if (!r.base) return nullptr;
  std::size_t span = r.next_span.fetch_add(spans, std::memory_order_relaxed);
  if (span + spans > kSpans) return nullptr;
  page_ahead(r, span + spans - 1);
  r.span_class[span] = static_cast<std::uint8_t>(run_class(spans));
  return r.base + (span << kSpanShift);
}

void* allocate(std::size_t n) {
  if (n <= kLargest) {
    std::size_t c = class_of(n);
    if (FreeBlock* b = cache.free[c]) {
      cache.free[c] = b->next;
      return b;
    }
    if (cache.bump[c] != cache.bump_end[c]) {
      char* p = cache.bump[c];
      cache.bump[c] = p + class_size(c);
      return p;
    }
    if (void* p = allocate_from_new_span(c)) return p;
  } else if (n <= kRunSpans * kSpanBytes) {
    const std::size_t spans = run_spans(n);
    if (FreeBlock* b = cache.free[run_class(spans)]) {
      cache.free[run_class(spans)] = b->next;
      return b;
    }
    if (void* p = allocate_run(spans)) return p;
  }
  return std::malloc(n == 0 ? 1 : n);
}

void deallocate(void* p) noexcept {
  if (!p) return;
  Region& r = region();
  // Unsigned arithmetic: an address below the region wraps around to a huge offset.
  std::size_t offset = reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(r.base);
  if (!r.base || offset >= kRegionBytes) {
    std::free(p);
    return;
  }
  std::size_t c = r.span_class[offset >> kSpanShift];
  auto* b = static_cast<FreeBlock*>(p);
  b->next = cache.free[c];
  cache.free[c] = b;
}

void* allocate_or_throw(std::size_t n) {
  if (void* p = allocate(n)) return p;
  throw std::bad_alloc();
}

}  // namespace

namespace wink::codegen::pool {

bool enabled() { return region().base != nullptr; }

bool owns(const void* p) {
  const Region& r = region();
  return r.base && reinterpret_cast<std::uintptr_t>(p) - reinterpret_cast<std::uintptr_t>(r.base) < kRegionBytes;
}

std::size_t block_bytes(std::size_t n) {
  if (n <= kLargest) return class_size(class_of(n));
  return n <= kRunSpans * kSpanBytes ? run_spans(n) << kSpanShift : 0;
}

const void* frontier() {
  const Region& r = region();
  return r.base ? r.base + (r.next_span.load() << kSpanShift) : nullptr;
}

Window backed_window() {
  return {kSpanBytes, std::size_t{kAheadSpans / 2} << kSpanShift};
}

}  // namespace wink::codegen::pool

void* operator new(std::size_t n) { return allocate_or_throw(n); }
void* operator new[](std::size_t n) { return allocate_or_throw(n); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return allocate(n); }
void operator delete(void* p) noexcept { deallocate(p); }
void operator delete[](void* p) noexcept { deallocate(p); }
void operator delete(void* p, std::size_t) noexcept { deallocate(p); }
void operator delete[](void* p, std::size_t) noexcept { deallocate(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { deallocate(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { deallocate(p); }

#else

namespace wink::codegen::pool {
bool enabled() { return false; }
bool owns(const void*) { return false; }
std::size_t block_bytes(std::size_t) { return 0; }
const void* frontier() { return nullptr; }
Window backed_window() { return {0, 0}; }
}  // namespace wink::codegen::pool

#endif  // WINK_CODEGEN_NO_POOL
