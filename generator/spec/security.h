// Security schemes and requirements as the document declares them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostics.h"

namespace wink::codegen::spec {

// An OAuth scope token (RFC 6749 section 3.3): printable ASCII except space, '"' and backslash. Scopes
// become C++ string literals and comments of the SDK, so the document's are checked against it.
bool is_scope_token(std::string_view scope);
inline constexpr const char* kScopeTokenRule = "printable ASCII without spaces, '\"' or '\\'";

struct OAuthFlow {
  std::string authorization_url, token_url, refresh_url;
  std::vector<std::pair<std::string, std::string>> scopes;  // name -> description
};

struct SecurityScheme {
  SourceLocation location;
  std::string name;
  std::string type;  // oauth2, http, apiKey, openIdConnect, mutualTLS
  std::string description;
  std::optional<OAuthFlow> client_credentials, authorization_code, implicit, password;
  // Every scope any flow of this scheme declares, sorted and unique.
  std::vector<std::string> all_scopes() const;
};

struct SecurityRequirement {
  SourceLocation location;
  std::vector<std::pair<std::string, std::vector<std::string>>> schemes;  // scheme -> scopes
};

}  // namespace wink::codegen::spec
