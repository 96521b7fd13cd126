// The rule ids `diff` can emit and their contract. Ids are stable: CI filters and suppressions
// refer to them. "wire" judges a client built on OLD (the SDK generated from it) talking to a
// server that speaks NEW; "C++" judges code written against OLD's SDK compiled against NEW's.
// Each line is what the code that emits the rule decides; docs/ci/README.md shows this table.
#include "diff/diff.h"
#include "diff/differ.h"

namespace wink::codegen::diff {

const std::vector<Rule>& rules() {
  static const std::vector<Rule> kRules = {
      // Operations.
      {"operation-added", "a new operation (method + path template)", "non-breaking", "info",
       "a new method; nothing existing changes"},
      {"operation-removed", "an operation is gone", "breaking", "source", "calls fail; the C++ method is gone"},
      {"operation-id-changed", "operationId changed", "info", "info when the C++ method name stays, else source",
       "operationIds never reach the wire; the method name derives from them"},
      {"operation-tag-changed", "tags changed", "info", "source when the first tag changes, else info",
       "the first tag names the C++ API class"},
      {"operation-deprecated", "the operation became deprecated", "info", "info",
       "a notice; the SDK says it in a comment"},
      {"operation-deprecation-removed", "the operation is no longer deprecated", "info", "info", "a notice"},
      {"operation-scopes-changed", "the OAuth scopes the operation requires changed (as `generate` derives them)",
       "breaking when NEW needs a scope OLD did not, else non-breaking", "info",
       "a token granted for OLD's scopes is refused"},
      // Parameters (judged as requests).
      {"parameter-added", "a parameter was added", "required: breaking; optional: non-breaking",
       "required: source (a new positional argument); optional: info", "OLD clients do not send it"},
      {"parameter-removed", "a parameter was removed", "non-breaking",
       "source (runtime headers: info)", "servers ignore unknown parameters; the C++ argument goes"},
      {"parameter-renamed", "a path parameter was renamed (same position)", "info", "info",
       "path values are positional on the wire and in C++"},
      {"parameter-required-changed", "a parameter became required or optional",
       "now required: breaking; now optional: non-breaking", "source (positional argument <-> Params field)",
       "OLD clients may not send it"},
      {"parameter-type-changed", "a parameter's type, format or enum constraint changed",
       "breaking unless NEW accepts every OLD value (int32 -> int64, integer -> number, a string format added)",
       "source when the C++ type changes", "values OLD clients send must still be accepted"},
      {"parameter-location-changed", "a parameter moved between query, header and cookie", "breaking", "info",
       "OLD clients send it where NEW does not look"},
      {"parameter-style-changed", "a parameter's style/explode serialisation changed", "breaking", "info",
       "NEW parses what OLD clients send differently"},
      {"parameter-order-changed", "the order of the C++ positional arguments changed", "info", "source",
       "path parameters follow the path template, then required parameters in document order"},
      // Request bodies.
      {"request-body-added", "the operation now takes a request body", "required: breaking; optional: non-breaking",
       "source (a body argument is inserted)", "OLD clients send none"},
      {"request-body-removed", "the operation no longer takes a request body", "non-breaking", "source",
       "the body argument goes"},
      {"request-body-required-changed", "the request body became required or optional",
       "now required: breaking; now optional: non-breaking", "info", "OLD clients may send none"},
      {"request-media-type-added", "a request media type is now accepted", "non-breaking", "info", "an addition"},
      {"request-media-type-removed", "a request media type is no longer accepted",
       "breaking when it is the one the SDK sends and NEW leaves none it can send, else info", "info",
       "the SDK sends one media type (JSON when there is one)"},
      // Payload properties and values: requests.
      {"request-property-added", "a request property was added", "required: breaking; optional: non-breaking", "info",
       "OLD clients do not send it; optional members are added to the struct"},
      {"request-property-removed", "a request property was removed", "non-breaking", "source",
       "servers ignore unknown properties; the C++ member goes"},
      {"request-property-required-changed", "a request property became required or optional",
       "now required: breaking; now optional: non-breaking", "info", "OLD clients may omit it"},
      {"request-property-type-changed", "a request value's type, format or enum constraint changed",
       "like parameter-type-changed; info when only the spelling changes (a union with null)",
       "source when the C++ type changes", "values OLD clients send must still be accepted"},
      {"request-property-nullable", "a request value may now be null", "non-breaking",
       "source for struct members (the member's wrapper changes), else info", "NEW accepts more"},
      {"request-property-not-nullable", "a request value may no longer be null", "breaking",
       "source for struct members, else info", "OLD clients may send null"},
      {"request-constraint-tightened",
       "a request limit got stricter: minLength, maxLength, minItems, maxItems, minimum, maximum (exclusive too), "
       "pattern added or changed",
       "breaking", "info", "NEW may reject values OLD clients send; C++ types carry no limits"},
      {"request-constraint-loosened", "a request limit got looser or was removed", "non-breaking", "info",
       "NEW accepts everything OLD did"},
      // Responses.
      {"response-status-added", "a response status is now documented", "non-breaking", "info", "an addition"},
      {"response-status-removed", "a response status is no longer documented", "2xx: breaking; others: info", "info",
       "OLD clients expect the success response"},
      {"response-media-type-added", "a response media type may now be returned", "non-breaking", "info",
       "the SDK asks for the one it reads"},
      {"response-media-type-removed", "a response media type is no longer returned",
       "2xx: breaking when it is the one the SDK reads and NEW returns none it can read; else info", "info",
       "media types the SDK does not read (XML beside JSON) do not matter to it"},
      {"response-header-added", "a response header is now documented", "non-breaking", "info",
       "callers read headers from the response; the SDK reads none"},
      {"response-header-removed", "a response header is no longer documented",
       "breaking when OLD marked it required, else non-breaking", "info", "callers may rely on a required header"},
      // Payload properties and values: responses.
      {"response-property-added", "a response property was added", "non-breaking", "info",
       "OLD clients skip unknown properties"},
      {"response-property-removed", "a response property is no longer returned",
       "breaking when OLD required it; optional in OLD: non-breaking", "source",
       "the SDK decodes an absent optional member as std::nullopt; code reading the member stops compiling"},
      {"response-property-required-changed", "a response property became required or optional",
       "now optional: breaking; now required: non-breaking", "source (std::optional added or removed)",
       "OLD clients fail on a missing required member"},
      {"response-property-type-changed", "a response value's type, format or enum constraint changed",
       "breaking unless OLD clients read every NEW value (e.g. int64 -> int32); info when only the spelling "
       "changes (a union with null)",
       "source when the C++ type changes", "values NEW returns must still decode"},
      {"response-property-nullable", "a response value may now be null",
       "non-breaking for a member optional in OLD, else breaking",
       "source for struct members (std::optional<T> -> wink::Nullable<T>, T -> std::optional<T>), else info",
       "the SDK decodes null into an optional member's std::nullopt, but fails on a required one"},
      {"response-property-not-nullable", "a response value is never null any more", "non-breaking",
       "source for struct members, else info", "OLD clients read fewer cases"},
      {"property-read-only-changed", "a property became readOnly or stopped being readOnly",
       "request: now readOnly non-breaking, no longer readOnly breaking when required else non-breaking; "
       "response: info",
       "info", "readOnly properties are never sent; the C++ struct keeps the member"},
      {"property-write-only-changed", "a property became writeOnly or stopped being writeOnly",
       "response: now writeOnly breaking when OLD required it else non-breaking, no longer writeOnly non-breaking; "
       "request: info",
       "info", "writeOnly properties are never returned; the C++ struct keeps the member"},
      {"default-value-changed", "a schema's default was added, removed or changed",
       "request: non-breaking; response: info", "info",
       "the server applies it when OLD clients leave the value out; the SDK fills in no defaults"},
      {"deprecation-added", "a parameter, response header, property or schema became deprecated", "info", "info",
       "a notice; the SDK says it in a comment"},
      {"deprecation-removed", "a parameter, response header, property or schema is no longer deprecated", "info",
       "info", "a notice"},
      // Values and variants.
      {"enum-value-added", "an enum gained values", "non-breaking (response: OLD clients see an unknown value)",
       "info", "wink::EnumValue keeps unknown values; exhaustive switches should handle them"},
      {"enum-value-removed", "an enum lost values", "request: breaking; response: info",
       "source for string enums (the enumerator goes), else info", "OLD clients may send the value"},
      {"alternative-added", "a oneOf/anyOf gained an alternative", "request: non-breaking; response: breaking",
       "source", "OLD clients cannot decode it; the C++ variant changes"},
      {"alternative-removed", "a oneOf/anyOf lost an alternative", "request: breaking; response: info", "source",
       "OLD clients may send it; the C++ variant changes"},
      {"discriminator-property-changed", "the property a oneOf/anyOf discriminates on changed (or appeared, or went)",
       "breaking", "info", "the SDK's variant decoder reads that property"},
      {"discriminator-mapping-changed", "discriminator mapping entries were added, removed or re-targeted",
       "breaking when a value maps elsewhere, or (request) a value OLD sends is gone, or (response) a value OLD "
       "cannot map appears; else non-breaking",
       "info", "values pick the alternative a payload decodes as"},
      // Schemas.
      {"schema-ref-changed", "a payload refers to a different component (or inline <-> component)", "info", "source",
       "the C++ type's name changes; the structures are compared too (under `schema OLD -> NEW`)"},
      {"schema-added", "a new component schema", "info", "info", "a new C++ type"},
      {"schema-removed", "a component schema is gone", "info", "source",
       "its C++ type goes; payloads that used it are reported where they are used"},
      // Document.
      {"security-scheme-added", "a new security scheme", "non-breaking", "info", "an addition"},
      {"security-scheme-removed", "a security scheme is gone", "breaking", "info", "OLD clients authenticate with it"},
      {"security-scheme-changed", "a security scheme's type, flows or URLs changed", "breaking", "info",
       "OLD clients use the old flows and URLs"},
      {"security-scheme-scope-added", "a security scheme declares new scopes", "non-breaking", "info", "an addition"},
      {"security-scheme-scope-removed", "a security scheme no longer declares a scope", "breaking", "info",
       "token requests asking for it may be refused"},
      {"server-added", "a server was added", "non-breaking", "info", "an addition"},
      {"server-removed", "a server was removed", "breaking", "info", "clients configured with it fail"},
      {"server-default-changed", "the first server (the SDK's default base URL) changed", "non-breaking", "info",
       "the old server is still listed"},
      {"info-version-unchanged", "breaking changes under the same info.version", "info", "info",
       "clients cannot tell the two documents apart"},
  };
  return kRules;
}

std::string rules_markdown() {
  std::string out = "| Rule | Detects | Wire | C++ | Why |\n| --- | --- | --- | --- | --- |\n";
  for (const auto& r : rules())
    out += cat("| `", r.id, "` | ", r.detects, " | ", r.wire, " | ", r.cpp, " | ", r.why, " |\n");
  return out;
}

}  // namespace wink::codegen::diff
