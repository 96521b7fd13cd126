// `wink-codegen diff OLD NEW`: drift between two versions of an OpenAPI document (for CI).
#include <cxxopts.hpp>
#include <filesystem>
#include <iostream>

#include "cli/commands/arguments.h"
#include "cli/commands/pipeline.h"
#include "diff/diff.h"
#include "spec/parse.h"

namespace wink::codegen::cli {
namespace {

// Loads and validates one document; nullopt (diagnostics printed) when it is bad input.
struct Loaded {
  Diagnostics diags;
  std::unique_ptr<load::Loader> loader;
  std::optional<spec::Document> document;
};

bool load_document(const std::string& path, Loaded& out) {
  out.loader = std::make_unique<load::Loader>(out.diags);
  if (const load::Node* root = out.loader->load_root(path))
    out.document = spec::parse_document(*out.loader, *root, out.diags);
  if (!out.document || out.diags.has_errors()) {
    print_diagnostics(out.diags);
    std::cerr << "wink-codegen diff: '" << path << "' is not a valid OpenAPI document\n";
    return false;
  }
  return true;
}

}  // namespace

int diff_command(int argc, char** argv) {
  cxxopts::Options opts("wink-codegen diff",
                        "Compare two versions of an OpenAPI document: what changed, and whom it breaks.\n"
                        "usage: wink-codegen diff OLD NEW [options]\n"
                        "levels: breaking (wire) > source (C++ API) > non-breaking > info");
  opts.add_options()
      ("old", "the older document", cxxopts::value<std::string>())
      ("new", "the newer document", cxxopts::value<std::string>())
      ("format", "text, markdown, json, github or junit", cxxopts::value<std::string>()->default_value("text"))
      ("semver", "print only the recommended SDK version bump: major, minor, patch or none")
      ("fail-on", "exit 1 when a change is at or above: breaking, source, any or none",
       cxxopts::value<std::string>()->default_value("breaking"))
      ("scopes", "scope map file (tag -> section), to compare the scopes operations require",
       cxxopts::value<std::string>());
  opts.parse_positional({"old", "new"});
  opts.positional_help("OLD NEW");
  int exit_code = kOk;
  auto parsed = parse_arguments(opts, argc, argv, exit_code);
  if (!parsed) return exit_code;
  const cxxopts::ParseResult& args = *parsed;
  const std::string format = args["format"].as<std::string>();
  const std::string fail_on = args["fail-on"].as<std::string>();
  if (!args.count("old") || !args.count("new")) {
    std::cerr << "wink-codegen diff: two documents are required (OLD NEW)\n" << opts.help();
    return kUsage;
  }
  if (format != "text" && format != "markdown" && format != "json" && format != "github" && format != "junit") {
    std::cerr << "wink-codegen diff: --format must be text, markdown, json, github or junit\n";
    return kUsage;
  }
  std::optional<diff::Level> threshold;  // nullopt: never fail
  if (fail_on == "any") threshold = diff::Level::Info;
  else if (fail_on == "breaking") threshold = diff::Level::Breaking;
  else if (fail_on == "source") threshold = diff::Level::Source;
  else if (fail_on != "none") {
    std::cerr << "wink-codegen diff: --fail-on must be breaking, source, any or none\n";
    return kUsage;
  }

  Loaded old_doc, new_doc;
  const std::string old_path = args["old"].as<std::string>(), new_path = args["new"].as<std::string>();
  if (!load_document(old_path, old_doc) || !load_document(new_path, new_doc)) return kFindings;  // bad input
  Diagnostics scope_diags;
  std::unique_ptr<load::Loader> scope_loader;
  std::optional<spec::ScopeMap> scope_map;
  if (args.count("scopes")) {
    scope_loader = std::make_unique<load::Loader>(scope_diags);
    if (const load::Node* root = scope_loader->load_root(args["scopes"].as<std::string>()))
      scope_map = spec::parse_scope_map(*root, scope_diags);
    if (!scope_map || scope_diags.has_errors()) {
      print_diagnostics(scope_diags);
      return kFindings;
    }
  }
  // Warnings (not errors) of a valid document are `generate`'s business; stay quiet here.
  diff::Options options;
  options.scope_map = scope_map ? &*scope_map : nullptr;
  diff::Result result = diff::diff_documents(*old_doc.document, *new_doc.document, options);

  diff::ReportHeader header;
  header.old_name = std::filesystem::path(old_path).filename().string();
  header.new_name = std::filesystem::path(new_path).filename().string();
  header.old_version = old_doc.document->version;
  header.new_version = new_doc.document->version;
  if (args.count("semver")) std::cout << diff::bump_name(result.recommended_bump()) << "\n";
  else if (format == "markdown") std::cout << diff::format_markdown(result, header);
  else if (format == "json") std::cout << diff::format_json(result, header);
  else if (format == "github") std::cout << diff::format_github(result, header);
  else if (format == "junit") std::cout << diff::format_junit(result, header, threshold);
  else std::cout << diff::format_text(result, header);

  auto highest = result.highest();
  bool fail = threshold && highest && static_cast<int>(*highest) >= static_cast<int>(*threshold);
  return fail ? kFindings : kOk;
}

}  // namespace wink::codegen::cli
