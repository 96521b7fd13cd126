// Compile-time metadata for one API operation: generated SDKs emit a constexpr table of these.
#pragma once

#include <cstddef>
#include <string_view>

namespace wink {

// A constexpr-friendly view of a scope array (C++17 has no constexpr std::span).
struct ScopeList {
  const std::string_view* data = nullptr;
  std::size_t size = 0;
  constexpr const std::string_view* begin() const { return data; }
  constexpr const std::string_view* end() const { return data + size; }
  constexpr bool empty() const { return size == 0; }
};

struct OperationInfo {
  std::string_view operation_id;   // as written in the document
  std::string_view method;         // "GET", "POST", ...
  std::string_view path;           // path template, e.g. "/api/x/{id}"
  ScopeList scopes;                // every scope listed is required
  bool idempotent = false;         // GET, HEAD, PUT, DELETE, OPTIONS
};

}  // namespace wink
