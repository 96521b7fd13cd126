// Baselines for the generation benchmark: how long the JSON / YAML library alone takes on a
// document. One timed parse per process (like one generator run); bench/run.sh runs it as
// many times as the generator and takes the median.
//
//   parse_baseline json FILE METRIC   nlohmann::json::parse of the file's text (read untimed)
//   parse_baseline yaml FILE METRIC   YAML::LoadFile(FILE)
#include <yaml-cpp/yaml.h>

#include "bench_util.h"

int main(int argc, char** argv) {
  using namespace wink_bench;
  if (argc != 4) {
    std::cerr << "usage: parse_baseline json|yaml FILE METRIC\n";
    return 2;
  }
  const std::string mode = argv[1], path = argv[2], metric = argv[3];
  try {
    if (mode == "json") {
      const std::string text = read_file(path);
      const auto start = Clock::now();
      nlohmann::json doc = nlohmann::json::parse(text);
      const double took = seconds_since(start);
      keep(doc);
      record(metric, took);
    } else if (mode == "yaml") {
      const auto start = Clock::now();
      YAML::Node doc = YAML::LoadFile(path);
      const double took = seconds_since(start);
      keep(doc);
      record(metric, took);
    } else {
      std::cerr << "parse_baseline: unknown mode '" << mode << "'\n";
      return 2;
    }
  } catch (const std::exception& e) {
    std::cerr << "parse_baseline: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
