// Internal helpers shared by the JSON and YAML parsers and the loader (not part of the
// load-stage interface): line/column bookkeeping, UTF-8 validation, blank-document checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "diag/diagnostics.h"

namespace wink::codegen::load::detail {

// Converts byte offsets into 1-based line:column (columns count UTF-8 code points, so a
// column matches what an editor shows for non-ASCII text). Queries are expected to move
// forward through the text; a query behind the cursor restarts from the beginning, so the
// total cost of a monotonic sequence of queries is linear in the text size.
class LineCursor {
 public:
  LineCursor(std::string_view text, const std::string* file) : text_(text), file_(file) {}

  SourceLocation at(std::size_t offset);
  // Offset of the last query (queries at or after it are cheap).
  std::size_t offset() const { return pos_; }

 private:
  std::string_view text_;
  const std::string* file_;
  std::size_t pos_ = 0;
  std::uint32_t line_ = 1;
  std::uint32_t column_ = 1;
};

// Code points in text[line_start, offset) + 1, for callers that already know the line start.
std::uint32_t column_of(std::string_view text, std::size_t line_start, std::size_t offset);

// One-off conversion (error paths).
SourceLocation location_of(std::string_view text, std::size_t offset, const std::string* file);

// The UTF-8 byte order mark, if `text` starts with one, is not part of the document.
std::string_view strip_utf8_bom(std::string_view text);

// Offset of the first byte that makes `text` invalid UTF-8 (overlong forms, surrogates and
// code points above U+10FFFF are invalid too), or nullopt when the text is valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Checks the encoding of a whole document and reports a located error when it is not UTF-8
// (including UTF-16/UTF-32 byte order marks and stray NUL bytes). Returns false on error.
bool check_document_encoding(std::string_view text, const std::string* file, Diagnostics& diags);

// True when `text` contains only spaces, tabs and line breaks.
bool is_blank(std::string_view text);

// Printable rendering of a byte string for messages: control characters escaped, long text cut.
std::string quote_for_message(std::string_view text, std::size_t max_chars = 60);

// The checks every parser runs first: valid UTF-8 (no NUL), BOM dropped, not blank ("empty
// document" is reported). Returns false, with a located error, when the text cannot be parsed.
bool prepare_document_text(std::string_view& text, const std::string* file, Diagnostics& diags);

}  // namespace wink::codegen::load::detail

namespace wink::codegen::load {
class Node;
}

namespace wink::codegen::load::detail {

// Walks a JSON pointer ("" = root, "/a/b~1c/0"); on failure `node` is null and `error`
// explains which segment is missing ("no member 'Pet' in /components/schemas").
struct PointerWalk {
  const Node* node = nullptr;
  std::string error;
};
// Member lookup for big objects of finished (immutable) documents: Node::find is a linear scan,
// so resolving a $ref to each of n schemas would cost n^2. Built per object on first use.
class MemberIndex {
 public:
  const Node* find(const Node& object, std::string_view key);

 private:
  std::unordered_map<const Node*, std::unordered_map<std::string_view, const Node*>> by_object_;
};
PointerWalk walk_pointer_explained(const Node& root, std::string_view pointer, MemberIndex* index = nullptr);

// Decodes %XX escapes (RFC 3986). nullopt when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace wink::codegen::load::detail
