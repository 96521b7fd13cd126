// YAML -> Node with yaml-cpp.
//
// The parser drives yaml-cpp's event interface (`YAML::Parser` + `YAML::EventHandler`, the
// machinery `YAML::Load` is built on) and builds Nodes directly instead of going through
// `YAML::Load`'s node graph. Reasons:
//  * aliases: `YAML::Load` shares aliased nodes and offers no public node identity, so the size
//    of an alias expansion cannot be memoised. With events, every anchored node's expanded size
//    and height are known when its alias appears; the node budget (LoadLimits::max_nodes) and the
//    depth budget are checked before anything is copied, so a "billion laughs" document stops
//    after a few aliases, in microseconds, without allocating the expansion. Aliases are first
//    stored as placeholders and expanded (copied) at the end, once the totals are known to fit.
//  * depth: events let the builder abort (by throwing out of the handler) as soon as nesting
//    exceeds LoadLimits::max_depth, so yaml-cpp's own recursion (SingleDocParser::HandleNode)
//    never goes deeper than max_depth frames. yaml-cpp 0.7 also has its own guard
//    (YAML::DeepRecursion, thrown at about 500 nested nodes), which therefore is the effective
//    YAML limit while max_depth >= 500; it is reported as the same "nesting is too deep" error,
//    located at the innermost open collection. No textual pre-scan is needed: yaml-cpp's scanner
//    keeps flow levels and indents in explicit stacks, so a 100,000-deep `[[[...` fails quickly
//    instead of overflowing the stack.
//
// Scalars: untagged plain scalars are resolved with the YAML 1.2 core schema; quoted scalars
// (non-specific tag "!") are strings; explicit !!str/!!int/!!float/!!bool/!!null are honoured;
// other tags are ignored (value kept as a string). Keys are always strings (the text as written).
// Locations use yaml-cpp's Mark (0-based, columns in bytes), converted to 1-based line and
// code-point column from the byte offset.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <istream>
#include <limits>
#include <new>
#include <optional>
#include <streambuf>
#include <unordered_map>

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include "load/loader.h"
#include "load/text_support.h"

namespace wink::codegen::load {
namespace {

// Read-only streambuf over existing memory (no copy of the document).
class ViewStreamBuf : public std::streambuf {
 public:
  explicit ViewStreamBuf(std::string_view text) {
    char* begin = const_cast<char*>(text.data());
    setg(begin, begin, begin + text.size());
  }
};

// Thrown out of the event handler to stop yaml-cpp immediately.
struct AbortParse {
  SourceLocation where;
  std::string message;
};

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_null_literal(std::string_view v) { return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL"; }

std::optional<bool> bool_literal(std::string_view v) {
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  return std::nullopt;
}

// Sets node to Integer (or Number when the value does not fit int64). Returns false when `v`
// is not a core-schema integer: [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+
bool parse_core_int(std::string_view v, Node& node) {
  int base = 10;
  std::string_view digits = v;
  bool negative = false;
  if (v.size() > 2 && v[0] == '0' && (v[1] == 'o' || v[1] == 'x')) {
    base = v[1] == 'o' ? 8 : 16;
    digits = v.substr(2);
  } else if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
    negative = v[0] == '-';
    digits = v.substr(1);
  }
  if (digits.empty()) return false;
  for (char c : digits) {
    const bool ok = base == 8    ? (c >= '0' && c <= '7')
                    : base == 10 ? is_digit(c)
                                 : (is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
    if (!ok) return false;
  }
  std::uint64_t magnitude = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude, base);
  const bool fits = ec == std::errc() && ptr == digits.data() + digits.size() &&
                    (negative ? magnitude <= std::uint64_t{1} << 63
                              : magnitude <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()));
  node.text.assign(v);
  if (fits) {
    node.kind = Node::Kind::Integer;
    node.integer = negative ? static_cast<std::int64_t>(0 - magnitude) : static_cast<std::int64_t>(magnitude);
    node.number = static_cast<double>(node.integer);
  } else {
    double d = 0;
    for (char c : digits) {
      const int digit = is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
      d = d * base + digit;
    }
    node.kind = Node::Kind::Number;
    node.number = negative ? -d : d;
  }
  return true;
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? | [-+]?\.(inf|Inf|INF) | \.(nan|NaN|NAN)
bool parse_core_float(std::string_view v, Node& node) {
  std::string_view body = v;
  bool negative = false;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (body == ".inf" || body == ".Inf" || body == ".INF") {
    node.kind = Node::Kind::Number;
    node.number = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    node.text.assign(v);
    return true;
  }
  if (v == ".nan" || v == ".NaN" || v == ".NAN") {
    node.kind = Node::Kind::Number;
    node.number = std::numeric_limits<double>::quiet_NaN();
    node.text.assign(v);
    return true;
  }
  std::size_t i = 0;
  std::size_t mantissa_digits = 0;
  while (i < body.size() && is_digit(body[i])) ++i, ++mantissa_digits;
  if (i < body.size() && body[i] == '.') {
    ++i;
    while (i < body.size() && is_digit(body[i])) ++i, ++mantissa_digits;
  }
  if (mantissa_digits == 0) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) ++i;
    if (i == body.size() || !is_digit(body[i])) return false;
    while (i < body.size() && is_digit(body[i])) ++i;
  }
  if (i != body.size()) return false;
  double d = 0;
  const auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), d);
  if (ptr != body.data() + body.size()) return false;
  if (ec == std::errc::result_out_of_range) {
    // Decide between overflow and underflow by the decimal exponent sign.
    d = (body.find("e-") != std::string_view::npos || body.find("E-") != std::string_view::npos)
            ? 0.0
            : std::numeric_limits<double>::infinity();
  }
  node.kind = Node::Kind::Number;
  node.number = negative ? -d : d;
  node.text.assign(v);
  return true;
}

// yaml-cpp's exception texts are not shown verbatim: users get our wording (and a stable one
// whatever the yaml-cpp version). Matched by prefix because some messages append a detail.
std::string readable_yaml_error(const std::string& yaml_cpp_message) {
  struct Rewording {
    std::string_view prefix;
    std::string_view text;
  };
  static constexpr Rewording kRewordings[] = {
      {"end of map not found", "a mapping ends unexpectedly here (check the indentation)"},
      {"end of map flow not found", "a flow mapping '{' is not closed with '}'"},
      {"end of sequence not found", "a sequence ends unexpectedly here (check the indentation)"},
      {"end of sequence flow not found", "a flow sequence '[' is not closed with ']'"},
      {"illegal map value", "a ':' mapping value is not allowed here (quote a value that contains ': ')"},
      {"illegal map key", "a mapping key is not allowed here"},
      {"illegal block entry", "a '- ' sequence entry is not allowed here"},
      {"illegal flow end", "a closing ']' or '}' has no opening bracket"},
      {"illegal EOF in scalar", "the input ends inside a quoted string"},
      {"illegal document indicator in scalar", "a '---' or '...' line appears inside a quoted string"},
      {"illegal character in scalar", "a character that is not allowed appears in a scalar"},
      {"illegal tab when looking for indentation", "a tab is used for indentation (YAML allows spaces only)"},
      {"the referenced anchor is not defined", "an alias refers to an anchor that is not defined before it"},
      {"alias not found after *", "'*' is not followed by an alias name"},
      {"anchor not found after &", "'&' is not followed by an anchor name"},
      {"unknown token", "a token that is not YAML appears here"},
      {"unknown escape character", "a quoted string contains an unknown escape sequence"},
      {"invalid unicode", "a quoted string contains an invalid \\u or \\U escape"},
      {"bad character found while scanning hex number", "a quoted string contains an invalid hex escape"},
      {"cannot assign multiple tags", "a node has more than one tag"},
      {"cannot assign multiple anchors", "a node has more than one anchor"},
      {"aliases can't have any content", "an alias cannot have content of its own"},
  };
  for (const auto& r : kRewordings) {
    if (std::string_view(yaml_cpp_message).substr(0, r.prefix.size()) == r.prefix) return std::string(r.text);
  }
  return "the text is not valid YAML here";
}

// YAML 1.2 (§5.4) lets a lone CR end a line; yaml-cpp only knows LF and CR LF. Turning each
// lone CR into LF keeps every byte offset, so locations still point into the original text.
std::string with_lone_cr_as_lf(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
  }
  return out;
}

bool is_placeholder(const Node& n) { return n.kind == Node::Kind::Null && n.boolean && n.integer > 0; }

class YamlBuilder final : public YAML::EventHandler {
 public:
  YamlBuilder(std::string_view text, const std::string* file, Diagnostics& diags, const LoadLimits& limits)
      : text_(text), file_(file), diags_(diags), limits_(limits), cursor_(text, file) {}

  // --- events --------------------------------------------------------------------------------
  void OnDocumentStart(const YAML::Mark& mark) override {
    if (documents_++ > 0) {
      throw AbortParse{loc(mark), "a second YAML document starts here; only one document per file is supported"};
    }
  }
  void OnDocumentEnd() override {}

  void OnAnchor(const YAML::Mark& /*mark*/, const std::string& name) override { pending_anchor_name_ = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    count_nodes(1, 0, mark);
    const SourceLocation where = loc(mark);
    if (in_key_position()) {
      take_key(null_key_text(mark), where, anchor);
      return;
    }
    Node node;
    node.location = where;
    complete(std::move(node), 1, 0, 0, anchor);
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    count_nodes(1, value.size(), mark);
    const SourceLocation where = loc(mark);
    if (in_key_position()) {
      // yaml-cpp's event parser does not expand merge keys; taken as a plain member name, `<<`
      // would silently become a property.
      if (tag == "?" && value == "<<") {
        throw AbortParse{where, "YAML merge keys ('<<') are not supported; write the merged members out"};
      }
      take_key(value, where, anchor);
      return;
    }
    complete(resolve_scalar(tag, value, where), 1, value.size(), 0, anchor);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const SourceLocation where = loc(mark);
    if (anchor == 0 || anchor >= anchors_.size()) throw AbortParse{where, "alias refers to an unknown anchor"};
    Anchor& a = anchors_[anchor];
    if (!a.complete) {
      throw AbortParse{where, "alias '*" + a.name + "' refers to a node that contains it (recursive alias)"};
    }
    count_nodes(a.count, a.bytes, mark);
    if (in_key_position()) {
      if (a.node.kind == Node::Kind::Array || a.node.kind == Node::Kind::Object) {
        complex_key(a.node.kind, where);
      } else {
        take_key(scalar_text(a.node), where, 0);
      }
      return;
    }
    if (frames_.size() + a.height > limits_.max_depth) throw depth_error(where);
    if (a.height == 0) {
      Node copy = a.node;  // scalars are copied right away
      complete(std::move(copy), a.count, a.bytes, 0, 0);
      return;
    }
    Node placeholder;
    placeholder.location = where;
    placeholder.boolean = true;
    placeholder.integer = static_cast<std::int64_t>(anchor);
    has_placeholders_ = true;
    complete(std::move(placeholder), a.count, a.bytes, a.height, 0);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value /*style*/) override {
    open(Node::Kind::Array, mark, anchor);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value /*style*/) override {
    open(Node::Kind::Object, mark, anchor);
  }
  void OnMapEnd() override { close(); }

  // --- results -------------------------------------------------------------------------------
  bool has_root() const { return has_root_; }
  std::unique_ptr<Node> take_root() {
    if (has_placeholders_) expand(root_);
    return std::make_unique<Node>(std::move(root_));
  }

  std::optional<SourceLocation> innermost_open() const {
    if (frames_.empty()) return std::nullopt;
    return frames_.back().node.location;
  }

  SourceLocation loc(const YAML::Mark& mark) {
    if (mark.pos < 0 || mark.line < 0 || mark.column < 0) return SourceLocation{file_, 1, 1};
    const auto offset = std::min(static_cast<std::size_t>(mark.pos), text_.size());
    if (offset >= cursor_.offset()) return cursor_.at(offset);
    // Rare backwards step: yaml-cpp already knows the line; recount the column only.
    const auto column = static_cast<std::size_t>(mark.column);
    const std::size_t line_start = offset >= column ? offset - column : 0;
    return SourceLocation{file_, static_cast<std::uint32_t>(mark.line + 1),
                          detail::column_of(text_, line_start, offset)};
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  static constexpr std::size_t kIndexThreshold = 16;

  struct Frame {
    Node node;
    YAML::anchor_t anchor = 0;
    std::size_t count = 1;   // nodes (and keys) in this subtree, aliases expanded
    std::size_t bytes = 0;   // scalar and key text in this subtree, aliases expanded
    std::size_t height = 1;  // container nesting of this subtree, aliases expanded
    // Mappings only.
    bool expect_key = true;
    bool skip_value = false;  // the pending key was a duplicate or not a scalar
    std::string key;
    SourceLocation key_location;
    std::vector<SourceLocation> key_locations;  // parallel to node.members
    std::unordered_map<std::string, std::size_t> index;
  };

  struct Anchor {
    std::string name;
    bool complete = false;
    Node node;
    std::size_t count = 0;
    std::size_t bytes = 0;
    std::size_t height = 0;
  };

  AbortParse depth_error(const SourceLocation& where) const {
    return AbortParse{where, "YAML nesting is too deep (more than " + std::to_string(limits_.max_depth) + " levels)"};
  }

  void count_nodes(std::size_t n, std::size_t bytes, const YAML::Mark& mark) {
    total_ += n;
    total_bytes_ += bytes;
    if (total_ > limits_.max_nodes) {
      throw AbortParse{loc(mark), "YAML document has more than " + std::to_string(limits_.max_nodes) +
                                      " nodes after alias expansion (too many or too deeply nested aliases)"};
    }
    if (total_bytes_ > limits_.max_expanded_bytes) {
      throw AbortParse{loc(mark), "YAML document has more than " + std::to_string(limits_.max_expanded_bytes) +
                                      " bytes of text after alias expansion (aliases of long values)"};
    }
  }

  void register_anchor(YAML::anchor_t anchor) {
    if (anchor == 0) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    anchors_[anchor] = Anchor{std::move(pending_anchor_name_), false, Node{}, 0, 0, 0};
    pending_anchor_name_.clear();
  }

  void finish_anchor(YAML::anchor_t anchor, const Node& node, std::size_t count, std::size_t bytes,
                     std::size_t height) {
    if (anchor == 0) return;
    if (anchors_.size() <= anchor) anchors_.resize(anchor + 1);
    Anchor& a = anchors_[anchor];
    a.complete = true;
    a.node = node;
    a.count = count;
    a.bytes = bytes;
    a.height = height;
  }

  bool in_key_position() const {
    return !frames_.empty() && frames_.back().node.kind == Node::Kind::Object && frames_.back().expect_key;
  }

  // yaml-cpp reports plain null-like scalars (~, null, Null, NULL) as OnNull; as keys they
  // keep their text.
  std::string null_key_text(const YAML::Mark& mark) const {
    if (mark.pos < 0) return {};
    std::string_view rest = text_.substr(std::min(static_cast<std::size_t>(mark.pos), text_.size()));
    for (std::string_view literal : {"null", "Null", "NULL", "~"}) {
      if (rest.substr(0, literal.size()) == literal) {
        const char next = rest.size() > literal.size() ? rest[literal.size()] : ' ';
        if (next == ' ' || next == '\t' || next == ':' || next == ',' || next == ']' || next == '}' ||
            next == '\n' || next == '\r') {
          return std::string(literal);
        }
      }
    }
    return {};
  }

  static std::string scalar_text(const Node& n) {
    switch (n.kind) {
      case Node::Kind::Bool: return n.boolean ? "true" : "false";
      case Node::Kind::Null: return {};
      default: return n.text;
    }
  }

  void complex_key(Node::Kind kind, const SourceLocation& where) {
    Frame& f = frames_.back();
    diags_.error(where, "mapping key is a" + std::string(kind == Node::Kind::Object || kind == Node::Kind::Array ? "n " : " ") +
                            std::string(Node::kind_name(kind)) + "; only scalar keys are supported");
    f.expect_key = false;
    f.skip_value = true;
  }

  void take_key(std::string text, const SourceLocation& where, YAML::anchor_t anchor) {
    if (anchor != 0) {
      register_anchor(anchor);
      Node key_node;
      key_node.kind = Node::Kind::String;
      key_node.location = where;
      key_node.text = text;
      finish_anchor(anchor, key_node, 1, text.size(), 0);
    }
    Frame& f = frames_.back();
    f.expect_key = false;
    f.count += 1;
    f.bytes += text.size();
    std::size_t previous = npos;
    if (!f.index.empty()) {
      if (auto it = f.index.find(text); it != f.index.end()) previous = it->second;
    } else {
      for (std::size_t i = 0; i < f.node.members.size(); ++i) {
        if (f.node.members[i].first == text) {
          previous = i;
          break;
        }
      }
    }
    if (previous != npos) {
      const SourceLocation& first = f.key_locations[previous];
      diags_.error(where, "duplicate key '" + detail::quote_for_message(text) + "' in mapping (first defined at line " +
                              std::to_string(first.line) + ", column " + std::to_string(first.column) + ")");
      f.skip_value = true;
      return;
    }
    f.skip_value = false;
    f.key = std::move(text);
    f.key_location = where;
  }

  Node resolve_scalar(const std::string& tag, const std::string& value, const SourceLocation& where) {
    Node node;
    node.location = where;
    if (tag == "?") {  // untagged plain scalar: YAML 1.2 core schema
      if (is_null_literal(value)) return node;
      if (auto b = bool_literal(value)) {
        node.kind = Node::Kind::Bool;
        node.boolean = *b;
        return node;
      }
      if (parse_core_int(value, node) || parse_core_float(value, node)) return node;
      node.kind = Node::Kind::String;
      node.text = value;
      return node;
    }
    if (tag.size() > kTagPrefix.size() && std::string_view(tag).substr(0, kTagPrefix.size()) == kTagPrefix) {
      const std::string_view type = std::string_view(tag).substr(kTagPrefix.size());
      bool ok = true;
      if (type == "null") {
        ok = is_null_literal(value);
        if (ok) return node;
      } else if (type == "bool") {
        if (auto b = bool_literal(value)) {
          node.kind = Node::Kind::Bool;
          node.boolean = *b;
          return node;
        }
        ok = false;
      } else if (type == "int") {
        if (parse_core_int(value, node)) return node;
        ok = false;
      } else if (type == "float") {
        if (parse_core_float(value, node)) return node;
        if (parse_core_int(value, node)) {
          node.kind = Node::Kind::Number;
          return node;
        }
        ok = false;
      }
      if (!ok) {
        diags_.error(where, "value '" + detail::quote_for_message(value) + "' is not a valid !!" + std::string(type));
      }
      node = Node{};
      node.location = where;
    }
    // Quoted ("!"), !!str, and any other tag: the text as written.
    node.kind = Node::Kind::String;
    node.text = value;
    return node;
  }

  void open(Node::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    count_nodes(1, 0, mark);
    const SourceLocation where = loc(mark);
    if (frames_.size() + 1 > limits_.max_depth) throw depth_error(where);
    register_anchor(anchor);
    Frame& f = frames_.emplace_back();
    f.node.kind = kind;
    f.node.location = where;
    f.anchor = anchor;
  }

  void close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    complete(std::move(f.node), f.count, f.bytes, f.height, f.anchor);
  }

  void complete(Node&& node, std::size_t count, std::size_t bytes, std::size_t height, YAML::anchor_t anchor) {
    if (anchor != 0) {
      if (height == 0) register_anchor(anchor);  // containers registered theirs in open()
      finish_anchor(anchor, node, count, bytes, height);
    }
    if (frames_.empty()) {
      root_ = std::move(node);
      has_root_ = true;
      return;
    }
    Frame& parent = frames_.back();
    parent.count += count;
    parent.bytes += bytes;
    parent.height = std::max(parent.height, height + 1);
    if (parent.node.kind == Node::Kind::Array) {
      parent.node.items.push_back(std::move(node));
      return;
    }
    if (parent.expect_key) {  // a sequence or mapping used as a key
      complex_key(node.kind, node.location);
      return;
    }
    parent.expect_key = true;
    if (parent.skip_value) {
      parent.skip_value = false;
      return;
    }
    if (!parent.index.empty()) parent.index.emplace(parent.key, parent.node.members.size());
    parent.node.members.emplace_back(std::move(parent.key), std::move(node));
    parent.key_locations.push_back(parent.key_location);
    if (parent.index.empty() && parent.node.members.size() >= kIndexThreshold) {
      parent.index.reserve(parent.node.members.size() * 2);
      for (std::size_t i = 0; i < parent.node.members.size(); ++i) parent.index.emplace(parent.node.members[i].first, i);
    }
  }

  // Replaces alias placeholders by copies of their anchors' nodes (which may hold placeholders
  // themselves). Sizes and depths were checked while parsing, so this stays within the limits.
  void expand(Node& node) {
    while (is_placeholder(node)) node = anchors_[static_cast<std::size_t>(node.integer)].node;
    for (auto& item : node.items) expand(item);
    for (auto& member : node.members) expand(member.second);
  }

  std::string_view text_;
  const std::string* file_;
  Diagnostics& diags_;
  const LoadLimits& limits_;
  detail::LineCursor cursor_;

  std::vector<Frame> frames_;
  std::vector<Anchor> anchors_;  // by yaml-cpp anchor id (1-based)
  std::string pending_anchor_name_;
  std::size_t total_ = 0;
  std::size_t total_bytes_ = 0;
  int documents_ = 0;
  bool has_placeholders_ = false;
  Node root_;
  bool has_root_ = false;
};

}  // namespace

std::unique_ptr<Node> parse_yaml(std::string_view text, const std::string* file, Diagnostics& diags,
                                 const LoadLimits& limits) {
  if (!detail::prepare_document_text(text, file, diags)) return nullptr;
  std::string normalized;
  if (text.find('\r') != std::string_view::npos) {
    normalized = with_lone_cr_as_lf(text);
    text = normalized;
  }
  YamlBuilder builder(text, file, diags, limits);
  try {
    ViewStreamBuf buf(text);
    std::istream in(&buf);
    YAML::Parser parser(in);
    if (!parser.HandleNextDocument(builder) || !builder.has_root()) {
      diags.error(SourceLocation{file, 1, 1}, "empty document (the file contains only comments or directives)");
      return nullptr;
    }
    parser.HandleNextDocument(builder);  // throws AbortParse if a second document follows
  } catch (const AbortParse& abort) {
    diags.error(abort.where, abort.message);
    return nullptr;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own recursion guard (about 500 nested nodes in yaml-cpp 0.7). Its mark is where
    // the scanner is, possibly far ahead; the innermost open collection is more useful.
    diags.error(builder.innermost_open().value_or(builder.loc(e.mark)),
                "YAML nesting is too deep (yaml-cpp stops at " + std::to_string(e.depth()) + " levels)");
    return nullptr;
  } catch (const YAML::Exception& e) {
    diags.error(builder.loc(e.mark), "invalid YAML: " + readable_yaml_error(e.msg));
    return nullptr;
  } catch (const std::bad_alloc&) {
    throw;  // reported as out of memory by the command
  } catch (const std::exception&) {
    diags.error(builder.innermost_open().value_or(SourceLocation{file, 1, 1}), "invalid YAML");
    return nullptr;
  }
  return builder.take_root();
}

}  // namespace wink::codegen::load
