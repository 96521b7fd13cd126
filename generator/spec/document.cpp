#include <algorithm>
#include <unordered_set>

#include "spec/document.h"

#include "load/node.h"

namespace wink::codegen::spec {

std::string Parameter::pointer() const { return node ? load::pointer_of(*node) : std::string(); }
std::string Operation::pointer() const { return node ? load::pointer_of(*node) : std::string(); }
std::string Schema::pointer() const { return node ? load::pointer_of(*node) : std::string(); }

bool Schema::is_required(const std::string& property) const {
  return std::find(required.begin(), required.end(), property) != required.end();
}

bool Schema::is_free_form() const {
  return ref.empty() && (types == 0 || types == kNull) && properties.empty() && !items &&
         all_of.empty() && one_of.empty() && any_of.empty() && enum_values.empty() && !const_value;
}

const Schema* Document::find_schema(const std::string& name) const {
  for (; indexed_ < schemas.size(); ++indexed_)  // the first of duplicate names wins, as written
    schema_index_.emplace(schemas[indexed_].first, schemas[indexed_].second.get());
  auto it = schema_index_.find(name);
  return it == schema_index_.end() ? nullptr : it->second;
}

const Schema* Document::resolve(const Schema* schema) const {
  if (!schema || !schema->is_ref()) return schema;
  std::vector<const std::string*> names;
  std::unordered_set<std::string_view> seen;
  const Schema* end = schema;
  while (end && end->is_ref()) {
    if (auto known = chain_end_.find(end->ref); known != chain_end_.end()) {
      end = known->second;
      break;
    }
    if (!seen.insert(end->ref).second) return nullptr;  // a cycle of pure references
    names.push_back(&end->ref);
    end = find_schema(end->ref);
  }
  if (!end) return nullptr;  // dangling (not remembered: the name may be added later)
  for (const std::string* name : names) chain_end_.emplace(*name, end);
  return end;
}

const SecurityScheme* Document::find_security_scheme(const std::string& name) const {
  for (const auto& s : security_schemes)
    if (s.name == name) return &s;
  return nullptr;
}

bool is_scope_token(std::string_view scope) {
  return !scope.empty() && std::all_of(scope.begin(), scope.end(), [](char c) {
    return c >= 0x21 && c <= 0x7E && c != '"' && c != '\\';
  });
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
