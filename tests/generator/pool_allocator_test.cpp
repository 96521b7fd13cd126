// The generator executable's operator new/delete (generator/cli/pool_allocator.cpp), linked into
// this test the same way: every `new` below goes through it.
#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cli/pool_allocator.h"

namespace pool = wink::codegen::pool;

namespace {

#define SKIP_WITHOUT_POOL() \
  if (!pool::enabled()) GTEST_SKIP() << "the pool allocator is not compiled in (sanitizer build)"

std::uint8_t pattern(std::size_t block, std::size_t i) { return static_cast<std::uint8_t>(block * 31 + i * 7 + 1); }

}  // namespace

TEST(PoolAllocator, EverySizeGetsAnAlignedBlockOfAtLeastThatSize) {
  SKIP_WITHOUT_POOL();
  for (std::size_t n = 0; n <= 1200 * 1024; n += (n < 2100 ? 1 : n < 40000 ? 97 : 4093)) {
    std::size_t block = pool::block_bytes(n);
    void* p = ::operator new(n);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % 16, 0u) << n;
    if (n <= 32 * 1024) {
      EXPECT_TRUE(pool::owns(p)) << n;
      EXPECT_GE(block, n == 0 ? 1 : n) << n;
      // Classes are 16 bytes apart up to 1 KiB, then a quarter of a doubling: little waste.
      EXPECT_LE(block, n <= 1024 ? n + 16 : n + n / 4 + 16) << n;
    } else if (n <= 1024 * 1024) {
      // Whole 64 KiB spans.
      EXPECT_TRUE(pool::owns(p)) << n;
      EXPECT_EQ(block % (64 * 1024), 0u) << n;
      EXPECT_GE(block, n) << n;
      EXPECT_LT(block, n + 64 * 1024) << n;
    } else {
      EXPECT_FALSE(pool::owns(p)) << n << " bytes should come from malloc";
      EXPECT_EQ(block, 0u) << n;
    }
    std::memset(p, 0xAB, n);
    ::operator delete(p);
  }
}

// Runs of spans (requests above 32 KiB) do not overlap one another or the small blocks, and a
// freed run serves the next request of the same number of spans.
TEST(PoolAllocator, LargeBlocksAreDisjointRunsOfSpansAndAreReused) {
  SKIP_WITHOUT_POOL();
  struct Block {
    std::uint8_t* data;
    std::size_t size;
  };
  std::vector<Block> blocks;
  for (std::size_t i = 0; i < 64; ++i) {
    const std::size_t n = i % 2 ? 40 + i * 16 : 33 * 1024 + i * 15000;
    blocks.push_back({static_cast<std::uint8_t*>(::operator new(n)), n});
    for (std::size_t k = 0; k < n; ++k) blocks.back().data[k] = pattern(i, k);
  }
  for (std::size_t i = 0; i < blocks.size(); ++i)
    for (std::size_t k = 0; k < blocks[i].size; ++k)
      ASSERT_EQ(blocks[i].data[k], pattern(i, k)) << "block " << i << " overwritten at byte " << k;
  void* five = ::operator new(300 * 1024);
  const auto freed = reinterpret_cast<std::uintptr_t>(five);
  ::operator delete(five);
  five = ::operator new(290 * 1024);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(five), freed) << "a freed run of 5 spans serves the next 5 spans";
  ::operator delete(five);
  void* four = ::operator new(200 * 1024);
  EXPECT_NE(reinterpret_cast<std::uintptr_t>(four), freed) << "4 spans come from another run";
  ::operator delete(four);
  for (const auto& b : blocks) ::operator delete(b.data);
}

TEST(PoolAllocator, FreedBlocksAreReusedSoMemoryDoesNotGrow) {
  SKIP_WITHOUT_POOL();
  std::set<void*> seen;
  for (int i = 0; i < 100000; ++i) {
    auto* p = new char[200];
    seen.insert(p);
    delete[] p;
  }
  EXPECT_EQ(seen.size(), 1u) << "a freed block should be handed out again for the same size";
  // Distinct live blocks never overlap.
  std::vector<std::unique_ptr<char[]>> live;
  std::map<std::uintptr_t, std::size_t> ranges;
  std::mt19937 random(7);
  for (int i = 0; i < 20000; ++i) {
    std::size_t n = 1 + random() % 3000;
    live.emplace_back(new char[n]);
    ranges[reinterpret_cast<std::uintptr_t>(live.back().get())] = n;
  }
  std::uintptr_t end = 0;
  for (const auto& [start, size] : ranges) {
    EXPECT_GE(start, end) << "two live blocks overlap";
    end = start + size;
  }
}

TEST(PoolAllocator, BlocksMayBeFreedOnAnotherThreadAndKeepTheirContents) {
  SKIP_WITHOUT_POOL();
  constexpr int kThreads = 4, kBlocks = 20000;
  struct Block {
    std::uint8_t* data;
    std::size_t size, seed;
  };
  auto fill = [](const Block& b) {
    for (std::size_t k = 0; k < b.size; ++k) b.data[k] = pattern(b.seed, k);
  };
  auto intact = [](const Block& b) {
    for (std::size_t k = 0; k < b.size; ++k)
      if (b.data[k] != pattern(b.seed, k)) return false;
    return true;
  };
  std::vector<std::vector<Block>> made(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto& mine = made[static_cast<std::size_t>(t)];
      std::mt19937 random(static_cast<unsigned>(t));
      for (int i = 0; i < kBlocks; ++i) {
        std::size_t n = 1 + random() % (i % 50 == 0 ? 40000 : 600);
        Block b{static_cast<std::uint8_t*>(::operator new(n)), n, static_cast<std::size_t>(t * kBlocks + i)};
        fill(b);
        mine.push_back(b);
        if (i % 3 == 0) {  // churn: some blocks are freed by their own thread right away
          ::operator delete(mine.back().data);
          mine.pop_back();
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  threads.clear();
  // Each thread frees the blocks another thread made, interleaved with allocating and filling
  // blocks of its own (which reuse the freed memory): a new block that overlapped a live one
  // would overwrite that one's pattern.
  std::vector<int> corrupted(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto& theirs = made[static_cast<std::size_t>((t + 1) % kThreads)];
      std::vector<Block> mine;
      for (std::size_t i = 0; i < theirs.size(); ++i) {
        if (!intact(theirs[i])) ++corrupted[static_cast<std::size_t>(t)];
        ::operator delete(theirs[i].data);
        Block b{static_cast<std::uint8_t*>(::operator new(1 + i % 600)), 1 + i % 600, 1000000 + i};
        fill(b);
        mine.push_back(b);
      }
      for (const auto& b : mine) {
        if (!intact(b)) ++corrupted[static_cast<std::size_t>(t)];
        ::operator delete(b.data);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(corrupted, std::vector<int>(kThreads, 0));
}

// Memory is backed before the program gets to it: pages past the frontier become resident
// without anyone touching them (mincore), once a few spans are in use.
TEST(PoolAllocator, MemoryAheadOfUseIsBackedByTheHelper) {
  SKIP_WITHOUT_POOL();
  {
    void* probe = mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    bool supported = madvise(probe, 4096, MADV_POPULATE_WRITE) == 0;
    munmap(probe, 4096);
    if (!supported) GTEST_SKIP() << "MADV_POPULATE_WRITE needs Linux 5.14 or later";
  }
  std::vector<void*> blocks;
  for (int i = 0; i < 4 * 1024; ++i) blocks.push_back(::operator new(1000));  // 4 MiB: the helper runs
  const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const auto window = pool::backed_window();
  ASSERT_GT(window.to, window.from + 16 * page);
  char* from = static_cast<char*>(const_cast<void*>(pool::frontier())) + window.from;
  std::vector<unsigned char> resident((window.to - window.from) / page);
  bool all = false;
  for (int attempt = 0; attempt < 500 && !all; ++attempt) {
    ASSERT_EQ(mincore(from, resident.size() * page, resident.data()), 0);
    all = std::all_of(resident.begin(), resident.end(), [](unsigned char r) { return (r & 1) != 0; });
    if (!all) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(all) << "pages ahead of the frontier were not backed within 5 s";
  for (auto* p : blocks) ::operator delete(p);
}

TEST(PoolAllocator, StandardContainersWork) {
  SKIP_WITHOUT_POOL();
  std::map<std::string, std::vector<std::string>> m;
  for (int i = 0; i < 5000; ++i) m["key" + std::to_string(i % 97)].push_back(std::string(static_cast<std::size_t>(i % 300), 'x'));
  std::size_t total = 0;
  for (const auto& [k, v] : m)
    for (const auto& s : v) total += s.size();
  std::size_t expected = 0;
  for (int i = 0; i < 5000; ++i) expected += static_cast<std::size_t>(i % 300);
  EXPECT_EQ(total, expected);
  EXPECT_EQ(m.size(), 97u);
}
