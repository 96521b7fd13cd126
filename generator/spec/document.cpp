#include <algorithm>

#include "spec/document.h"

namespace wink::codegen::spec {

bool Schema::is_required(const std::string& property) const {
  return std::find(required.begin(), required.end(), property) != required.end();
}

bool Schema::is_free_form() const {
  return ref.empty() && (types == 0 || types == kNull) && properties.empty() && !items &&
         all_of.empty() && one_of.empty() && any_of.empty() && enum_values.empty() && !const_value;
}

const Schema* Document::find_schema(const std::string& name) const {
  for (const auto& [n, s] : schemas)
    if (n == name) return s.get();
  return nullptr;
}

const SecurityScheme* Document::find_security_scheme(const std::string& name) const {
  for (const auto& s : security_schemes)
    if (s.name == name) return &s;
  return nullptr;
}

std::vector<std::string> SecurityScheme::all_scopes() const {
  std::vector<std::string> out;
  for (const auto* flow : {&client_credentials, &authorization_code, &implicit, &password})
    if (*flow)
      for (const auto& [scope, _] : (*flow)->scopes) out.push_back(scope);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace wink::codegen::spec
