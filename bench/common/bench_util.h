// Small helpers shared by the bench programs: a monotonic clock, medians, and the record format
// bench/run.sh collects (one JSON object per line on stdout; diagnostics go to stderr).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace wink_bench {

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

inline double median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// {"metric": name, "value": v}: one sample; bench_report takes the median of a metric's samples.
inline void record(const std::string& metric, double value) {
  std::cout << nlohmann::json{{"metric", metric}, {"value", value}}.dump() << '\n' << std::flush;
}

// {"note": key, "text": ...}: a fact to show under the table (e.g. what was compared).
inline void note(const std::string& key, const std::string& text) {
  std::cout << nlohmann::json{{"note", key}, {"text", text}}.dump() << '\n' << std::flush;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline int int_arg(char** argv, int argc, int i, int fallback) {
  return i < argc ? std::atoi(argv[i]) : fallback;
}

// Times both sides of one round, the generated side first in even rounds and second in odd
// ones, so that a drift in the machine's load falls on both alike. Returns {a, b}.
template <class Time, class A, class B>
std::pair<double, double> alternating(int round, Time&& time, A&& a, B&& b) {
  if (round % 2 == 0) {
    double ta = time(a);
    return {ta, time(b)};
  }
  double tb = time(b);
  return {time(a), tb};
}

// Keeps a value alive so the optimiser cannot drop the work that produced it.
template <class T>
inline void keep(const T& value) {
  asm volatile("" : : "g"(&value) : "memory");
}

}  // namespace wink_bench
