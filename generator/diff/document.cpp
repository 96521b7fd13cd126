// Document-wide parts: servers, security schemes, and the component schemas themselves (whose
// C++ types exist whether or not an operation uses them).
#include <algorithm>
#include <map>
#include <set>

#include "diff/differ.h"

namespace wink::codegen::diff {
namespace {

// Everything about a scheme a client depends on except the scope list (reported per scope).
std::string scheme_shape(const spec::SecurityScheme& s) {
  std::string out = s.type;
  auto flow = [&](const char* name, const std::optional<spec::OAuthFlow>& f) {
    if (f) out += cat(" ", name, "(", f->authorization_url, " ", f->token_url, " ", f->refresh_url, ")");
  };
  flow("clientCredentials", s.client_credentials);
  flow("authorizationCode", s.authorization_code);
  flow("implicit", s.implicit);
  flow("password", s.password);
  return out;
}

}  // namespace

namespace {

// Servers carry no location of their own: document-wide changes point at NEW's root.
Location document_location(const spec::Document& doc) {
  Location at;
  at.source = doc.location;
  return at;
}

}  // namespace

void Differ::compare_servers() {
  const Location at = document_location(new_);
  std::set<std::string> a, b;
  for (const auto& s : old_.servers) a.insert(s.url);
  for (const auto& s : new_.servers) b.insert(s.url);
  for (const auto& url : a)
    if (!b.count(url))
      add("server-removed", Level::Breaking, Level::Info, at,
          cat("server '", url, "' was removed: clients configured with it fail"));
  for (const auto& url : b)
    if (!a.count(url)) add("server-added", Level::NonBreaking, Level::Info, at, cat("server '", url, "' was added"));
  // The first server is the SDK's default base URL: order matters here, and only here.
  if (!old_.servers.empty() && !new_.servers.empty() && old_.servers.front().url != new_.servers.front().url &&
      b.count(old_.servers.front().url))
    add("server-default-changed", Level::NonBreaking, Level::Info, at,
        cat("the first server (the SDK's default base URL) is now '", new_.servers.front().url, "' instead of '",
            old_.servers.front().url, "'"));
}

void Differ::compare_security_schemes() {
  std::map<std::string, const spec::SecurityScheme*> a, b;
  for (const auto& s : old_.security_schemes) a.emplace(s.name, &s);
  for (const auto& s : new_.security_schemes) b.emplace(s.name, &s);
  const Location document = document_location(new_);
  for (const auto& [name, s] : a)
    if (!b.count(name))
      add("security-scheme-removed", Level::Breaking, Level::Info, document,
          cat("security scheme '", name, "' (", s->type, ") was removed"));
  for (const auto& [name, s] : b) {
    auto old = a.find(name);
    Location at = document;
    if (s->location.line != 0) at.source = s->location;
    if (old == a.end()) {
      add("security-scheme-added", Level::NonBreaking, Level::Info, at,
          cat("security scheme '", name, "' (", s->type, ") was added"));
      continue;
    }
    std::string before = scheme_shape(*old->second), after = scheme_shape(*s);
    if (before != after)
      add("security-scheme-changed", Level::Breaking, Level::Info, at,
          cat("security scheme '", name, "' changed: ", before, " -> ", after,
              " (clients built on OLD use the old flows/URLs)"));
    auto sa = old->second->all_scopes(), sb = s->all_scopes();  // sorted, unique
    std::vector<std::string> added, removed;
    std::set_difference(sb.begin(), sb.end(), sa.begin(), sa.end(), std::back_inserter(added));
    std::set_difference(sa.begin(), sa.end(), sb.begin(), sb.end(), std::back_inserter(removed));
    if (!removed.empty())
      add("security-scheme-scope-removed", Level::Breaking, Level::Info, at,
          cat("security scheme '", name, "' no longer declares ", join(removed, " "),
              ": token requests asking for it may be refused"));
    if (!added.empty())
      add("security-scheme-scope-added", Level::NonBreaking, Level::Info, at,
          cat("security scheme '", name, "' declares new scopes ", join(added, " ")));
  }
}

// Changes inside component schemas are found where payloads use them (operations.cpp); here
// only their existence: each component is a C++ type of the SDK.
void Differ::compare_components() {
  for (const auto& [name, schema] : old_.schemas)
    if (!new_.find_schema(name))
      add("schema-removed", Level::Info, Level::Source, Location{{}, {}, name, {}, {}, new_.location},
          cat("component schema removed: the C++ type ", old_names_.components.at(name),
              " is no longer generated (payloads that used it are reported where they are used)"));
  for (const auto& [name, schema] : new_.schemas)
    if (!old_.find_schema(name))
      add("schema-added", Level::Info, Level::Info, Location{{}, {}, name, {}, {}, schema->location},
          cat("new component schema (C++ type ", new_names_.components.at(name), ")"));
}

// Clients and SDKs are versioned after info.version: a breaking change under the same version
// is one nobody can pin against.
void Differ::check_version_bump() {
  if (old_.version != new_.version) return;
  std::size_t breaking = static_cast<std::size_t>(
      std::count_if(changes_.begin(), changes_.end(), [](const Change& c) { return c.level == Level::Breaking; }));
  if (breaking == 0) return;
  add("info-version-unchanged", Level::Info, Level::Info, document_location(new_),
      cat("info.version stays '", new_.version, "' although ", std::to_string(breaking),
          " change(s) are breaking: clients cannot tell the two documents apart"));
}

}  // namespace wink::codegen::diff
