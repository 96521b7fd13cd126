// The rule ids `diff` can emit. Ids are stable: CI filters and suppressions refer to them.
// Levels (wire / C++) are documented in docs/ci/README.md and decided where each rule is emitted.
#include "diff/diff.h"

namespace wink::codegen::diff {

const std::vector<Rule>& rules() {
  static const std::vector<Rule> kRules = {
      {"operation-added", "a new operation (method + path template)"},
      {"operation-removed", "an operation is gone"},
      {"operation-id-changed", "operationId changed; source-breaking only when the C++ method name changes"},
      {"operation-tag-changed", "tags changed; source-breaking when the first tag (the C++ API class) changes"},
      {"operation-deprecated", "the operation became deprecated"},
      {"operation-scopes-changed", "the OAuth scopes the operation requires changed"},
      {"parameter-added", "a parameter was added (required: breaking)"},
      {"parameter-removed", "a parameter was removed (C++ argument gone)"},
      {"parameter-renamed", "a path parameter was renamed (same position)"},
      {"parameter-required-changed", "a parameter became required or optional"},
      {"parameter-type-changed", "a parameter's type, format or enum constraint changed"},
      {"parameter-location-changed", "a parameter moved between query, header and cookie"},
      {"parameter-style-changed", "a parameter's style/explode serialisation changed"},
      {"parameter-order-changed", "the order of the C++ positional (required) parameters changed"},
      {"request-body-added", "the operation now takes a request body"},
      {"request-body-removed", "the operation no longer takes a request body"},
      {"request-body-required-changed", "the request body became required or optional"},
      {"request-media-type-added", "a request media type is now accepted"},
      {"request-media-type-removed", "a request media type is no longer accepted"},
      {"request-property-added", "a request property was added (required: breaking)"},
      {"request-property-removed", "a request property was removed"},
      {"request-property-required-changed", "a request property became required or optional"},
      {"request-property-type-changed", "a request schema's type, format or enum constraint changed"},
      {"request-property-nullable", "a request value may now be null"},
      {"request-property-not-nullable", "a request value may no longer be null"},
      {"response-status-added", "a response status is now documented"},
      {"response-status-removed", "a response status is no longer documented"},
      {"response-media-type-added", "a response media type may now be returned"},
      {"response-media-type-removed", "a response media type is no longer returned"},
      {"response-property-added", "a response property was added"},
      {"response-property-removed", "a response property is no longer returned"},
      {"response-property-required-changed", "a response property became required or optional"},
      {"response-property-type-changed", "a response schema's type, format or enum constraint changed"},
      {"response-property-nullable", "a response value may now be null"},
      {"response-property-not-nullable", "a response value is never null any more"},
      {"enum-value-added", "an enum gained values (judged by direction)"},
      {"enum-value-removed", "an enum lost values (judged by direction)"},
      {"alternative-added", "a oneOf/anyOf gained an alternative"},
      {"alternative-removed", "a oneOf/anyOf lost an alternative"},
      {"schema-ref-changed", "a payload refers to a different component (or inline <-> component): C++ type changes"},
      {"schema-added", "a new component schema"},
      {"schema-removed", "a component schema is gone (its C++ type too)"},
      {"security-scheme-added", "a new security scheme"},
      {"security-scheme-removed", "a security scheme is gone"},
      {"security-scheme-changed", "a security scheme's type, flows or URLs changed"},
      {"security-scheme-scope-added", "a security scheme declares new scopes"},
      {"security-scheme-scope-removed", "a security scheme no longer declares a scope"},
      {"server-added", "a server was added"},
      {"server-removed", "a server was removed"},
      {"server-default-changed", "the first server (the SDK's default base URL) changed"},
  };
  return kRules;
}

}  // namespace wink::codegen::diff
