// A representative RatePlan (bundled document, every readable field set) as JSON, shared by the
// runtime benches.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace wink_bench {

inline nlohmann::json rate_plan_json(int i) {
  const std::string n = std::to_string(i);
  return nlohmann::json{
      {"identifier", "6f1c2b9e-0000-4000-8000-" + std::string(12 - std::min<std::size_t>(12, n.size()), '0') + n},
      {"name", "Flexible rate with breakfast " + n},
      {"code", "FLEX-" + n},
      {"description", "Free cancellation until 48 hours before arrival; breakfast for two included."},
      {"status", "ACTIVE"},
      {"mealPlan", "bed and breakfast"},
      {"currency", "EUR"},
      {"baseAmount", 129.5 + i},
      {"commissionPercent", 12.5},
      {"minimumStay", 1},
      {"maximumStay", 14},
      {"validFrom", "2025-01-01"},
      {"validTo", "2025-12-31"},
      {"daysOfWeek", {"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"}},
      {"cancellationWindow", "48h"},
      {"taxes", {{"CITY", 2.5}, {"VAT", 9.0}}},
      {"metadata", {{"channel", "direct"}, {"rank", i}}},
      {"legacyCode", "OLD-" + n},
      {"createdAt", "2024-11-02T10:15:30Z"},
      {"updatedAt", "2024-11-20T08:00:00Z"},
      {"version", 7}};
}

}  // namespace wink_bench
