// OAuth scope helpers shared by the client and generated SDKs.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "wink/operation.h"

namespace wink {

// What the client does when an operation needs a scope the token was not granted.
enum class ScopePolicy {
  Off,      // no check
  Warn,     // one log line per operation
  Enforce,  // wink::ScopeError before any request is sent
};

// Splits a space-separated scope string; empty items dropped, order kept.
std::vector<std::string> split_scopes(std::string_view scopes);
// Sorted, de-duplicated, space-separated.
std::string join_scopes(std::vector<std::string> scopes);

// The smallest scope string covering every listed operation: sorted, de-duplicated,
// space-separated (null entries are ignored).
std::string least_privilege_scopes(std::initializer_list<const OperationInfo*> operations);
std::string least_privilege_scopes(const std::vector<const OperationInfo*>& operations);

}  // namespace wink
