// `wink-codegen generate`: document -> SDK folder.
#include <cstdio>
#include <cxxopts.hpp>
#include <filesystem>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <regex>

#include "cli/commands/arguments.h"
#include "cli/commands/pipeline.h"
#include "emit/render.h"
#include "emit/templates.h"
#include "emit/writer.h"

namespace wink::codegen::cli {
namespace {

// What one run builds: the document's tree, the IR, the rendered files, the earlier outputs.
struct RunState {
  std::future<emit::PreviousOutputs> previous;  // read on another thread while the front runs
  Front front;
  std::vector<emit::OutputFile> files;
  std::optional<emit::PreviousOutputs> earlier;
  std::optional<emit::OutputWriter> writer;  // points into `earlier`
  std::optional<emit::BackgroundWriter> background;  // uses `writer`
};

// The process exits as soon as the command returns, so a run's state is left to the OS instead
// of being freed block by block (~2 ms of a 40 ms run for Wink's supplier document; clang's
// -disable-free does the same). Sanitizer builds free it, so that leak checks keep their meaning.
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || __has_feature(memory_sanitizer)
#define WINK_CODEGEN_FREE_AT_EXIT 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define WINK_CODEGEN_FREE_AT_EXIT 1
#endif
struct LeftToExit {
  std::unique_ptr<RunState>& state;
  ~LeftToExit() {
#ifndef WINK_CODEGEN_FREE_AT_EXIT
    if (state->previous.valid()) state->previous.wait();  // no thread left reading
    (void)state.release();
#endif
  }
};

}  // namespace

int generate_command(int argc, char** argv) {
  cxxopts::Options opts("wink-codegen generate", "Generate a C++ SDK from an OpenAPI 3.0/3.1 document.");
  opts.add_options()
      ("spec", "OpenAPI document (JSON or YAML)", cxxopts::value<std::string>())
      ("out", "output folder (created if needed)", cxxopts::value<std::string>())
      ("namespace", "C++ namespace of the SDK", cxxopts::value<std::string>()->default_value("wink::sdk"))
      ("scopes", "scope map file (tag -> section, per-operation overrides)", cxxopts::value<std::string>())
      ("templates", "folder whose *.mustache files replace the built-in templates", cxxopts::value<std::string>())
      ("check", "write nothing; exit 1 and list the files that differ from what would be generated")
      ("strict", "treat warnings as errors (e.g. an operation without a scope)")
      ("emit-conformance", "also generate src/conformance/main.cpp, a program calling every operation with example arguments")
      ("list-outputs", "print the paths of the files that would be generated, one per line, and exit")
      ("jobs", "threads that render files, compare them with those on disk and write them (0: one per core); the output is the same for any number",
       cxxopts::value<unsigned>()->default_value("0"))
      ("quiet", "print nothing but diagnostics")
      ("stats", "print one JSON line with each stage's wall time and the peak memory to stderr (files are "
                "written while others render: 'render' includes those writes, 'write' is the rest)");
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
  static const std::regex kNamespace(R"([A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*)");
  if (!std::regex_match(front_opts.namespace_name, kNamespace)) {
    std::cerr << "wink-codegen generate: --namespace '" << front_opts.namespace_name
              << "' is not a C++ namespace (expected e.g. wink::supplier)\n";
    return kUsage;
  }

  const unsigned jobs = args["jobs"].as<unsigned>();
  if (jobs > 256) {
    std::cerr << "wink-codegen generate: --jobs " << jobs << " is out of range (expected 0 to 256)\n";
    return kUsage;
  }

  auto started = std::chrono::steady_clock::now();
  // What an earlier run wrote is read on another thread while this one parses the document
  // (to write only what changed, or for --check to compare with).
  const bool reads_earlier = args.count("out") && !args.count("list-outputs");
  const bool writing = reads_earlier && !args.count("check");
  auto state = std::make_unique<RunState>();
  LeftToExit leave{state};
  auto& previous = state->previous;
  Front& front = state->front;
  auto& files = state->files;
  auto& earlier = state->earlier;
  auto& writer = state->writer;
  auto& background = state->background;
  if (reads_earlier)
    previous = std::async(std::launch::async, emit::read_previous_outputs, args["out"].as<std::string>());
  run_front(front_opts, front);
  auto render_start = std::chrono::steady_clock::now();
  auto templates = emit::load_templates(args.count("templates") ? args["templates"].as<std::string>() : "", front.diags);
  // Compares with what the earlier run wrote, once that has been read.
  auto open_writer = [&] {
    earlier.emplace(previous.get());
    writer.emplace(args["out"].as<std::string>(), &*earlier);
  };
  // Files are written as soon as they are rendered.
  if (front.sdk && !front.diags.has_errors()) {
    emit::RenderOptions render;
    render.spec_name = std::filesystem::path(front_opts.spec).filename().string();
    render.jobs = jobs;
    std::optional<ir::Conformance> conformance;
    if (args.count("emit-conformance")) {
      conformance = ir::build_conformance(*front.document, *front.sdk, front.loader.get());
      render.conformance = &*conformance;
    }
    if (writing) {
      open_writer();
      // Nothing read ahead: a first run, every file is created (see BackgroundWriter).
      if (earlier->contents.empty()) {
        background.emplace(*writer);
        render.on_file = [&background](const emit::OutputFile& file) { background->push(file); };
        render.on_idle = [&background] { background->help(); };
        render.on_done = [&background] { background->finish(); };  // before the files move
      } else {
        render.on_file = [&writer](const emit::OutputFile& file) { writer->write(file); };
      }
    }
    files = emit::render_sdk(*front.sdk, templates, render, front.diags);
  }
  front.times.render = seconds_since(render_start);
  auto print_stats = [&] {
    if (!args.count("stats")) return;
    char line[512];
    std::snprintf(line, sizeof line,
                  "{\"load\":%.6f,\"spec\":%.6f,\"ir\":%.6f,\"render\":%.6f,\"write\":%.6f,\"total\":%.6f,"
                  "\"peak_rss_bytes\":%zu,\"files\":%zu}\n",
                  front.times.load, front.times.spec, front.times.ir, front.times.render, front.times.write,
                  seconds_since(started), peak_rss_bytes(), files.size());
    std::cerr << line;
  };
  if (front.diags.has_errors()) {
    if (writer) writer->abandon();  // a first run's hidden folder goes (nothing else was written)
    print_diagnostics(front.diags);
    return kFindings;
  }
  bool quiet = args.count("quiet") > 0;
  if (args.count("list-outputs")) {
    print_diagnostics(front.diags);
    for (const auto& f : files) std::cout << f.path << "\n";
    return kOk;
  }
  const std::string out = args["out"].as<std::string>();
  if (args.count("check")) {
    print_diagnostics(front.diags);
    auto differ = emit::check_outputs(out, files, &earlier.emplace(previous.get()));
    for (const auto& d : differ) std::cout << out << "/" << d << "\n";
    if (!differ.empty()) {
      std::cerr << differ.size() << " generated file(s) in '" << out
                << "' are out of date; regenerate with `wink-codegen generate`\n";
      return kFindings;
    }
    if (!quiet) std::cerr << "'" << out << "' is up to date (" << files.size() << " files)\n";
    print_stats();
    return kOk;
  }
  auto write_start = std::chrono::steady_clock::now();
  if (!writer) open_writer();
  auto report = writer->finish(files, front.diags, jobs);
  front.times.write = seconds_since(write_start);
  print_diagnostics(front.diags);
  print_stats();
  if (front.diags.has_errors()) return kFindings;
  if (!quiet)
    std::cerr << "wink-codegen: " << files.size() << " files in '" << out << "': " << report.written.size()
              << " written, " << report.unchanged.size() << " unchanged, " << report.removed.size() << " removed\n";
  return kOk;
}

}  // namespace wink::codegen::cli
