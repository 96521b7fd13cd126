// See secret_registry.h. One process-wide table guarded by a mutex; readers take an immutable
// snapshot (a shared_ptr swapped on every change), so redaction never holds the lock.
#include "secret_registry.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace wink::detail {

namespace {

struct Registry {
  std::mutex mu;
  std::map<std::string, int> counts;
  std::shared_ptr<const std::vector<std::string>> snapshot = std::make_shared<const std::vector<std::string>>();

  void rebuild() {
    std::vector<std::string> values;
    values.reserve(counts.size());
    for (const auto& [value, n] : counts) values.push_back(value);
    std::stable_sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    snapshot = std::make_shared<const std::vector<std::string>>(std::move(values));
  }
};

// Never destroyed: secrets may be released by objects with static storage duration.
Registry& registry() {
  static Registry* r = new Registry;
  return *r;
}

constexpr std::size_t kMinimumLength = 4;

}  // namespace

ScrubbedSecret& ScrubbedSecret::operator=(ScrubbedSecret&& other) noexcept {
  if (this != &other) {
    reset();
    value_ = std::move(other.value_);
    other.value_.clear();
  }
  return *this;
}

void ScrubbedSecret::reset(std::string value) {
  if (value == value_) return;
  Registry& r = registry();
  std::lock_guard<std::mutex> lk(r.mu);
  bool changed = false;
  if (value_.size() >= kMinimumLength) {
    auto it = r.counts.find(value_);
    if (it != r.counts.end() && --it->second == 0) {
      r.counts.erase(it);
      changed = true;
    }
  }
  value_ = std::move(value);
  if (value_.size() >= kMinimumLength && r.counts[value_]++ == 0) changed = true;
  if (changed) r.rebuild();
}

std::shared_ptr<const std::vector<std::string>> scrubbed_secrets() {
  Registry& r = registry();
  std::lock_guard<std::mutex> lk(r.mu);
  return r.snapshot;
}

}  // namespace wink::detail
