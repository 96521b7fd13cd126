#include "load/node.h"

#include <charconv>
#include <cmath>

namespace wink::codegen::load {

const Node* Node::find(std::string_view key) const {
  if (kind != Kind::Object) return nullptr;
  for (const auto& [name, value] : members) {
    if (name == key) return &value;
  }
  return nullptr;
}

std::string_view Node::kind_name(Kind k) {
  switch (k) {
    case Kind::Null: return "null";
    case Kind::Bool: return "boolean";
    case Kind::Integer: return "integer";
    case Kind::Number: return "number";
    case Kind::String: return "string";
    case Kind::Array: return "array";
    case Kind::Object: return "object";
  }
  return "unknown";
}

namespace {

// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number_literal(std::string_view s) {
  std::size_t i = 0;
  const auto digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  if (i < s.size() && s[i] == '-') ++i;
  if (!digit(i)) return false;
  if (s[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == s.size();
}

void append_escaped(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

void append_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";  // JSON has no infinity/NaN (YAML .inf/.nan); same choice as nlohmann::json
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d);
  std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
  out += text;
}

void append_json(std::string& out, const Node& node) {
  switch (node.kind) {
    case Node::Kind::Null: out += "null"; break;
    case Node::Kind::Bool: out += node.boolean ? "true" : "false"; break;
    case Node::Kind::Integer:
      if (!node.text.empty() && is_json_number_literal(node.text)) {
        out += node.text;
      } else {
        out += std::to_string(node.integer);
      }
      break;
    case Node::Kind::Number:
      if (!node.text.empty() && is_json_number_literal(node.text)) {
        out += node.text;
      } else {
        append_double(out, node.number);
      }
      break;
    case Node::Kind::String: append_escaped(out, node.text); break;
    case Node::Kind::Array: {
      out += '[';
      bool first = true;
      for (const auto& item : node.items) {
        if (!first) out += ',';
        first = false;
        append_json(out, item);
      }
      out += ']';
      break;
    }
    case Node::Kind::Object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : node.members) {
        if (!first) out += ',';
        first = false;
        append_escaped(out, key);
        out += ':';
        append_json(out, value);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

std::string to_json_text(const Node& node) {
  std::string out;
  append_json(out, node);
  return out;
}

}  // namespace wink::codegen::load
