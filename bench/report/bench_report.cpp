// Turns the samples the bench steps recorded (JSON lines) into the results table (Markdown, on
// stdout) and results.json. Every figure is the median of its samples; each is shown with the
// baseline measured in the same run, the ratio, and whether its target was met.
//
//   bench_report RECORDS.jsonl RESULTS.json
// Exit status: 0 (targets missed are reported as MISSED, not as failures); 1 when the records
// cannot be read.
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>

#include "bench_util.h"

namespace {

using nlohmann::json;
using wink_bench::median;

struct Row {
  std::string section;
  std::string label;
  std::string metric;            // figure: median of this metric's samples
  std::string unit;
  std::optional<double> target;  // figure must be <= target
  std::string baseline_metric;   // measured in the same run
  std::string baseline_label;
  std::optional<double> quoted_baseline;  // a figure we could not measure here (quoted)
  std::string ratio_metric;      // when set: median of per-round ratios instead of figure/baseline
  std::optional<double> ratio_target;
  std::optional<double> tolerance;  // |figure - baseline| <= tolerance (counts)
  int decimals = 3;
};

std::vector<Row> rows(const std::vector<std::string>& compile_modes) {
  const double peer_seconds = 600;  // OpenAPI Generator's C++ SDK (quoted by the issue; not runnable offline)
  std::vector<Row> r;
  auto gen = [&](const std::string& doc, const std::string& what, const std::string& base_label, double target,
                 std::optional<double> ratio_target) {
    const std::string p = "gen." + doc + ".";
    // Each kind of run against a baseline measured in the same conditions (see bench/run.sh):
    // cold runs after a flush and a second of idling, unchanged ones back to back.
    r.push_back({"Generation", doc + ": cold write into an empty folder (--stats total)", p + "cold.total", "s", target,
                 p + "baseline_cold", base_label + " after the same idle second", {}, "", ratio_target, {}, 3});
    r.push_back({"Generation", doc + ":   the same cold runs against the back-to-back baseline", p + "cold.total", "s", {},
                 p + "baseline", base_label + " back to back", {}, "", {}, {}, 3});
    r.push_back({"Generation", doc + ": unchanged regeneration (--stats total)", p + "warm.total", "s", target, p + "baseline",
                 base_label, {}, "", ratio_target, {}, 3});
    for (const char* stage : {"load", "spec", "ir", "render", "write"})
      r.push_back({"Generation", doc + ":   " + stage + " (cold / unchanged)", p + "cold." + stage, "s", {},
                   p + "warm." + stage, "unchanged", {}, "-", {}, {}, 3});
    r.push_back({"Generation", doc + ": peak RSS (cold)", p + "cold.peak_rss_mb", "MB", doc == "json" ? 80.0 : std::optional<double>{},
                 "", "", {}, "", {}, {}, 1});
    r.push_back({"Generation", doc + ": process wall time, exec to exit (cold)", p + "cold.process", "s", {}, "", "", {}, "", {},
                 {}, 3});
    r.push_back({"Generation", doc + ": files written", p + "cold.files", "", {}, "", "", {}, "", {}, {}, 0});
    (void)what;
  };
  gen("json", "supplier.json", "nlohmann::json::parse", 0.15, 4.0);
  gen("yaml", "derived YAML", "YAML::LoadFile", 1.0, std::nullopt);

  const std::string section = "Compile (supplier.json SDK, -O2, -j2)";
  const std::string peer = "OpenAPI Generator (quoted, not measured)";
  for (const std::string& mode : compile_modes) {
    const std::string p = "compile." + mode + ".";
    const std::string name = mode == "plain" ? "one TU per file" : "UNITY_BUILD ON, batch " + mode.substr(5);
    r.push_back({section, name + ": clean build", p + "clean", "s", 60.0, "", peer, peer_seconds, "", {}, {}, 1});
    r.push_back({section, name + ": clean build, estimated from a sample of TUs", p + "clean_estimated", "s", 60.0, "", peer,
                 peer_seconds, "", {}, {}, 1});
    r.push_back({section, name + ": translation units", p + "tus", "", {}, "", "", {}, "", {}, {}, 0});
    r.push_back({section, name + ": TUs recompiled after one schema changed", p + "incremental_tus", "", 3.0, "", "", {}, "", {},
                 {}, 0});
    r.push_back({section, name + ": rebuild time after one schema changed", p + "incremental", "s", {}, "", "", {}, "", {}, {}, 1});
    r.push_back({section, name + ": TUs recompiled after an unchanged regeneration", p + "unchanged_tus", "", 0.0, "", "", {}, "",
                 {}, {}, 0});
  }

  r.push_back({"Runtime", "showRatePlan per call, generated SDK vs hand-written libcurl", "call.generated_us", "us", {},
               "call.curl_us", "libcurl + json::parse", {}, "call.ratio", 1.15, {}, 1});
  r.push_back({"Runtime", "  extra time per call (generated - libcurl)", "call.overhead_us", "us", {}, "", "", {}, "", {}, {}, 1});
  r.push_back({"Runtime", "PageRatePlan (1,000 RatePlans) parse+decode+write vs json parse+read+dump",
               "codec.generated_ms", "ms", {}, "codec.json_ms", "nlohmann::json only", {}, "codec.ratio", 1.3, {}, 2});
  for (const char* phase : {"parse", "decode", "write", "tree_encode_dump"})
    r.push_back({"Runtime", std::string("  generated side: ") + phase, std::string("codec.split.") + phase + "_ms", "ms", {}, "", "", {},
                 "", {}, {}, 2});
  r.push_back({"Runtime", "token requests, 4 threads at full speed, 1 s tokens", "token.requests", "", {}, "token.expected",
               "ceil(duration / lifetime)", {}, "", {}, 1.0, 0});
  r.push_back({"Runtime", "  calls made meanwhile (per second)", "token.calls_per_s", "/s", {}, "", "", {}, "", {}, {}, 0});
  r.push_back({"Runtime", "  API answers 401 / failed calls", "token.api_401", "", {}, "token.failed_calls", "failed calls", {}, "-",
               {}, {}, 0});
  return r;
}

std::string fmt(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

std::string with_unit(double v, int decimals, const std::string& unit) {
  return fmt(v, decimals) + (unit.empty() ? "" : " " + unit);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: bench_report RECORDS.jsonl RESULTS.json\n";
    return 1;
  }
  std::map<std::string, std::vector<double>> samples;
  std::map<std::string, std::string> info, skips, errors;
  std::vector<std::pair<std::string, std::string>> notes;
  try {
    std::istringstream lines(wink_bench::read_file(argv[1]));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] != '{') continue;
      json j = json::parse(line, nullptr, false);
      if (j.is_discarded()) continue;
      if (j.contains("metric"))
        samples[j["metric"]].push_back(j["value"].get<double>());
      else if (j.contains("info"))
        info[j["info"]] = j["value"].is_string() ? j["value"].get<std::string>() : j["value"].dump();
      else if (j.contains("skip"))
        skips[j["skip"]] = j.value("reason", "");
      else if (j.contains("error"))
        errors[j["error"]] = j.value("text", "");
      else if (j.contains("note"))
        notes.emplace_back(j["note"], j.value("text", ""));
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_report: " << e.what() << '\n';
    return 1;
  }
  auto value_of = [&](const std::string& m) -> std::optional<double> {
    auto it = samples.find(m);
    if (it == samples.end() || it->second.empty()) return std::nullopt;
    return median(it->second);
  };
  auto why_absent = [&](const std::string& metric) -> std::optional<std::string> {
    for (const auto* table : {&errors, &skips})
      for (const auto& [prefix, reason] : *table)
        if (metric.rfind(prefix, 0) == 0) return std::string(table == &errors ? "ERROR: " : "skipped: ") + reason;
    return std::nullopt;
  };

  json out_rows = json::array();
  int missed = 0, met = 0;
  std::string section;
  std::ostringstream table;
  table << "| figure | value | target | baseline (same run) | ratio | status |\n"
        << "| --- | ---: | ---: | --- | ---: | --- |\n";
  std::map<std::string, bool> reported_absence;
  // Compile modes present in this run: compile.<mode>.<figure> ("plain", "unity<batch>").
  std::vector<std::string> modes;
  auto add_mode = [&](const std::string& key) {
    if (key.rfind("compile.", 0) != 0) return;
    auto end = key.find('.', 8);
    if (end == std::string::npos) return;
    std::string mode = key.substr(8, end - 8);
    if (std::find(modes.begin(), modes.end(), mode) == modes.end()) modes.push_back(mode);
  };
  for (const auto& [k, v] : samples) add_mode(k);
  for (const auto& [k, v] : errors) add_mode(k + ".");
  for (const auto& [k, v] : skips) add_mode(k + ".");
  if (modes.empty()) modes = {"unity20", "plain"};
  std::sort(modes.begin(), modes.end(), [](const std::string& a, const std::string& b) {
    if ((a == "plain") != (b == "plain")) return a == "plain";
    return std::atoi(a.c_str() + 5) < std::atoi(b.c_str() + 5);
  });
  for (const Row& row : rows(modes)) {
    auto v = value_of(row.metric);
    json jr{{"section", row.section}, {"figure", row.label}, {"metric", row.metric}, {"unit", row.unit}};
    if (!v) {
      auto why = why_absent(row.metric);
      if (!why) continue;  // an alternative row that did not run (e.g. estimated vs measured)
      const std::string group = row.metric.substr(0, row.metric.rfind('.'));
      jr["status"] = *why;
      out_rows.push_back(jr);
      if (reported_absence[group + row.section]) continue;
      reported_absence[group + row.section] = true;
      if (row.section != section) table << "| **" << (section = row.section) << "** | | | | | |\n";
      table << "| " << row.label << " | - | - | - | - | " << *why << " |\n";
      continue;
    }
    if (row.section != section) table << "| **" << (section = row.section) << "** | | | | | |\n";
    jr["value"] = *v;
    jr["samples"] = samples[row.metric].size();
    std::string target_text = "-", baseline_text = "-", ratio_text = "-", status = "info";
    std::vector<std::string> misses;
    if (row.target) {
      target_text = "<= " + with_unit(*row.target, row.decimals == 0 ? 0 : (*row.target < 1 ? 2 : 0), row.unit);
      jr["target"] = *row.target;
      if (*v > *row.target + 1e-12) misses.push_back("value " + with_unit(*v, row.decimals, row.unit) + " > " + target_text.substr(3));
    }
    std::optional<double> base;
    if (!row.baseline_metric.empty()) base = value_of(row.baseline_metric);
    if (row.quoted_baseline) base = row.quoted_baseline;
    if (base) {
      baseline_text = row.baseline_label + ": " + with_unit(*base, row.decimals, row.unit);
      jr["baseline"] = *base;
      jr["baseline_label"] = row.baseline_label;
    }
    std::optional<double> ratio;
    if (!row.ratio_metric.empty() && row.ratio_metric != "-") ratio = value_of(row.ratio_metric);
    else if (row.ratio_metric.empty() && base && *base > 0 && !row.tolerance) ratio = *v / *base;
    if (ratio) {
      ratio_text = fmt(*ratio, 2) + "x";
      jr["ratio"] = *ratio;
      if (row.ratio_target) {
        ratio_text += " (<= " + fmt(*row.ratio_target, 2) + "x)";
        jr["ratio_target"] = *row.ratio_target;
        if (*ratio > *row.ratio_target) misses.push_back("ratio " + fmt(*ratio, 2) + "x > " + fmt(*row.ratio_target, 2) + "x");
      }
    }
    if (row.tolerance && base) {
      target_text = "baseline +- " + fmt(*row.tolerance, 0);
      jr["tolerance"] = *row.tolerance;
      if (std::fabs(*v - *base) > *row.tolerance) misses.push_back("off by " + fmt(std::fabs(*v - *base), 0));
    }
    if (row.target || row.ratio_target || row.tolerance) {
      status = misses.empty() ? "met" : "MISSED";
      for (const auto& m : misses) status += " (" + m + ")";
      (misses.empty() ? met : missed)++;
    }
    jr["status"] = status;
    out_rows.push_back(jr);
    table << "| " << row.label << " | " << with_unit(*v, row.decimals, row.unit) << " | " << target_text << " | " << baseline_text
          << " | " << ratio_text << " | " << status << " |\n";
  }

  std::ostringstream machine;
  for (const char* key : {"date", "git_commit", "cpu_model", "nproc", "work_filesystem", "load_start", "load_end", "compiler", "wall_seconds"})
    if (info.count(key)) machine << "- " << key << ": " << info[key] << '\n';
  std::cout << "\n## wink-codegen benchmark results\n\n" << machine.str() << '\n' << table.str() << '\n';
  if (!notes.empty()) {
    std::cout << "Notes:\n";
    for (const auto& [k, text] : notes) std::cout << "- " << text << '\n';
  }
  std::cout << "\n" << met << " target(s) met, " << missed << " MISSED"
            << (errors.empty() ? "" : ", " + std::to_string(errors.size()) + " step(s) failed") << "\n";

  json notes_json = json::array();
  for (const auto& [k, text] : notes) notes_json.push_back({{"key", k}, {"text", text}});
  json results{{"machine", info}, {"rows", out_rows}, {"notes", notes_json}, {"skipped", skips}, {"errors", errors},
               {"samples", samples}, {"targets_met", met}, {"targets_missed", missed}};
  std::ofstream(argv[2]) << results.dump(2) << '\n';
  return 0;
}
