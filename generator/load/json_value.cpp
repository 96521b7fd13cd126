#include "load/json_value.h"

#include <charconv>
#include <cmath>
#include <optional>
#include <string>

namespace wink::codegen::load {
namespace {

// A number literal without fraction or exponent, too big for int64 (the parsers make those
// Number nodes): kept as the unsigned integer it spells when it fits.
std::optional<std::uint64_t> big_unsigned(const std::string& text) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  std::uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

nlohmann::ordered_json to_json_value(const Node& node) {
  using Json = nlohmann::ordered_json;
  switch (node.kind) {
    case Node::Kind::Null: return nullptr;
    case Node::Kind::Bool: return node.boolean;
    case Node::Kind::Integer:
      if (node.integer >= 0) return static_cast<std::uint64_t>(node.integer);
      return node.integer;
    case Node::Kind::Number:
      if (auto u = big_unsigned(node.text)) return *u;
      if (!std::isfinite(node.number)) return nullptr;
      return node.number;
    case Node::Kind::String: return node.text;
    case Node::Kind::Array: {
      Json out = Json::array();
      for (const auto& item : node.items) out.push_back(to_json_value(item));
      return out;
    }
    case Node::Kind::Object: {
      Json out = Json::object();
      for (const auto& [key, value] : node.members) out[key] = to_json_value(value);
      return out;
    }
  }
  return nullptr;
}

}  // namespace wink::codegen::load
