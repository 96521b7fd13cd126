// The fast path for JSON documents: a recursive-descent parser that builds Nodes straight from
// the text, tracking positions as it goes. It accepts only what the reporting parser
// (json_parser.cpp, nlohmann's SAX) accepts and builds the same tree; on anything else (a syntax
// error, a duplicate key, a limit) it gives up without a word and parse_json reparses with the
// reporting parser, so every diagnostic still comes from one place.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iterator>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "load/loader.h"
#include "load/text_support.h"

namespace wink::codegen::load {
namespace {

class FastJsonParser {
 public:
  FastJsonParser(std::string_view text, const std::string* file, const LoadLimits& limits)
      : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), limits_(limits), cursor_(text, file) {}

  std::unique_ptr<Node> run() {
    auto root = std::make_unique<Node>();
    skip_space();
    if (!value(*root, 0)) return nullptr;
    skip_space();
    if (p_ != end_) return nullptr;
    return root;
  }

 private:
  void skip_space() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool value(Node& out, std::size_t depth) {
    if (p_ == end_ || ++nodes_ > limits_.max_nodes) return false;
    out.location = cursor_.at(static_cast<std::size_t>(p_ - begin_));
    switch (*p_) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"':
        out.kind = Node::Kind::String;
        return string(out.text);
      case 't':
        out.boolean = true;
        return literal("true", Node::Kind::Bool, out);
      case 'f': return literal("false", Node::Kind::Bool, out);
      case 'n': return literal("null", Node::Kind::Null, out);
      default: return number(out);
    }
  }

  bool literal(const char* word, Node::Kind kind, Node& out) {
    const std::size_t n = std::strlen(word);
    if (static_cast<std::size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    out.kind = kind;
    return true;
  }

  // Children collect on one stack shared by all depths (`members_`, `items_`); a finished
  // container moves its own range into a vector of exactly the right size.
  bool object(Node& out, std::size_t depth) {
    const std::size_t base = members_.size();
    auto member = [&] {
      if (p_ == end_ || *p_ != '"') return false;
      std::string key;
      if (!string(key)) return false;
      skip_space();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      skip_space();
      Node child;
      if (!value(child, depth)) return false;
      members_.emplace_back(std::move(key), std::move(child));
      return true;
    };
    if (!container(out, Node::Kind::Object, depth, '}', member)) return false;
    move_range(members_, base, out.members);
    return !has_duplicate_keys(out);
  }

  bool array(Node& out, std::size_t depth) {
    const std::size_t base = items_.size();
    auto item = [&] {
      Node child;
      if (!value(child, depth)) return false;
      items_.push_back(std::move(child));
      return true;
    };
    if (!container(out, Node::Kind::Array, depth, ']', item)) return false;
    move_range(items_, base, out.items);
    return true;
  }

  // At '{' or '[': elements separated by commas up to `close`.
  template <typename Element>
  bool container(Node& out, Node::Kind kind, std::size_t depth, char close, Element&& element) {
    if (depth > limits_.max_depth) return false;
    out.kind = kind;
    ++p_;
    skip_space();
    if (p_ != end_ && *p_ == close) {
      ++p_;
      return true;
    }
    while (true) {
      if (!element()) return false;
      skip_space();
      if (p_ == end_) return false;
      if (*p_ == close) {
        ++p_;
        return true;
      }
      if (*p_ != ',') return false;
      ++p_;
      skip_space();
    }
  }

  template <typename T>
  static void move_range(std::vector<T>& stack, std::size_t base, std::vector<T>& into) {
    into.reserve(stack.size() - base);
    std::move(stack.begin() + static_cast<std::ptrdiff_t>(base), stack.end(), std::back_inserter(into));
    stack.erase(stack.begin() + static_cast<std::ptrdiff_t>(base), stack.end());
  }

  // Duplicates are reported (with both positions) by the reporting parser.
  static bool has_duplicate_keys(const Node& object) {
    const auto& m = object.members;
    if (m.size() < 16) {
      for (std::size_t i = 1; i < m.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (m[i].first == m[j].first) return true;
      return false;
    }
    std::vector<std::string_view> keys;
    keys.reserve(m.size());
    for (const auto& member : m) keys.push_back(member.first);
    std::sort(keys.begin(), keys.end());
    return std::adjacent_find(keys.begin(), keys.end()) != keys.end();
  }

  // At the opening quote. The document is already known to be valid UTF-8.
  bool string(std::string& out) {
    ++p_;
    const char* run = p_;
    while (true) {
      while (p_ != end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
      if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x20) return false;
      out.append(run, static_cast<std::size_t>(p_ - run));
      if (*p_ == '"') {
        ++p_;
        return true;
      }
      if (!escape(out)) return false;
      run = p_;
    }
  }

  bool escape(std::string& out) {
    if (end_ - p_ < 2) return false;
    const char c = p_[1];
    p_ += 2;
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    unsigned code = 0;
    if (!hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate first
    if (code >= 0xD800 && code <= 0xDBFF) {
      unsigned low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, code);
    return true;
  }

  bool hex4(unsigned& code) {
    if (end_ - p_ < 4) return false;
    for (int i = 0; i < 4; ++i, ++p_) {
      const char c = *p_;
      code <<= 4;
      if (c >= '0' && c <= '9') code |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') code |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') code |= static_cast<unsigned>(c - 'A' + 10);
      else return false;
    }
    return true;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  static bool digit(char c) { return c >= '0' && c <= '9'; }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, classified as the reporting parser does: integers that
  // fit int64 are Integer, larger ones up to UINT64_MAX are Number with that value, anything
  // else (fractions, exponents, overflow) is Number from strtod. `text` is the literal.
  bool number(Node& out) {
    const char* start = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    if (p_ == end_ || !digit(*p_)) return false;
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    bool integral = true;
    if (p_ != end_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !digit(*p_)) return false;
      while (p_ != end_ && digit(*p_)) ++p_;
    }
    out.text.assign(start, static_cast<std::size_t>(p_ - start));
    if (integral) {
      std::uint64_t magnitude = 0;
      bool overflow = false;
      for (const char* d = start + (negative ? 1 : 0); d != p_; ++d) {
        const unsigned v = static_cast<unsigned>(*d - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - v) / 10) {
          overflow = true;
          break;
        }
        magnitude = magnitude * 10 + v;
      }
      constexpr std::uint64_t kMaxInt = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
      if (!overflow && negative && magnitude <= kMaxInt + 1) {
        out.kind = Node::Kind::Integer;
        out.integer = magnitude == kMaxInt + 1 ? std::numeric_limits<std::int64_t>::min()
                                               : -static_cast<std::int64_t>(magnitude);
        out.number = static_cast<double>(out.integer);
        return true;
      }
      if (!overflow && !negative) {
        out.kind = magnitude <= kMaxInt ? Node::Kind::Integer : Node::Kind::Number;
        if (out.kind == Node::Kind::Integer) out.integer = static_cast<std::int64_t>(magnitude);
        out.number = static_cast<double>(magnitude);
        return true;
      }
    }
    out.kind = Node::Kind::Number;
    out.number = std::strtod(out.text.c_str(), nullptr);
    return std::isfinite(out.number);  // "1e400" is an error ("number overflow")
  }

  const char* begin_;
  const char* p_;
  const char* end_;
  const LoadLimits& limits_;
  detail::LineCursor cursor_;
  std::size_t nodes_ = 0;
  std::vector<Node> items_;
  std::vector<Node::Member> members_;
};

}  // namespace

std::unique_ptr<Node> parse_json_fast(std::string_view text, const std::string* file, const LoadLimits& limits) {
  return FastJsonParser(text, file, limits).run();
}

}  // namespace wink::codegen::load
