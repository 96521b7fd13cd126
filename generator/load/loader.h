// Loads an OpenAPI document (JSON or YAML) and every file it references, and resolves `$ref`s.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <string_view>
#include <vector>

#include "diag/diagnostics.h"
#include "load/node.h"
#include "load/text_support.h"

namespace wink::codegen::load {

struct LoadLimits {
  std::size_t max_depth = 512;          // nesting depth of arrays/objects
  std::size_t max_nodes = 5'000'000;    // after YAML alias expansion ("billion laughs")
  std::size_t max_file_bytes = 256u << 20;
  std::size_t max_expanded_bytes = 256u << 20;  // scalar and key text after YAML alias expansion
};

// A resolved `$ref` target.
struct RefTarget {
  const Node* node = nullptr;  // nullptr when resolution failed (a diagnostic was reported)
  std::string file;            // canonical path of the file holding the target
  std::string pointer;         // JSON pointer of the target inside that file ("" = root)
};

class Loader {
 public:
  explicit Loader(Diagnostics& diags, LoadLimits limits = {});

  // Parses the root document. Returns nullptr (after reporting located diagnostics) on failure.
  // JSON is detected by content (first non-space char `{` or `[`), otherwise YAML.
  const Node* load_root(const std::string& path);

  // Parses text directly (tests, stdin); `name` is used in diagnostics.
  const Node* load_text(const std::string& name, std::string text);

  // Resolves `ref` (the value of a `$ref`) found in `from_file`. Handles `#/json/pointer`
  // (with ~0/~1 and percent-decoding), `other.yaml`, `other.yaml#/pointer`. Remote refs
  // (http:, https:, any URI scheme) are refused. `at` locates the `$ref` for diagnostics.
  RefTarget resolve(std::string_view ref, const std::string& from_file, SourceLocation at);

  // Lets file `$ref`s lead into `folder` too; by default they stay inside the folder of the
  // root document (load_root, load_text; the working directory for a name like "<stdin>").
  void allow_ref_root(const std::string& folder);

  // The canonical file name of the root document.
  const std::string& root_file() const;
  // Stable storage for file names (SourceLocation::file points here).
  const std::string* intern_file_name(const std::string& name);

 private:
  void set_root(const std::string& key);
  // True when a file `$ref` may lead to the canonical path `key`.
  bool may_read(const std::string& key) const;
  RefTarget resolve_uncached(std::string_view ref, const std::string& from_file, SourceLocation at);
  const Node* load_file(const std::string& canonical_path, SourceLocation requested_at);
  // Parses `text` (JSON or YAML by content) with locations pointing at `display_name`.
  std::unique_ptr<Node> parse_text(const std::string* display_name, std::string_view text);
  // Maps a file name (canonical key, display name, or any path) to its canonical key.
  std::string key_of(const std::string& file) const;
  // The name diagnostics use for a canonical key (the path as the user wrote it when known).
  const std::string* display_name_of(const std::string& key);

  Diagnostics& diags_;
  LoadLimits limits_;
  std::deque<std::string> file_names_;
  std::map<std::string, std::unique_ptr<Node>> documents_;  // canonical path -> root node (null = failed)
  std::string root_file_;
  std::string root_dir_;                 // canonical folder of the root document
  std::vector<std::string> extra_roots_;  // canonical folders allowed with allow_ref_root
  std::map<std::string, const std::string*> display_names_;  // canonical path -> interned display name
  std::map<std::string, std::string, std::less<>> keys_by_display_;  // display name -> canonical path
  std::vector<std::unique_ptr<Node>> replaced_;  // documents replaced by load_text (kept alive)
  // Successful resolutions by "from_file \n ref": documents repeat the same $refs thousands of
  // times, and walking to a schema among hundreds is a linear search per step.
  std::unordered_map<std::string, RefTarget> resolved_;
  detail::MemberIndex member_index_;
};

// Parsers used by Loader (exposed for unit tests). `file` must be interned.
std::unique_ptr<Node> parse_json(std::string_view text, const std::string* file, Diagnostics& diags,
                                 const LoadLimits& limits);
std::unique_ptr<Node> parse_yaml(std::string_view text, const std::string* file, Diagnostics& diags,
                                 const LoadLimits& limits);

// JSON pointer helpers.
std::string escape_pointer_token(std::string_view token);  // ~ -> ~0, / -> ~1
// Walks `pointer` ("" or "/a/b~1c/0") from `root`; nullptr when a segment is missing.
const Node* walk_pointer(const Node& root, std::string_view pointer);

}  // namespace wink::codegen::load
