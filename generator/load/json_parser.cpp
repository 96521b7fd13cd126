// JSON -> Node through nlohmann::json's SAX interface (no intermediate DOM): one parser for
// valid and invalid documents alike, which reports every problem with its line:column.
//
// Positions: nlohmann's SAX events carry no source position, so the parser reads the text
// through `TrackingIterator`, which publishes how far the lexer has read. When an event fires
// the lexer has just consumed the token (plus, for numbers, one look-ahead character), so the
// start of the token is found by stepping back over it: `{`/`[` are one character, literals
// have fixed lengths, numbers consist of [0-9+-.eE], and a string starts at the last unescaped
// quote before its closing quote. Every node thus gets the line:column of its first character
// (keys too, for duplicate-key diagnostics).

#include <cstring>
#include <iterator>
#include <limits>
#include <new>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "load/loader.h"
#include "load/text_support.h"

namespace wink::codegen::load {
namespace {

// Input iterator over a char range that records the lexer's read position in `*sink`.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* p, const char** sink) : p_(p), sink_(sink) {}

  reference operator*() const { return *p_; }
  TrackingIterator& operator++() {
    ++p_;
    *sink_ = p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++*this;
    return old;
  }
  friend bool operator!=(const TrackingIterator& a, const TrackingIterator& b) { return a.p_ != b.p_; }

 private:
  const char* p_ = nullptr;
  const char** sink_ = nullptr;
};

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Shortens nlohmann's "[json.exception.parse_error.101] parse error at line 1, column 2:
// syntax error while parsing object - unexpected end of input; expected '}'" to
// "unexpected end of input; expected '}'" (plus a short "last read" excerpt when useful).
std::string readable_parse_error(const std::string& what) {
  std::string_view msg(what);
  if (msg.substr(0, 1) == "[") {  // "[json.exception.out_of_range.406] number overflow ..."
    if (auto close = msg.find("] "); close != std::string_view::npos) msg.remove_prefix(close + 2);
  }
  if (auto p = msg.find("syntax error"); p != std::string_view::npos) {
    msg.remove_prefix(p);
    if (auto dash = msg.find(" - "); dash != std::string_view::npos) msg.remove_prefix(dash + 3);
  } else if (auto colon = msg.find(": "); colon != std::string_view::npos) {
    msg.remove_prefix(colon + 2);
  }
  std::string out;
  // "...; last read: '<token so far>'" can be long (whole strings); keep it only when short.
  constexpr std::string_view kLastRead = "; last read: '";
  if (auto lr = msg.find(kLastRead); lr != std::string_view::npos) {
    out.assign(msg.substr(0, lr));
    std::string_view rest = msg.substr(lr + kLastRead.size());
    // The token excerpt ends at the last "'" before an optional "; expected ...".
    std::string_view expected;
    if (auto ex = rest.rfind("'; expected "); ex != std::string_view::npos) {
      expected = rest.substr(ex + 1);
      rest = rest.substr(0, ex);
    } else if (!rest.empty() && rest.back() == '\'') {
      rest.remove_suffix(1);
    }
    if (rest.size() <= 40 && rest.find("<U+000A>") == std::string_view::npos) {
      out += "; last read: '";
      out += rest;
      out += '\'';
    }
    out += expected;
  } else {
    out.assign(msg);
  }
  return out;
}

class JsonBuilder {
 public:
  using number_integer_t = nlohmann::json::number_integer_t;
  using number_unsigned_t = nlohmann::json::number_unsigned_t;
  using number_float_t = nlohmann::json::number_float_t;
  using string_t = nlohmann::json::string_t;
  using binary_t = nlohmann::json::binary_t;

  JsonBuilder(std::string_view text, const std::string* file, Diagnostics& diags, const LoadLimits& limits)
      : text_(text), file_(file), diags_(diags), limits_(limits), cursor_(text, file), read_(text.data()) {}

  const char** sink() { return &read_; }
  // Where the lexer is (for errors raised outside the SAX callbacks).
  SourceLocation where_read() const { return detail::location_of(text_, read_offset(), file_); }

  // --- SAX interface -------------------------------------------------------------------------
  bool null() { return scalar_fixed(4, Node::Kind::Null); }

  bool boolean(bool value) {
    Node node;
    node.kind = Node::Kind::Bool;
    node.boolean = value;
    node.location = at(read_offset() - (value ? 4 : 5));
    return add_value(std::move(node));
  }

  bool number_integer(number_integer_t value) {
    Node node;
    node.kind = Node::Kind::Integer;
    node.integer = value;
    node.number = static_cast<double>(value);
    set_number_text(node);
    return add_value(std::move(node));
  }

  bool number_unsigned(number_unsigned_t value) {
    Node node;
    if (value <= static_cast<number_unsigned_t>(std::numeric_limits<std::int64_t>::max())) {
      node.kind = Node::Kind::Integer;
      node.integer = static_cast<std::int64_t>(value);
    } else {
      node.kind = Node::Kind::Number;  // does not fit int64
    }
    node.number = static_cast<double>(value);
    set_number_text(node);
    return add_value(std::move(node));
  }

  bool number_float(number_float_t value, const string_t& literal) {
    Node node;
    node.kind = Node::Kind::Number;
    node.number = value;
    const std::size_t end = number_end();
    node.location = at(number_start(end));
    node.text = literal;
    return add_value(std::move(node));
  }

  bool string(string_t& value) {
    Node node;
    node.kind = Node::Kind::String;
    node.location = at(string_start(read_offset()));
    node.text = std::move(value);
    return add_value(std::move(node));
  }

  bool binary(binary_t& /*unused*/) { return false; }  // never produced by the JSON lexer

  bool start_object(std::size_t /*unused*/) { return open(Node::Kind::Object); }
  bool start_array(std::size_t /*unused*/) { return open(Node::Kind::Array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t& name) {
    Frame& f = frames_[depth_ - 1];
    f.key_location = at(string_start(read_offset()));
    f.skip_value = false;
    // Duplicate check: linear for small objects, hashed once an object grows.
    std::size_t previous = npos;
    if (f.index_built) {
      if (auto it = f.index.find(name); it != f.index.end()) previous = it->second;
    } else {
      for (std::size_t i = 0; i < f.members.size(); ++i) {
        if (f.members[i].first == name) {
          previous = i;
          break;
        }
      }
    }
    if (previous != npos) {
      const SourceLocation& first = f.key_locations[previous];
      diags_.error(f.key_location, "duplicate key '" + detail::quote_for_message(name) +
                                       "' in object (first defined at line " + std::to_string(first.line) +
                                       ", column " + std::to_string(first.column) + ")");
      f.skip_value = true;
      return true;
    }
    f.key = std::move(name);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& ex) {
    // `position` counts the characters the lexer read, including the offending one (an
    // attempted read at end of input counts too): the offending character is position - 1.
    std::size_t offset = position > 0 ? position - 1 : 0;
    if (offset > text_.size()) offset = text_.size();
    std::string message = readable_parse_error(ex.what());
    // For "unexpected string literal" / "unexpected number literal" point at the token start.
    if (message.rfind("unexpected string literal", 0) == 0 && offset < text_.size() && text_[offset] == '"') {
      offset = string_start(offset + 1);
    } else if (message.rfind("unexpected number literal", 0) == 0 && offset < text_.size() &&
               is_number_char(text_[offset])) {
      offset = number_start(offset + 1);
    } else if (message.rfind("invalid literal", 0) == 0) {
      // "tru]": the lexer stopped at ']'; point at the start of the word instead.
      const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
      while (offset > 0 && letter(text_[offset - 1])) --offset;
    }
    diags_.error(detail::location_of(text_, offset, file_), "invalid JSON: " + message);
    failed_ = true;
    return false;
  }

  // --- results -------------------------------------------------------------------------------
  bool failed() const { return failed_; }
  std::unique_ptr<Node> take_root() {
    if (failed_ || !has_root_) return nullptr;
    return std::make_unique<Node>(std::move(root_));
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  static constexpr std::size_t kIndexThreshold = 16;

  // An array or object being parsed. Its elements gather in `items`/`members`, which keep their
  // capacity from one container to the next at this depth; the finished node then gets them in
  // storage of exactly their size (a document's many small containers would otherwise grow by
  // reallocation, each leaving up to half its storage unused).
  struct Frame {
    Node node;
    std::vector<Node> items;
    std::vector<Node::Member> members;
    std::string key;                          // pending member name
    SourceLocation key_location;              // of the pending member name
    bool skip_value = false;                  // pending member is a duplicate
    std::vector<SourceLocation> key_locations;  // parallel to members
    std::unordered_map<std::string, std::size_t> index;  // member name -> position (big objects)
    bool index_built = false;
  };

  std::size_t read_offset() const { return static_cast<std::size_t>(read_ - text_.data()); }

  SourceLocation at(std::size_t offset) { return cursor_.at(offset); }

  // End of a number token: the lexer read one character past it unless input ended there.
  std::size_t number_end() const {
    std::size_t end = read_offset();
    if (end > 0 && !(text_[end - 1] >= '0' && text_[end - 1] <= '9')) --end;
    return end;
  }
  std::size_t number_start(std::size_t end) const {
    std::size_t start = end;
    while (start > 0 && is_number_char(text_[start - 1])) --start;
    return start;
  }
  // `end` is one past the closing quote; returns the offset of the opening quote.
  std::size_t string_start(std::size_t end) const {
    if (end == 0) return 0;
    std::size_t i = end - 1;  // closing quote
    while (i > 0) {
      --i;
      if (text_[i] != '"') continue;
      std::size_t backslashes = 0;
      while (i > backslashes && text_[i - 1 - backslashes] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return i;
    }
    return 0;
  }

  void set_number_text(Node& node) {
    const std::size_t end = number_end();
    const std::size_t start = number_start(end);
    node.location = at(start);
    node.text.assign(text_.substr(start, end - start));
  }

  bool scalar_fixed(std::size_t length, Node::Kind kind) {
    Node node;
    node.kind = kind;
    node.location = at(read_offset() - length);
    return add_value(std::move(node));
  }

  bool count_node(const SourceLocation& where) {
    if (++nodes_ > limits_.max_nodes) {
      diags_.error(where, "document has more than " + std::to_string(limits_.max_nodes) + " nodes");
      failed_ = true;
      return false;
    }
    return true;
  }

  bool open(Node::Kind kind) {
    const SourceLocation where = at(read_offset() - 1);
    if (depth_ + 1 > limits_.max_depth) {
      diags_.error(where, "JSON nesting is too deep (more than " + std::to_string(limits_.max_depth) + " levels)");
      failed_ = true;
      return false;
    }
    if (!count_node(where)) return false;
    if (frames_.size() == depth_) frames_.emplace_back();
    Frame& f = frames_[depth_++];
    f.node = Node{};
    f.node.kind = kind;
    f.node.location = where;
    f.items.clear();
    f.members.clear();
    f.key.clear();
    f.skip_value = false;
    f.key_locations.clear();
    if (f.index_built) {
      f.index.clear();
      f.index_built = false;
    }
    return true;
  }

  bool close() {
    Frame& f = frames_[--depth_];
    Node node = std::move(f.node);
    if (node.kind == Node::Kind::Array) {
      node.items.reserve(f.items.size());
      std::move(f.items.begin(), f.items.end(), std::back_inserter(node.items));
      f.items.clear();
    } else {
      node.members.reserve(f.members.size());
      std::move(f.members.begin(), f.members.end(), std::back_inserter(node.members));
      f.members.clear();
    }
    return attach(std::move(node));
  }

  bool add_value(Node&& node) {
    if (!count_node(node.location)) return false;
    return attach(std::move(node));
  }

  bool attach(Node&& node) {
    if (depth_ == 0) {
      root_ = std::move(node);
      has_root_ = true;
      return true;
    }
    Frame& parent = frames_[depth_ - 1];
    if (parent.node.kind == Node::Kind::Array) {
      parent.items.push_back(std::move(node));
      return true;
    }
    if (parent.skip_value) {
      parent.skip_value = false;
      return true;
    }
    if (parent.index_built) parent.index.emplace(parent.key, parent.members.size());
    parent.members.emplace_back(std::move(parent.key), std::move(node));
    parent.key_locations.push_back(parent.key_location);
    if (!parent.index_built && parent.members.size() >= kIndexThreshold) {
      parent.index.reserve(parent.members.size() * 2);
      for (std::size_t i = 0; i < parent.members.size(); ++i) parent.index.emplace(parent.members[i].first, i);
      parent.index_built = true;
    }
    return true;
  }

  std::string_view text_;
  const std::string* file_;
  Diagnostics& diags_;
  const LoadLimits& limits_;
  detail::LineCursor cursor_;
  const char* read_;  // lexer's read position (one past the last consumed character)

  std::vector<Frame> frames_;
  std::size_t depth_ = 0;
  std::size_t nodes_ = 0;
  Node root_;
  bool has_root_ = false;
  bool failed_ = false;
};

// The reporting parse of text that passed detail::prepare_document_text.
std::unique_ptr<Node> parse_prepared(std::string_view text, const std::string* file, Diagnostics& diags,
                                     const LoadLimits& limits) {
  JsonBuilder builder(text, file, diags, limits);
  try {
    TrackingIterator first(text.data(), builder.sink());
    TrackingIterator last(text.data() + text.size(), builder.sink());
    const bool ok = nlohmann::json::sax_parse(first, last, &builder, nlohmann::json::input_format_t::json,
                                              /*strict=*/true, /*ignore_comments=*/false);
    if (!ok && !builder.failed()) {
      diags.error(SourceLocation{file, 1, 1}, "invalid JSON");
      return nullptr;
    }
  } catch (const std::bad_alloc&) {
    throw;  // reported as out of memory by the command
  } catch (const nlohmann::json::exception& e) {
    // nlohmann's text starts "[json.exception.<kind>.<id>]": only the readable part is shown.
    diags.error(builder.where_read(), "invalid JSON: " + readable_parse_error(e.what()));
    return nullptr;
  } catch (const std::exception&) {
    diags.error(builder.where_read(), "invalid JSON");
    return nullptr;
  }
  return builder.take_root();
}

}  // namespace

std::unique_ptr<Node> parse_json(std::string_view text, const std::string* file, Diagnostics& diags,
                                 const LoadLimits& limits) {
  if (!detail::prepare_document_text(text, file, diags)) return nullptr;
  return parse_prepared(text, file, diags, limits);
}

}  // namespace wink::codegen::load
