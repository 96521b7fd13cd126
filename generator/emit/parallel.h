// Runs independent pieces of emit work (rendering files) on a few threads. Each task writes only
// to its own slot, so results never depend on which thread ran what.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace wink::codegen::emit {

// `requested` threads, or one per core when 0; never more than there are tasks.
inline unsigned worker_count(unsigned requested, std::size_t tasks) {
  unsigned n = requested ? requested : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(n, tasks)));
}

// Calls `task(worker, i)` for every i in [0, count), `worker` in [0, workers); tasks are handed
// out one at a time, so a few big ones do not leave the other threads idle. The first exception a
// task throws is rethrown here, after every thread has finished.
template <typename Task>
void for_each_task(std::size_t count, unsigned workers, Task&& task) {
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) task(0u, i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex failure_mutex;
  auto loop = [&](unsigned worker) {
    try {
      for (std::size_t i; (i = next.fetch_add(1)) < count;) task(worker, i);
    } catch (...) {
      std::lock_guard<std::mutex> lock(failure_mutex);
      if (!failure) failure = std::current_exception();
      next = count;  // the others stop after their current task
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(loop, w);
  loop(0);
  for (auto& t : threads) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace wink::codegen::emit
