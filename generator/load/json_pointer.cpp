// RFC 6901 JSON pointers over Node trees.

#include <charconv>
#include <vector>

#include "load/loader.h"
#include "load/text_support.h"

namespace wink::codegen::load {

std::string escape_pointer_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

void link_parents(Node& root) {
  std::vector<Node*> pending{&root};
  while (!pending.empty()) {
    Node* n = pending.back();
    pending.pop_back();
    for (std::size_t i = 0; i < n->items.size(); ++i) {
      n->items[i].parent = n;
      n->items[i].slot = static_cast<std::uint32_t>(i);
      pending.push_back(&n->items[i]);
    }
    for (std::size_t i = 0; i < n->members.size(); ++i) {
      n->members[i].second.parent = n;
      n->members[i].second.slot = static_cast<std::uint32_t>(i);
      pending.push_back(&n->members[i].second);
    }
  }
}

std::string pointer_of(const Node& node) {
  std::vector<const Node*> chain;
  for (const Node* n = &node; n->parent; n = n->parent) chain.push_back(n);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Node& parent = *(*it)->parent;
    out += '/';
    if (parent.is_array()) {
      out += std::to_string((*it)->slot);
      continue;
    }
    for (char c : parent.members[(*it)->slot].first) {
      if (c == '~') out += "~0";
      else if (c == '/') out += "~1";
      else out += c;
    }
  }
  return out;
}

const Node* walk_pointer(const Node& root, std::string_view pointer) {
  return detail::walk_pointer_explained(root, pointer).node;
}

namespace detail {

namespace {

// Unescapes one reference token; nullopt on an invalid "~" escape.
std::optional<std::string> unescape_token(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '~') {
      out += token[i];
      continue;
    }
    if (i + 1 < token.size() && token[i + 1] == '0') {
      out += '~';
    } else if (i + 1 < token.size() && token[i + 1] == '1') {
      out += '/';
    } else {
      return std::nullopt;
    }
    ++i;
  }
  return out;
}

std::string where(std::string_view prefix) {
  return prefix.empty() ? std::string("the document root") : std::string(prefix);
}

}  // namespace

const Node* MemberIndex::find(const Node& object, std::string_view key) {
  constexpr std::size_t kIndexFrom = 32;  // members; smaller objects are scanned
  if (object.members.size() < kIndexFrom) return object.find(key);
  auto [it, added] = by_object_.try_emplace(&object);
  if (added) {
    it->second.reserve(object.members.size());
    for (const auto& m : object.members) it->second.emplace(m.first, &m.second);  // the first of duplicates
  }
  auto found = it->second.find(key);
  return found == it->second.end() ? nullptr : found->second;
}

PointerWalk walk_pointer_explained(const Node& root, std::string_view pointer, MemberIndex* index) {
  PointerWalk result;
  if (pointer.empty()) {
    result.node = &root;
    return result;
  }
  if (pointer.front() != '/') {
    result.error = "a JSON pointer must be empty or start with '/'";
    return result;
  }
  const Node* current = &root;
  std::size_t pos = 0;  // at a '/'
  while (pos < pointer.size()) {
    const std::size_t next = pointer.find('/', pos + 1);
    const std::string_view raw = pointer.substr(pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1);
    const std::string_view parent = pointer.substr(0, pos);
    auto token = unescape_token(raw);
    if (!token) {
      result.error = "invalid escape in segment '" + quote_for_message(raw) +
                     "' (in a JSON pointer '~' must be written ~0 and '/' ~1)";
      return result;
    }
    if (current->is_object()) {
      const Node* child = index ? index->find(*current, *token) : current->find(*token);
      if (!child) {
        result.error = "no member '" + quote_for_message(*token) + "' in " + where(parent);
        return result;
      }
      current = child;
    } else if (current->is_array()) {
      std::size_t index = 0;
      const bool numeric = !token->empty() && (token->size() == 1 || (*token)[0] != '0');
      const auto [ptr, ec] = std::from_chars(token->data(), token->data() + token->size(), index);
      if (!numeric || ec != std::errc() || ptr != token->data() + token->size()) {
        result.error = "'" + quote_for_message(*token) + "' is not an array index (in " + where(parent) + ")";
        return result;
      }
      if (index >= current->items.size()) {
        result.error = "no item " + *token + " in " + where(parent) + " (the array has " +
                       std::to_string(current->items.size()) + " items)";
        return result;
      }
      current = &current->items[index];
    } else {
      result.error = "cannot look up '" + quote_for_message(*token) + "' in " + where(parent) + ", which is " +
                     (current->kind == Node::Kind::Integer ? "an " : "a ") + std::string(current->kind_name());
      return result;
    }
    if (next == std::string_view::npos) break;
    pos = next;
  }
  result.node = current;
  return result;
}

std::optional<std::string> percent_decode(std::string_view text) {
  const auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int hi = i + 1 < text.size() ? hex(text[i + 1]) : -1;
    const int lo = i + 2 < text.size() ? hex(text[i + 2]) : -1;
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

}  // namespace detail
}  // namespace wink::codegen::load
