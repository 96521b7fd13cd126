// `wink-codegen scopes`: which scopes each operation needs, or the least set for a few of them.
#include <cxxopts.hpp>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cli/commands/arguments.h"
#include "cli/commands/pipeline.h"
#include "ir/naming.h"

namespace wink::codegen::cli {

int scopes_command(int argc, char** argv) {
  cxxopts::Options opts("wink-codegen scopes", "Show the OAuth scopes the operations of a document require.");
  opts.add_options()
      ("spec", "OpenAPI document (JSON or YAML)", cxxopts::value<std::string>())
      ("scopes", "scope map file", cxxopts::value<std::string>())
      ("operations", "comma-separated operationIds (any naming style): print the minimal scope string they need",
       cxxopts::value<std::string>())
      ("format", "text or json", cxxopts::value<std::string>()->default_value("text"))
      ("allow-ref-root", "a folder (besides the document's own) that file $refs may point into; repeatable",
       cxxopts::value<std::vector<std::string>>())
      ("strict", "treat warnings as errors");
  int exit_code = kOk;
  auto parsed = parse_arguments(opts, argc, argv, exit_code);
  if (!parsed) return exit_code;
  const cxxopts::ParseResult& args = *parsed;
  std::string format = args["format"].as<std::string>();
  if (!args.count("spec") || (format != "text" && format != "json")) {
    std::cerr << "wink-codegen scopes: --spec is required and --format must be text or json\n" << opts.help();
    return kUsage;
  }
  FrontOptions front_opts;
  front_opts.spec = args["spec"].as<std::string>();
  front_opts.scopes = args.count("scopes") ? args["scopes"].as<std::string>() : "";
  front_opts.strict = args.count("strict") > 0;
  if (args.count("allow-ref-root")) front_opts.ref_roots = args["allow-ref-root"].as<std::vector<std::string>>();
  Front front;
  run_front(front_opts, front);
  if (!front.sdk) {
    print_diagnostics(front.diags);
    return kFindings;
  }
  // Operations by id and by C++ method name, so kebab-case and camelCase ids both work.
  std::map<std::string, const ir::OperationScopes*> by_name;
  for (const auto& op : front.sdk->operations) {
    by_name[op.raw_id] = &op;
    by_name[ir::camel_case(op.raw_id)] = &op;
  }
  if (args.count("operations")) {
    std::set<std::string> scopes;
    std::stringstream list(args["operations"].as<std::string>());
    bool unknown = false;
    for (std::string id; std::getline(list, id, ',');) {
      if (id.empty()) continue;
      auto it = by_name.find(id);
      if (it == by_name.end()) it = by_name.find(ir::camel_case(id));
      if (it == by_name.end()) {
        std::cerr << "wink-codegen scopes: unknown operation '" << id << "'\n";
        unknown = true;
        continue;
      }
      scopes.insert(it->second->scopes.begin(), it->second->scopes.end());
    }
    print_diagnostics(front.diags);
    if (unknown) return kFindings;
    std::string out;
    for (const auto& s : scopes) out += (out.empty() ? "" : " ") + s;
    if (format == "json") std::cout << nlohmann::json(out).dump() << "\n";
    else std::cout << out << "\n";
    return kOk;
  }
  print_diagnostics(front.diags);
  if (format == "json") {
    nlohmann::json all = nlohmann::json::array();
    for (const auto& op : front.sdk->operations)
      all.push_back({{"operationId", op.raw_id}, {"method", op.http_method}, {"path", op.raw_path}, {"scopes", op.scopes}});
    std::cout << all.dump(2) << "\n";
  } else {
    for (const auto& op : front.sdk->operations) {
      std::string scopes;
      for (const auto& s : op.scopes) scopes += (scopes.empty() ? "" : " ") + s;
      std::cout << op.raw_id << "\t" << op.http_method << " " << op.raw_path << "\t" << (scopes.empty() ? "-" : scopes) << "\n";
    }
  }
  return front.diags.has_errors() ? kFindings : kOk;
}

}  // namespace wink::codegen::cli
