// `wink-codegen generate`: document -> SDK folder.
#include <cstdio>
#include <cxxopts.hpp>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/commands/arguments.h"
#include "cli/commands/pipeline.h"
#include "emit/render.h"
#include "emit/templates.h"
#include "emit/writer.h"
#include "ir/naming.h"

namespace wink::codegen::cli {
namespace {

// The rendered SDK, or nothing (diagnostics say why) when the document or a template is bad.
std::optional<std::vector<emit::OutputFile>> render(const cxxopts::ParseResult& args, const FrontOptions& options,
                                                    Front& front) {
  auto templates = emit::load_templates(args.count("templates") ? args["templates"].as<std::string>() : "", front.diags);
  if (!front.sdk || front.diags.has_errors()) return std::nullopt;
  emit::RenderOptions render;
  render.spec_name = std::filesystem::path(options.spec).filename().string();
  render.jobs = args["jobs"].as<unsigned>();
  std::optional<ir::Conformance> conformance;
  if (args.count("emit-conformance")) {
    conformance = ir::build_conformance(*front.document, *front.sdk);
    render.conformance = &*conformance;
  }
  auto files = emit::render_sdk(*front.sdk, templates, render, front.diags);
  if (front.diags.has_errors()) return std::nullopt;
  return files;
}

// `--check`: exit 1 and list the files that differ from what would be generated.
int check(const std::string& out, const std::vector<emit::OutputFile>& files, bool quiet) {
  const auto differ = emit::check_outputs(out, files);
  for (const auto& d : differ) std::cout << out << "/" << d << "\n";
  if (!differ.empty()) {
    std::cerr << differ.size() << " generated file(s) in '" << out
              << "' are out of date; regenerate with `wink-codegen generate`\n";
    return kFindings;
  }
  if (!quiet) std::cerr << "'" << out << "' is up to date (" << files.size() << " files)\n";
  return kOk;
}

}  // namespace

int generate_command(int argc, char** argv) {
  cxxopts::Options opts("wink-codegen generate", "Generate a C++ SDK from an OpenAPI 3.0/3.1 document.");
  opts.add_options()
      ("spec", "OpenAPI document (JSON or YAML)", cxxopts::value<std::string>())
      ("out", "output folder (created if needed)", cxxopts::value<std::string>())
      ("namespace", "C++ namespace of the SDK", cxxopts::value<std::string>()->default_value("wink::sdk"))
      ("scopes", "scope map file (tag -> section, per-operation overrides)", cxxopts::value<std::string>())
      ("templates", "folder whose *.mustache files replace the built-in templates", cxxopts::value<std::string>())
      ("allow-ref-root", "a folder (besides the document's own) that file $refs may point into; repeatable",
       cxxopts::value<std::vector<std::string>>())
      ("check", "write nothing; exit 1 and list the files that differ from what would be generated")
      ("strict", "treat warnings as errors (e.g. an operation without a scope)")
      ("emit-conformance", "also generate src/conformance/main.cpp, a program calling every operation with example arguments")
      ("list-outputs", "print the paths of the files that would be generated, one per line, and exit")
      ("jobs", "threads that render files (0: one per core); the output is the same for any number",
       cxxopts::value<unsigned>()->default_value("0"))
      ("quiet", "print nothing but diagnostics")
      ("stats", "print one JSON line with each stage's wall time and the peak memory to stderr");
  int exit_code = kOk;
  auto parsed = parse_arguments(opts, argc, argv, exit_code);
  if (!parsed) return exit_code;
  const cxxopts::ParseResult& args = *parsed;
  if (!args.count("spec") || (!args.count("out") && !args.count("list-outputs"))) {
    std::cerr << "wink-codegen generate: --spec and --out are required\n" << opts.help();
    return kUsage;
  }
  FrontOptions front_opts;
  front_opts.spec = args["spec"].as<std::string>();
  front_opts.scopes = args.count("scopes") ? args["scopes"].as<std::string>() : "";
  front_opts.namespace_name = args["namespace"].as<std::string>();
  front_opts.strict = args.count("strict") > 0;
  if (args.count("allow-ref-root")) front_opts.ref_roots = args["allow-ref-root"].as<std::vector<std::string>>();
  if (std::string why = ir::namespace_problem(front_opts.namespace_name); !why.empty()) {
    std::cerr << "wink-codegen generate: --namespace '" << ir::cpp_string_literal_body(front_opts.namespace_name)
              << "' cannot be the SDK's namespace: " << ir::cpp_string_literal_body(why) << "\n";
    return kUsage;
  }
  if (const unsigned jobs = args["jobs"].as<unsigned>(); jobs > 256) {
    std::cerr << "wink-codegen generate: --jobs " << jobs << " is out of range (expected 0 to 256)\n";
    return kUsage;
  }
  const bool quiet = args.count("quiet") > 0;

  const auto started = std::chrono::steady_clock::now();
  Front front;
  run_front(front_opts, front);
  auto stage_start = std::chrono::steady_clock::now();
  const auto files = render(args, front_opts, front);
  front.times.render = seconds_since(stage_start);
  if (!files || args.count("list-outputs") || args.count("check")) print_diagnostics(front.diags);
  if (!files) return kFindings;
  if (args.count("list-outputs")) {
    for (const auto& f : *files) std::cout << f.path << "\n";
    return kOk;
  }

  const std::string out = args["out"].as<std::string>();
  if (args.count("check")) return check(out, *files, quiet);
  stage_start = std::chrono::steady_clock::now();
  const auto report = emit::write_outputs(out, *files, front.diags);
  front.times.write = seconds_since(stage_start);
  print_diagnostics(front.diags);
  if (args.count("stats")) {
    char line[512];
    std::snprintf(line, sizeof line,
                  "{\"load\":%.6f,\"spec\":%.6f,\"ir\":%.6f,\"render\":%.6f,\"write\":%.6f,\"total\":%.6f,"
                  "\"peak_rss_bytes\":%zu,\"files\":%zu}\n",
                  front.times.load, front.times.spec, front.times.ir, front.times.render, front.times.write,
                  seconds_since(started), peak_rss_bytes(), files->size());
    std::cerr << line;
  }
  if (front.diags.has_errors()) return kFindings;
  if (!quiet)
    std::cerr << "wink-codegen: " << files->size() << " files in '" << out << "': " << report.written.size()
              << " written, " << report.unchanged.size() << " unchanged, " << report.removed.size() << " removed\n";
  return kOk;
}

}  // namespace wink::codegen::cli
