#include "ir/build.h"

#include <map>
#include <set>

#include "ir/api.h"
#include "ir/model.h"
#include "ir/naming.h"
#include "ir/sdk_names.h"

namespace wink::codegen::ir {
namespace {

// Gives each group the JSON operation results naming its models (see ModelGroup::result_types):
// results naming models of one group only, each with a JSON codec and none an alias (another
// spelling of a type that may be instantiated elsewhere). The others stay instantiated where
// they are used.
void assign_result_types(Sdk& sdk) {
  std::map<std::string, std::pair<const Model*, const std::string*>> index;  // name -> model, group stem
  for (const auto& g : sdk.groups)
    for (const Model* m : g.models) index[m->name] = {m, &g.file_stem};
  std::map<std::string, std::set<std::string>> by_stem;
  for (const auto& api : sdk.apis)
    for (const auto& method : api.methods) {
      if (method.result.kind != Result::Kind::Json) continue;
      const std::string* stem = nullptr;
      bool owned = true;
      for (const auto& name : method.result.type.models()) {
        auto it = index.find(name);
        if (it == index.end()) continue;
        const auto& [model, group] = it->second;
        owned = owned && model->kind != Model::Kind::Alias && model->json_codec && (!stem || *stem == *group);
        stem = group;
      }
      if (owned && stem) by_stem[*stem].insert(method.result.type.cpp(sdk.namespace_name));
    }
  for (auto& g : sdk.groups) {
    auto it = by_stem.find(g.file_stem);
    if (it != by_stem.end()) g.result_types.assign(it->second.begin(), it->second.end());
  }
}

}  // namespace

std::optional<Sdk> build_sdk(const spec::Document& doc, const BuildOptions& options, Diagnostics& diags) {
  Sdk sdk;
  sdk.namespace_name = options.namespace_name;
  sdk.include_prefix = options.namespace_name;
  for (std::size_t p; (p = sdk.include_prefix.find("::")) != std::string::npos;) sdk.include_prefix.replace(p, 2, "/");
  sdk.title = doc.title;
  sdk.spec_version = doc.version;
  sdk.openapi_version = doc.openapi_version;
  if (!doc.servers.empty()) sdk.server_url = doc.servers.front().url;
  std::set<std::string> declared;
  for (const auto& scheme : doc.security_schemes) {
    for (const auto& s : scheme.all_scopes()) declared.insert(s);
    if (scheme.client_credentials && sdk.token_url.empty())
      sdk.token_url = scheme.client_credentials->token_url;
  }
  sdk.declared_scopes.assign(declared.begin(), declared.end());

  SdkNames names = claim_sdk_names(doc);
  ModelBuilder models(doc, names, sdk.models, diags);
  models.build_components();
  build_apis(doc, options, names, models, sdk, diags);
  sdk.groups = models.finish();
  assign_result_types(sdk);
  sdk.model_sources = plan_model_sources(sdk.groups);
  if (diags.has_errors()) return std::nullopt;
  return sdk;
}

}  // namespace wink::codegen::ir
