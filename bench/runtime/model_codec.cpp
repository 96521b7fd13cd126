// JSON decode + encode of generated models against working on nlohmann::json directly.
//
//   A (generated): parse text -> decode into wink::supplier::PageRatePlan -> wink::json::dump
//                  (JSON text written straight from the model)
//   B (baseline):  parse text -> read the same fields from the json (into values of the same
//                  C++ types) -> dump
// The page holds N RatePlans with every readable field set. Rounds alternate A/B; per round
// we record the time of each side and their ratio; bench_report takes medians.
//
//   model_codec [ROUNDS=15] [RATE_PLANS=1000] [REPEATS_PER_ROUND=3]
#include <map>
#include <optional>

#include <wink/json_tree.h>
#include <wink/supplier/models/page_rate_plan.h>

#include "bench_util.h"
#include "rate_plan_fixture.h"

namespace {

using namespace wink_bench;
using nlohmann::json;

std::string page_text(int n) {
  json content = json::array();
  for (int i = 0; i < n; ++i) content.push_back(rate_plan_json(i));
  json page{{"content", content},
            {"totalElements", n},
            {"totalPages", 1},
            {"number", 0},
            {"size", n},
            {"numberOfElements", n},
            {"first", true},
            {"last", true},
            {"empty", false},
            {"sort", {{"empty", true}, {"sorted", false}, {"unsorted", true}}},
            {"pageable",
             {{"offset", 0}, {"pageNumber", 0}, {"pageSize", n}, {"paged", true}, {"unpaged", false},
              {"sort", {{"empty", true}, {"sorted", false}, {"unsorted", true}}}}}};
  return page.dump();
}

std::string generated_side(const std::string& text) {
  json j = wink::json::parse(text);
  auto page = wink::json::decode_document<wink::supplier::PageRatePlan>(j);
  return wink::json::dump(page);
}

template <class T>
std::optional<T> opt(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

// The same fields, with the same C++ types, read straight from the json.
std::size_t read_sort(const json& s) {
  return opt<bool>(s, "empty").value_or(false) + opt<bool>(s, "sorted").value_or(false) +
         opt<bool>(s, "unsorted").value_or(false);
}

std::string baseline_side(const std::string& text) {
  json j = json::parse(text);
  std::size_t sink = 0;
  if (auto it = j.find("content"); it != j.end()) {
    for (const json& p : *it) {
      auto name = p.at("name").get<std::string>();
      auto code = p.at("code").get<std::string>();
      auto description = opt<std::string>(p, "description");
      auto status = p.at("status").get<std::string>();
      auto meal = opt<std::string>(p, "mealPlan");
      auto currency = p.at("currency").get<std::string>();
      auto base = p.at("baseAmount").get<double>();
      auto commission = opt<float>(p, "commissionPercent");
      auto min_stay = opt<std::int32_t>(p, "minimumStay");
      auto max_stay = opt<std::int32_t>(p, "maximumStay");
      auto from = opt<std::string>(p, "validFrom");
      auto to = opt<std::string>(p, "validTo");
      auto days = opt<std::vector<std::string>>(p, "daysOfWeek");
      auto window = opt<std::string>(p, "cancellationWindow");
      auto taxes = opt<std::map<std::string, double>>(p, "taxes");
      auto metadata = opt<json>(p, "metadata");
      auto secret = opt<std::string>(p, "partnerSecret");
      auto legacy = opt<std::string>(p, "legacyCode");
      auto identifier = p.at("identifier").get<std::string>();
      auto created = opt<std::string>(p, "createdAt");
      auto updated = opt<std::string>(p, "updatedAt");
      auto version = opt<std::int64_t>(p, "version");
      sink += name.size() + code.size() + description.value_or("").size() + status.size() + meal.value_or("").size() +
              currency.size() + static_cast<std::size_t>(base) + static_cast<std::size_t>(commission.value_or(0)) +
              static_cast<std::size_t>(min_stay.value_or(0) + max_stay.value_or(0)) + from.value_or("").size() +
              to.value_or("").size() + (days ? days->size() : 0) + window.value_or("").size() +
              (taxes ? taxes->size() : 0) + (metadata ? metadata->size() : 0) + secret.value_or("").size() +
              legacy.value_or("").size() + identifier.size() + created.value_or("").size() +
              updated.value_or("").size() + static_cast<std::size_t>(version.value_or(0));
    }
  }
  for (const char* key : {"totalElements"}) sink += static_cast<std::size_t>(opt<std::int64_t>(j, key).value_or(0));
  for (const char* key : {"totalPages", "number", "size", "numberOfElements"})
    sink += static_cast<std::size_t>(opt<std::int32_t>(j, key).value_or(0));
  for (const char* key : {"first", "last", "empty"}) sink += opt<bool>(j, key).value_or(false);
  if (auto s = j.find("sort"); s != j.end()) sink += read_sort(*s);
  if (auto pg = j.find("pageable"); pg != j.end()) {
    sink += static_cast<std::size_t>(opt<std::int64_t>(*pg, "offset").value_or(0));
    for (const char* key : {"pageNumber", "pageSize"}) sink += static_cast<std::size_t>(opt<std::int32_t>(*pg, key).value_or(0));
    for (const char* key : {"paged", "unpaged"}) sink += opt<bool>(*pg, key).value_or(false);
    if (auto s = pg->find("sort"); s != pg->end()) sink += read_sort(*s);
  }
  keep(sink);
  return j.dump();
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = int_arg(argv, argc, 1, 15);
  const int plans = int_arg(argv, argc, 2, 1000);
  const int repeats = int_arg(argv, argc, 3, 3);
  try {
    const std::string text = page_text(plans);
    // Both sides must produce the document they read (the generated side re-encodes it).
    if (generated_side(text) != json::parse(text).dump() || baseline_side(text) != json::parse(text).dump())
      note("codec_roundtrip", "WARNING: a side does not reproduce the page it read");
    else
      note("codec_roundtrip", "both sides reproduce the page they read (" + std::to_string(text.size()) + " bytes, " +
                                  std::to_string(plans) + " RatePlans)");
    for (int i = 0; i < 2; ++i) keep(generated_side(text)), keep(baseline_side(text));  // warm-up
    for (int r = 0; r < rounds; ++r) {
      auto time = [&](auto&& side) {
        auto start = Clock::now();
        for (int i = 0; i < repeats; ++i) {
          auto out = side(text);
          keep(out);
        }
        return seconds_since(start) * 1e3 / repeats;
      };
      auto [a, b] = alternating(r, time, generated_side, baseline_side);
      record("codec.generated_ms", a);
      record("codec.json_ms", b);
      record("codec.ratio", a / b);
    }
    // Where the generated side's time goes (for the profiling notes).
    for (int r = 0; r < 5; ++r) {
      auto t0 = Clock::now();
      json j = wink::json::parse(text);
      auto t1 = Clock::now();
      auto page = wink::json::decode_document<wink::supplier::PageRatePlan>(j);
      auto t2 = Clock::now();
      std::string out = wink::json::dump(page);
      auto t3 = Clock::now();
      std::string via_tree = encode(page).dump();  // the tree route, for comparison
      auto t4 = Clock::now();
      keep(out), keep(via_tree);
      auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
      record("codec.split.parse_ms", ms(t1 - t0));
      record("codec.split.decode_ms", ms(t2 - t1));
      record("codec.split.write_ms", ms(t3 - t2));
      record("codec.split.tree_encode_dump_ms", ms(t4 - t3));
    }
  } catch (const std::exception& e) {
    std::cerr << "model_codec: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
