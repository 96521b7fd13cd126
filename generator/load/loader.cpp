// Document loading (files, format detection, caching) and `$ref` resolution.
//
// File identity: every document is cached under its canonical path
// (std::filesystem::weakly_canonical); RefTarget::file is that key, so (file, pointer) pairs
// identify targets for cycle detection. Diagnostics name files as the user wrote them (the
// root path as given, referenced files relative to the referencing file's display name), e.g.
// `specs/common.yaml:3:5`. Texts passed to load_text under a name like "<stdin>" keep that
// name as their key.
//
// Confinement: a file `$ref` may only lead into the folder of the top-level document (or a
// folder allowed with allow_ref_root), checked on canonical paths (links resolved), so that a
// downloaded document cannot make the generator read, and quote in its errors, files elsewhere
// on the machine.

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "load/input_file.h"
#include "load/loader.h"
#include "load/text_support.h"

namespace wink::codegen::load {
namespace fs = std::filesystem;

namespace {

bool is_pseudo_name(const std::string& name) { return name.empty() || name.front() == '<'; }

std::string canonical_path(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::path(path), ec);
  if (ec) {
    ec.clear();
    p = fs::absolute(fs::path(path), ec).lexically_normal();
    if (ec) return fs::path(path).lexically_normal().string();
  }
  return p.string();
}

// `scheme:` (RFC 3986: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":") before any '/', '?' or
// '#', or a network-path reference `//host/...`. One-letter "schemes" are left alone (they are
// Windows drive letters, which then simply fail to resolve as files).
bool is_remote_ref(std::string_view ref) {
  if (ref.substr(0, 2) == "//") return true;
  const std::size_t colon = ref.find(':');
  if (colon == std::string_view::npos || colon < 2) return false;
  const std::size_t stop = ref.find_first_of("/?#");
  if (stop != std::string_view::npos && stop < colon) return false;
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!alpha(ref[0])) return false;
  for (std::size_t i = 1; i < colon; ++i) {
    const char c = ref[i];
    if (!alpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') return false;
  }
  return true;
}

// True when the canonical path `file` lies inside the canonical folder `folder`.
bool is_inside(const fs::path& folder, const fs::path& file) {
  auto folder_end = folder.end();
  if (folder_end != folder.begin() && std::prev(folder_end)->empty()) --folder_end;  // "dir/" ends with ""
  return std::mismatch(folder.begin(), folder_end, file.begin(), file.end()).first == folder_end;
}

std::string in_quotes(std::string_view s) {
  std::string out(1, '\'');
  out += detail::quote_for_message(s, 200);
  out += '\'';
  return out;
}

}  // namespace

Loader::Loader(Diagnostics& diags, LoadLimits limits) : diags_(diags), limits_(limits) {}

const std::string* Loader::intern_file_name(const std::string& name) {
  for (const auto& existing : file_names_) {
    if (existing == name) return &existing;
  }
  file_names_.push_back(name);
  return &file_names_.back();
}

const std::string& Loader::root_file() const { return root_file_; }

void Loader::allow_ref_root(const std::string& folder) { extra_roots_.push_back(canonical_path(folder)); }

void Loader::set_root(const std::string& key) {
  root_file_ = key;
  std::error_code ec;
  root_dir_ = is_pseudo_name(key) ? canonical_path(fs::current_path(ec).string()) : fs::path(key).parent_path().string();
}

bool Loader::may_read(const std::string& key) const {
  if (is_inside(root_dir_, key)) return true;
  return std::any_of(extra_roots_.begin(), extra_roots_.end(),
                     [&](const std::string& root) { return is_inside(root, key); });
}

std::string Loader::key_of(const std::string& file) const {
  if (documents_.count(file) != 0 || display_names_.count(file) != 0) return file;
  if (auto it = keys_by_display_.find(file); it != keys_by_display_.end()) return it->second;
  if (is_pseudo_name(file)) return file;
  return canonical_path(file);
}

const std::string* Loader::display_name_of(const std::string& key) {
  if (auto it = display_names_.find(key); it != display_names_.end()) return it->second;
  const std::string* name = intern_file_name(key);
  display_names_.emplace(key, name);
  return name;
}

std::unique_ptr<Node> Loader::parse_text(const std::string* display_name, std::string_view text) {
  std::string_view body = detail::strip_utf8_bom(text);
  const std::size_t first = body.find_first_not_of(" \t\r\n");
  const bool json = first != std::string_view::npos && (body[first] == '{' || body[first] == '[');
  auto root = json ? parse_json(text, display_name, diags_, limits_) : parse_yaml(text, display_name, diags_, limits_);
  if (root) link_parents(*root);
  return root;
}

const Node* Loader::load_root(const std::string& path) {
  const std::string key = canonical_path(path);
  set_root(key);
  if (display_names_.count(key) == 0) display_names_.emplace(key, intern_file_name(path));
  keys_by_display_.emplace(path, key);
  return load_file(key, SourceLocation{display_name_of(key), 0, 0});
}

const Node* Loader::load_text(const std::string& name, std::string text) {
  const std::string key = is_pseudo_name(name) ? name : canonical_path(name);
  set_root(key);
  const std::string* display = intern_file_name(name);
  display_names_.insert_or_assign(key, display);
  keys_by_display_.insert_or_assign(name, key);
  auto& slot = documents_[key];
  if (slot) replaced_.push_back(std::move(slot));  // earlier Node pointers stay valid
  resolved_.clear();  // they may point into the replaced document
  slot = parse_text(display, text);
  return slot.get();
}

const Node* Loader::load_file(const std::string& canonical, SourceLocation requested_at) {
  if (auto it = documents_.find(canonical); it != documents_.end()) return it->second.get();
  auto& slot = documents_[canonical];  // stays null when loading fails: errors are reported once
  const std::string* display = display_name_of(canonical);

  std::string text;
  if (std::string why = read_input_file(canonical, limits_.max_file_bytes, text); !why.empty()) {
    diags_.error(requested_at, "cannot read " + in_quotes(*display) + ": " + why);
    return nullptr;
  }
  slot = parse_text(display, text);
  return slot.get();
}

RefTarget Loader::resolve(std::string_view ref, const std::string& from_file, SourceLocation at) {
  std::string cache_key;
  cache_key.reserve(from_file.size() + 1 + ref.size());
  cache_key.append(from_file).append(1, '\n').append(ref);
  if (auto it = resolved_.find(cache_key); it != resolved_.end()) return it->second;
  RefTarget result = resolve_uncached(ref, from_file, at);
  if (result.node) resolved_.emplace(std::move(cache_key), result);
  return result;
}

RefTarget Loader::resolve_uncached(std::string_view ref, const std::string& from_file, SourceLocation at) {
  RefTarget result;
  // Quoted only for a message: resolving runs for every $ref of a document.
  const auto ref_text = [&] { return in_quotes(ref); };
  if (ref.empty()) {
    diags_.error(at, "empty $ref");
    return result;
  }
  if (is_remote_ref(ref)) {
    diags_.error(at, "remote $ref " + ref_text() + " is not supported; download it and use a relative file reference");
    return result;
  }

  const std::size_t hash = ref.find('#');
  const std::string_view raw_path = ref.substr(0, hash);
  const std::string_view raw_fragment = hash == std::string_view::npos ? std::string_view() : ref.substr(hash + 1);
  auto path = detail::percent_decode(raw_path);
  auto pointer = detail::percent_decode(raw_fragment);
  if (!path || !pointer) {
    diags_.error(at, "$ref " + ref_text() + " contains a malformed percent-escape (expected '%' and two hex digits)");
    return result;
  }
  if (!pointer->empty() && pointer->front() != '/') {
    diags_.error(at, "$ref " + ref_text() + " has the fragment '#" + detail::quote_for_message(*pointer) +
                         "'; only JSON pointer fragments ('#/...') are supported");
    return result;
  }

  const std::string from_key = key_of(from_file);
  std::string key = from_key;
  const std::string* display = nullptr;
  if (!path->empty()) {
    const fs::path relative(*path);
    const fs::path base = is_pseudo_name(from_key) ? fs::path() : fs::path(from_key).parent_path();
    key = canonical_path((relative.is_absolute() ? relative : base / relative).string());
    if (!may_read(key)) {
      const fs::path root_display = fs::path(*display_name_of(root_file_)).parent_path();
      diags_.error(at, "$ref " + ref_text() + (relative.is_absolute() ? " is an absolute path outside" : " leads outside") +
                           " the folder of the document (" + in_quotes(root_display.empty() ? "." : root_display.string()) +
                           "); allow another folder with --allow-ref-root");
      return result;
    }
    if (display_names_.count(key) == 0) {
      const fs::path from_display(*display_name_of(from_key));
      const fs::path shown = relative.is_absolute() || is_pseudo_name(from_key)
                                 ? relative.lexically_normal()
                                 : (from_display.parent_path() / relative).lexically_normal();
      display_names_.emplace(key, intern_file_name(shown.string()));
    }
  }
  display = display_name_of(key);
  result.file = key;
  result.pointer = *pointer;

  const Node* document = nullptr;
  if (auto it = documents_.find(key); it != documents_.end()) {
    document = it->second.get();  // null: failed earlier, already reported
  } else {
    std::error_code ec;
    if (!fs::exists(fs::path(key), ec)) {
      documents_.emplace(key, nullptr);
      diags_.error(at, "$ref " + ref_text() + " refers to a file that does not exist: " + *display);
      return result;
    }
    document = load_file(key, at);
  }
  if (!document) return result;

  detail::PointerWalk walk = detail::walk_pointer_explained(*document, *pointer, &member_index_);
  if (!walk.node) {
    std::string message = "$ref " + ref_text() + " does not resolve: " + walk.error;
    if (key != from_key) message += " of " + *display;
    diags_.error(at, std::move(message));
    return result;
  }
  result.node = walk.node;
  return result;
}

}  // namespace wink::codegen::load
